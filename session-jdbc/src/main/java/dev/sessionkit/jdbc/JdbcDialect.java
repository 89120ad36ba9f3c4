package dev.sessionkit.jdbc;

import org.jspecify.annotations.NullMarked;

/**
 * The SQL dialects the JDBC store speaks. Pass one to {@link JdbcSessionStore.Builder#dialect} or let
 * the builder detect it from the connection's metadata.
 *
 * <p>MySQL is not among them: no MySQL server runs in this project's test suite, and a store whose
 * promises (subjects kept apart whatever the collation, the cap at every isolation level) are not
 * tested on a database does not claim that database. MySQL 8 lacks MariaDB's NO PAD {@code ascii}
 * collation and RETURNING, so it would need its own schema and statements.
 */
@NullMarked
public enum JdbcDialect {
  /** PostgreSQL 9.5 or later. */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.5 or later (DELETE ... RETURNING, NO PAD collations). */
  MARIADB("mariadb"),
  /** H2 2.x, embedded or server. */
  H2("h2");

  private final String scriptSuffix;

  JdbcDialect(String scriptSuffix) {
    this.scriptSuffix = scriptSuffix;
  }

  /**
   * The class-path resource of this dialect's schema script, with the table name as {@code ${table}}.
   *
   * @return for example {@code dev/sessionkit/jdbc/schema-postgresql.sql}
   */
  public String schemaResource() {
    return "dev/sessionkit/jdbc/schema-" + scriptSuffix + ".sql";
  }

  /**
   * The class-path resource of the script that drops what {@link #schemaResource()} creates.
   *
   * @return for example {@code dev/sessionkit/jdbc/drop-postgresql.sql}
   */
  public String dropResource() {
    return "dev/sessionkit/jdbc/drop-" + scriptSuffix + ".sql";
  }

  /**
   * The class-path resource of the script that upgrades this dialect's tables from one schema version
   * to the next.
   *
   * @param fromVersion the version the tables are at
   * @return for example {@code dev/sessionkit/jdbc/upgrade-mariadb-1-to-2.sql}
   */
  String upgradeResource(int fromVersion) {
    return "dev/sessionkit/jdbc/upgrade-" + scriptSuffix + "-" + fromVersion + "-to-" + (fromVersion + 1) + ".sql";
  }

  /**
   * The dialect of a database, from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}.
   *
   * @param productName the product name the driver reports
   * @return the dialect
   * @throws IllegalArgumentException for a database this store does not support
   */
  static JdbcDialect detect(java.sql.Connection c) throws java.sql.SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    try {
      return fromProductName(product);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot tell the dialect of a '" + product + "' database; set it with dialect(...)", e);
    }
  }

  static JdbcDialect fromProductName(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(java.util.Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb")) {
      return MARIADB;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "unsupported database '" + productName + "': the JDBC store runs on PostgreSQL, MariaDB and H2");
  }
}
