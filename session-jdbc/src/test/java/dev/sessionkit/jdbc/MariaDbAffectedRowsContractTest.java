package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/**
 * The store contract on MariaDB with {@code useAffectedRows=true}, which makes an UPDATE report only
 * the rows whose values changed: a touch that changes nothing must still find its session live.
 */
class MariaDbAffectedRowsContractTest extends AbstractJdbcContractTest {
  private static final HikariDataSource POOL = TestDatabases.MARIADB.newPool("mariadb-affected-rows", 8,
      config -> config.setJdbcUrl(TestDatabases.MARIADB.urlWith("useAffectedRows=true")));

  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }

  @Override
  DataSource dataSource() {
    return POOL;
  }

  @AfterAll
  static void closePool() {
    POOL.close();
  }
}
