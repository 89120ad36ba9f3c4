package dev.sessionkit.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Statement timeouts on H2. Two things differ from the servers, both documented in the module
 * README: H2 lets a lock wait run past the query timeout until its own LOCK_TIMEOUT (set here to the
 * statement timeout, as the README advises), and its lock-timeout exception quotes the locked row,
 * secret hash included. sessionkit's own exception carries a redacted copy (the test checks it), but
 * HikariCP logs the original when it retires the connection, so this leaf uses H2's own pool.
 */
class H2StatementTimeoutTest extends AbstractStatementTimeoutTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }

  @Override
  DataSource newPool(String name, int size) {
    return JdbcConnectionPool.create(
        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=1000", "sa", "");
  }
}
