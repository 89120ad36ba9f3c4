package dev.sessionkit.jdbc;

import dev.sessionkit.testkit.SessionStoreContract;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The whole store contract on one database; a leaf per database names it. Every test gets its own
 * table, created through the builder and dropped afterwards.
 */
abstract class AbstractJdbcContractTest extends SessionStoreContract {
  private final Map<SessionStore, String> tables = new ConcurrentHashMap<>();

  /** The database under test. */
  abstract TestDatabases database();

  /** Where the tables go; the database's shared pool unless a leaf configures its own. */
  DataSource dataSource() {
    return database().shared();
  }

  @Override
  public SessionStore newStore(Clock clock) {
    // The store takes no clock: the service passes "now" into every call.
    String table = TestDatabases.newTableName();
    SessionStore store =
        JdbcSessionStore.builder()
            .dataSource(dataSource())
            .dialect(database().dialect)
            .tableName(table)
            .createSchema(true)
            .build();
    SessionStore decorated = decorate(store, table, clock);
    tables.put(decorated, table);
    return decorated;
  }

  /**
   * What the contract runs on: the store itself, or a decorator over it (a near-cache).
   *
   * @param store the JDBC store over {@code table}
   * @param table its table
   * @param clock the test's clock
   * @return the store under test
   */
  SessionStore decorate(SessionStore store, String table, Clock clock) {
    return store;
  }

  /** Every column of every row of the session and lock tables. */
  @Override
  public List<Object> dump(SessionStore store) throws SQLException {
    String table = tables.get(store);
    List<Object> values = new ArrayList<>();
    for (String name : List.of(table, table + "_lock")) {
      try (Connection c = dataSource().getConnection();
          ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + name)) {
        while (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            values.add(rs.getObject(i) instanceof java.sql.Clob ? rs.getString(i) : rs.getObject(i));
          }
        }
      } catch (SQLException e) {
        if (!name.endsWith("_lock") || database() != TestDatabases.POSTGRESQL) {
          throw e; // PostgreSQL has no lock table: its cap lock is an advisory lock
        }
      }
    }
    return values;
  }

  /** Fewer stress rounds than in memory: every round is a new table on a real server. */
  @Override
  public int stressRounds() {
    return 6;
  }

  @Override
  public void closeStore(SessionStore store) {
    String table = tables.remove(store);
    store.close(); // the pool is the test's: closing releases only what a decorator holds
    if (table != null) {
      JdbcSessionStore.dropSchema(dataSource(), database().dialect, table);
    }
  }
}
