-- sessionkit JDBC store: H2 (2.x) schema, version 2 (version 2 changed only the MariaDB schema).
--
-- ${table} stands for the session table's name (default sessionkit_sessions). JdbcSessionStore
-- replaces it after checking the name against ^[a-z_][a-z0-9_]{0,39}$; to run this file by hand,
-- replace every ${table} yourself. Every statement is idempotent (IF NOT EXISTS).
--
-- Times are epoch milliseconds (BIGINT). H2 compares strings with Java's String.compareTo unless
-- the database sets a COLLATION, so id order is already binary and 'alice' is not 'alice ' (VARCHAR
-- is never padded); do not set one on this database.
CREATE TABLE IF NOT EXISTS ${table} (
  id                  VARCHAR(22) NOT NULL,
  subject             VARCHAR(255) NOT NULL,
  secret_hash         BINARY(32) NOT NULL,
  created_at          BIGINT NOT NULL,
  last_accessed_at    BIGINT NOT NULL,
  expires_at          BIGINT NOT NULL,
  idle_expires_at     BIGINT NOT NULL,
  version             BIGINT NOT NULL,
  ip_address          VARCHAR(512),
  user_agent          VARCHAR(512),
  browser             VARCHAR(512),
  operating_system    VARCHAR(512),
  device_type         VARCHAR(16) NOT NULL,
  device_name         VARCHAR(512),
  environment         VARCHAR(512),
  authentication_type VARCHAR(512),
  fingerprint         VARCHAR(512),
  attributes          CLOB NOT NULL,
  CONSTRAINT ${table}_pk PRIMARY KEY (id),
  CONSTRAINT ${table}_deadlines CHECK (idle_expires_at <= expires_at)
);

-- Session lists and counts of one subject, in keyset order (last access, then id).
CREATE INDEX IF NOT EXISTS ${table}_subject_idx ON ${table} (subject, last_accessed_at, id);

-- Purges: expired rows by their effective (idle) deadline.
CREATE INDEX IF NOT EXISTS ${table}_expiry_idx ON ${table} (idle_expires_at);

-- One row per subject whose several rows were ever written at once (a capped login, a revoke-all,
-- a bulk revoke): the row those transactions lock first.
CREATE TABLE IF NOT EXISTS ${table}_lock (
  subject VARCHAR(255) NOT NULL PRIMARY KEY
);

-- One row: the schema version this table is at. Upgrade scripts bump it.
CREATE TABLE IF NOT EXISTS ${table}_version (
  id      INT NOT NULL PRIMARY KEY,
  version INT NOT NULL
);
INSERT INTO ${table}_version (id, version)
  SELECT 1, 2 WHERE NOT EXISTS (SELECT 1 FROM ${table}_version);
