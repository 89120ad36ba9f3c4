package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A store on its own table and pool, with direct access to its change log, for the change-log tests. */
final class ChangeLogFixture implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  final TestDatabases database;
  final String table = TestDatabases.newTableName();
  final HikariDataSource pool;
  final SessionStore store;
  final SqlDialect sql;

  ChangeLogFixture(TestDatabases database) {
    this.database = database;
    this.pool = database.newPool("changes", 4);
    this.store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
    this.sql = SqlDialect.of(database.dialect, table);
  }

  /** A session id made of one repeated letter, e.g. id('B') = BBB...BA (a canonical id ends in A, Q, g or w). */
  static SessionId id(char c) {
    return SessionId.of(String.valueOf(c).repeat(21) + "A");
  }

  static byte[] hash(int b) {
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) b);
    return hash;
  }

  /** Creates a live session of {@code subject}, last accessed {@code minutes} after NOW. */
  StoredSession create(char id, String subject, int minutes) {
    Instant at = NOW.plus(Duration.ofMinutes(minutes));
    Session s = new Session(id(id), subject, at, at, at.plus(Duration.ofDays(1)), at.plus(Duration.ofHours(1)), 1,
        ClientInfo.empty(), Map.of());
    StoredSession stored = new StoredSession(s, hash(id));
    store.create(stored, SubjectCap.NONE, NOW);
    return stored;
  }

  /** The logged session ids, in sequence order. */
  List<String> logged() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT session_id FROM " + sql.changesTable + " ORDER BY seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Moves every log row's time to the database's time minus {@code age}. */
  void ageLog(Duration age) throws SQLException {
    try (Connection c = pool.getConnection()) {
      sql.update(c, "UPDATE " + sql.changesTable + " SET logged_at = " + sql.databaseTimeMinusMillis(), age.toMillis());
    }
  }

  /**
   * Opens a transaction that appends a log row and holds it (its sequence taken, not committed), as a
   * slow writer on another node would.
   */
  Connection openWriterHolding(SessionId id) throws SQLException {
    Connection c = pool.getConnection();
    c.setAutoCommit(false);
    sql.appendChanges(c, List.of(id.value()));
    return c;
  }

  JdbcInvalidationSource.Builder source() {
    return JdbcInvalidationSource.builder().dataSource(pool).tableName(table);
  }

  @Override
  public void close() {
    try {
      JdbcSessionStore.dropSchema(pool, database.dialect, table);
    } finally {
      pool.close();
    }
  }
}
