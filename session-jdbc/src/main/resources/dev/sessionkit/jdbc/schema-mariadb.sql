-- sessionkit JDBC store: MariaDB (10.5 or later) schema, version 3.
--
-- ${table} stands for the session table's name (default sessionkit_sessions). JdbcSessionStore
-- replaces it after checking the name against ^[a-z_][a-z0-9_]{0,39}$; to run this file by hand,
-- replace every ${table} yourself. Every statement is idempotent (IF NOT EXISTS / IGNORE).
--
-- Times are epoch milliseconds (BIGINT): exact, and unlike TIMESTAMP not limited to 2038.
-- Every text column has a binary NO PAD collation (ascii_nopad_bin, utf8mb4_nopad_bin): binary order
-- for the id tie-breaker (as Java's String.compareTo), subjects compared byte for byte ("alice" is
-- not "Alice"), and trailing spaces significant. The _bin collations of version 1 are PAD SPACE:
-- there 'alice' = 'alice ', so one subject reached another's sessions and cap.
CREATE TABLE IF NOT EXISTS ${table} (
  id                  CHAR(22) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  subject             VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
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
  device_type         VARCHAR(16) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  device_name         VARCHAR(512),
  environment         VARCHAR(512),
  authentication_type VARCHAR(512),
  fingerprint         VARCHAR(512),
  -- Up to 64 attributes of 4096 characters: more than TEXT's 64 KiB.
  attributes          MEDIUMTEXT NOT NULL,
  PRIMARY KEY (id),
  -- Session lists and counts of one subject, in keyset order (last access, then id).
  KEY ${table}_subject_idx (subject, last_accessed_at, id),
  -- Purges: expired rows by their effective (idle) deadline.
  KEY ${table}_expiry_idx (idle_expires_at),
  CONSTRAINT ${table}_deadlines CHECK (idle_expires_at <= expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One row per subject whose several rows were ever written at once (a capped login, a revoke-all,
-- a bulk revoke): the row those transactions lock first (SELECT ... FOR UPDATE), so that they come one
-- at a time per subject, on any node.
CREATE TABLE IF NOT EXISTS ${table}_lock (
  subject VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  PRIMARY KEY (subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The change log (schema version 3): one row per session whose copies a write made stale (revoked,
-- evicted by a cap, rotated, attributes replaced), appended in the same transaction as the change.
-- Near-caches on other nodes read it (JdbcInvalidationSource) from the sequence they reached; purges
-- trim rows older than the store's changeLogRetention by the database's own clock. logged_at is UTC
-- DATETIME: independent of the session time zone, and not limited to 2038 as TIMESTAMP is.
CREATE TABLE IF NOT EXISTS ${table}_changes (
  seq        BIGINT NOT NULL AUTO_INCREMENT,
  session_id CHAR(22) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  logged_at  DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
  PRIMARY KEY (seq),
  KEY ${table}_changes_time_idx (logged_at)
) ENGINE=InnoDB;

-- One row: the schema version this table is at. Upgrade scripts bump it.
CREATE TABLE IF NOT EXISTS ${table}_version (
  id      INT NOT NULL PRIMARY KEY,
  version INT NOT NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO ${table}_version (id, version) VALUES (1, 3);
