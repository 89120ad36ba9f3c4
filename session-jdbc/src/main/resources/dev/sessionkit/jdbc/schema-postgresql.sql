-- sessionkit JDBC store: PostgreSQL schema, version 3.
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

-- The change log (schema version 3): one row per session whose copies a write made stale (revoked,
-- evicted by a cap, rotated, attributes replaced), appended in the same transaction as the change.
-- Near-caches on other nodes read it (JdbcInvalidationSource) from the sequence they reached; purges
-- trim rows older than the store's changeLogRetention by the database's own clock. Writers also
-- pg_notify('${table}_changes', '') in that transaction, so a listening source wakes at commit.
CREATE TABLE IF NOT EXISTS ${table}_changes (
  seq        BIGSERIAL NOT NULL,
  session_id VARCHAR(22) COLLATE "C" NOT NULL,
  logged_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT ${table}_changes_pk PRIMARY KEY (seq)
);
CREATE INDEX IF NOT EXISTS ${table}_changes_time_idx ON ${table}_changes (logged_at);

-- One row: the schema version this table is at. Upgrade scripts bump it.
CREATE TABLE IF NOT EXISTS ${table}_version (
  id      INT NOT NULL PRIMARY KEY CHECK (id = 1),
  version INT NOT NULL
);
INSERT INTO ${table}_version (id, version) VALUES (1, 3) ON CONFLICT (id) DO NOTHING;
