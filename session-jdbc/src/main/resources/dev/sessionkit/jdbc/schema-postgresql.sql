-- sessionkit JDBC store: PostgreSQL schema, version 2 (version 2 changed only the MariaDB schema).
--
-- ${table} stands for the session table's name (default sessionkit_sessions). JdbcSessionStore
-- replaces it after checking the name against ^[a-z_][a-z0-9_]{0,39}$; to run this file by hand,
-- replace every ${table} yourself. Every statement is idempotent (IF NOT EXISTS), so running it
-- again is harmless.
--
-- Times are epoch milliseconds (BIGINT): the API has millisecond precision, and BIGINT compares
-- and sorts exactly the same way on every database.
-- id and subject use the "C" collation so that ordering by id is binary, as Java's
-- String.compareTo orders the tie-breaker of session lists. PostgreSQL compares varchar without
-- padding, so 'alice' and 'alice ' are two subjects, as they are in Java.
CREATE TABLE IF NOT EXISTS ${table} (
  id                  VARCHAR(22) COLLATE "C" NOT NULL,
  subject             VARCHAR(255) COLLATE "C" NOT NULL,
  secret_hash         BYTEA NOT NULL,
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
  attributes          TEXT NOT NULL,
  CONSTRAINT ${table}_pk PRIMARY KEY (id),
  CONSTRAINT ${table}_deadlines CHECK (idle_expires_at <= expires_at)
);

-- Session lists and counts of one subject, in keyset order (last access, then id).
CREATE INDEX IF NOT EXISTS ${table}_subject_idx ON ${table} (subject, last_accessed_at, id);

-- Purges: expired rows by their effective (idle) deadline.
CREATE INDEX IF NOT EXISTS ${table}_expiry_idx ON ${table} (idle_expires_at);

-- The cap lock of PostgreSQL is a transaction-scoped advisory lock: no lock table here.

-- One row: the schema version this table is at. Upgrade scripts bump it.
CREATE TABLE IF NOT EXISTS ${table}_version (
  id      INT NOT NULL PRIMARY KEY CHECK (id = 1),
  version INT NOT NULL
);
INSERT INTO ${table}_version (id, version) VALUES (1, 2) ON CONFLICT (id) DO NOTHING;
