package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database floor: one primary-key {@code SELECT} round trip through the same pool setup as our
 * JDBC store. A table of (id, 32-byte hash) rows like ours; validate borrows a connection, prepares
 * {@code SELECT hash FROM t WHERE id = ?}, reads the row and returns the connection. No hashing, no
 * clock, no parsing: whatever our store costs above this is ours. Lookup only.
 */
final class BareSelectBackend implements BearerIsKey {
  private final HikariDataSource dataSource;
  private final String table;
  private final String select;
  /** Logins write through one connection that does not wait for the commit flush: setup only. */
  private final Connection loader;
  private final PreparedStatement insert;

  BareSelectBackend(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.table = Databases.randomTableName("bare_");
    this.select = "SELECT hash FROM " + table + " WHERE id = ?";
    Databases.execute(dataSource, "CREATE TABLE " + table + " (id VARCHAR(66) PRIMARY KEY, hash BYTEA NOT NULL)");
    try {
      loader = dataSource.getConnection();
      try (Statement s = loader.createStatement()) {
        s.execute("SET synchronous_commit TO off");
      }
      insert = loader.prepareStatement("INSERT INTO " + table + " (id, hash) VALUES (?, ?)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String issue(String subject) {
    String bearer = UUID.randomUUID().toString();
    try {
      insert.setString(1, bearer);
      insert.setBytes(2, new byte[32]);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return bearer;
  }

  @Override
  public Object validate(String bearer) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(select)) {
      ps.setString(1, bearer);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void analyze() {
    Databases.execute(dataSource, "ANALYZE " + table);
  }

  @Override
  public void close() {
    try {
      insert.close();
      loader.close();
    } catch (SQLException e) {
      // the pool is closed next
    }
    Databases.execute(dataSource, "DROP TABLE IF EXISTS " + table);
    Databases.close(dataSource);
  }
}
