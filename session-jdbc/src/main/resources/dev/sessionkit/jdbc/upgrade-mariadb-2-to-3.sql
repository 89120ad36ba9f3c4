-- sessionkit JDBC store: schema upgrade from version 2 to version 3.
--
-- Version 3 adds the change log, ${table}_changes, which every write that makes a cached copy of a
-- session stale appends to (see schema-mariadb.sql) and near-caches read. Existing tables and rows are
-- untouched. ${table} stands for the session table's name; JdbcSessionStore.builder().createSchema(true)
-- runs this for a table at version 2, JdbcSessionStore.upgradeScript(MARIADB, table, 2) gives the
-- text to a migration tool. Roll it out before any node runs this release: these nodes write the log,
-- and older nodes, which do not, would leave other nodes' near-caches stale.
CREATE TABLE IF NOT EXISTS ${table}_changes (
  seq        BIGINT NOT NULL AUTO_INCREMENT,
  session_id CHAR(22) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  logged_at  DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
  PRIMARY KEY (seq),
  KEY ${table}_changes_time_idx (logged_at)
) ENGINE=InnoDB;

UPDATE ${table}_version SET version = 3 WHERE id = 1 AND version = 2;
