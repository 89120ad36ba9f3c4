package dev.sessionkit.jdbc;

/** MySQL 8: the MariaDB statements, but no RETURNING at all, so deletes lock, read, then delete. */
final class MySqlDialect extends MariaDbDialect {

  MySqlDialect(String table) {
    super(table, Yield.READ_BACK);
  }
}
