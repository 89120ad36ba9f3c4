-- sessionkit JDBC store: schema upgrade from version 2 to version 3.
--
-- Version 3 adds the change log, ${table}_changes, which every write that makes a cached copy of a
-- session stale appends to (see schema-postgresql.sql) and near-caches read. Existing tables and rows are
-- untouched. ${table} stands for the session table's name; JdbcSessionStore.builder().createSchema(true)
-- runs this for a table at version 2, JdbcSessionStore.upgradeScript(POSTGRESQL, table, 2) gives the
-- text to a migration tool. Roll it out before any node runs this release: these nodes write the log,
-- and older nodes, which do not, would leave other nodes' near-caches stale.
CREATE TABLE IF NOT EXISTS ${table}_changes (
  seq        BIGSERIAL NOT NULL,
  session_id VARCHAR(22) COLLATE "C" NOT NULL,
  logged_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT ${table}_changes_pk PRIMARY KEY (seq)
);
CREATE INDEX IF NOT EXISTS ${table}_changes_time_idx ON ${table}_changes (logged_at);

UPDATE ${table}_version SET version = 3 WHERE id = 1 AND version = 2;
