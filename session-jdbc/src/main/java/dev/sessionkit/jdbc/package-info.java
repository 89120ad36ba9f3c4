/**
 * The store on a relational database ({@link dev.sessionkit.jdbc.JdbcSessionStore}): PostgreSQL,
 * MariaDB or H2 through any {@link javax.sql.DataSource}, shared by every node, with shipped schema and
 * upgrade scripts ({@link dev.sessionkit.jdbc.JdbcDialect}). The public types are {@code @NullMarked}
 * (JSpecify); the package-private implementation is not annotated.
 */
package dev.sessionkit.jdbc;
