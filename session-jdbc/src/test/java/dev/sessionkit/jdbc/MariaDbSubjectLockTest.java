package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** The subject lock on MariaDb: the subject's row in the lock table, locked FOR UPDATE. */
class MariaDbSubjectLockTest extends AbstractSubjectLockTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }

  @Override
  void holdSubjectLock(Connection holder, String table, String subject) throws Exception {
    try (PreparedStatement ps = holder.prepareStatement("SELECT subject FROM " + table + "_lock WHERE subject = ? FOR UPDATE")) {
      ps.setString(1, subject);
      ps.executeQuery().close();
    }
  }
}
