package dev.sessionkit.jdbc;

import dev.sessionkit.contract.SessionStoreContract;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
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
    tables.put(store, table);
    return store;
  }

  /** Fewer stress rounds than in memory: every round is a new table on a real server. */
  @Override
  public int stressRounds() {
    return 6;
  }

  @Override
  public void closeStore(SessionStore store) {
    String table = tables.remove(store);
    if (table != null) {
      JdbcSessionStore.dropSchema(dataSource(), database().dialect, table);
    }
  }
}
