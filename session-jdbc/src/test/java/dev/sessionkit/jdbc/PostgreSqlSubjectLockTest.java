package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** The subject lock on PostgreSQL: a transaction-scoped advisory lock on (table, subject). */
class PostgreSqlSubjectLockTest extends AbstractSubjectLockTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }

  @Override
  void holdSubjectLock(Connection holder, String table, String subject) throws Exception {
    try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
      ps.setString(1, table);
      ps.setString(2, subject);
      ps.execute();
    }
  }
}
