package dev.sessionkit.jdbc;

/**
 * The SQL dialects the JDBC store speaks. Pass one to {@link JdbcSessionStore.Builder#dialect} or let
 * the builder detect it from the connection's metadata.
 */
public enum JdbcDialect {
  /** PostgreSQL 9.5 or later. */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.5 or later (DELETE ... RETURNING). */
  MARIADB("mariadb"),
  /**
   * MySQL 8: the MariaDB schema, without RETURNING (revocations lock the rows, then delete them). Not
   * covered by the test suite.
   */
  MYSQL("mariadb"),
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
   * The dialect of a database, from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}.
   *
   * @param productName the product name the driver reports
   * @return the dialect
   * @throws IllegalArgumentException for a database this store does not support
   */
  static JdbcDialect fromProductName(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(java.util.Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb")) {
      return MARIADB;
    }
    if (name.contains("mysql")) {
      return MYSQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "unsupported database '" + productName + "': set the dialect explicitly");
  }
}
