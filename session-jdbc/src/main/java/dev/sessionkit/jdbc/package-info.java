/**
 * The store on a relational database ({@link dev.sessionkit.jdbc.JdbcSessionStore}): PostgreSQL,
 * MariaDB or H2 through any {@link javax.sql.DataSource}, shared by every node, with shipped schema and
 * upgrade scripts ({@link dev.sessionkit.jdbc.JdbcDialect}).
 */
package dev.sessionkit.jdbc;
