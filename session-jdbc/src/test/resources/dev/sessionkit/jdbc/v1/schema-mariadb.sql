-- sessionkit JDBC store: MariaDB (10.5 or later) schema, version 1.
--
-- ${table} stands for the session table's name (default sessionkit_sessions). JdbcSessionStore
-- replaces it after checking the name against ^[a-z_][a-z0-9_]{0,39}$; to run this file by hand,
-- replace every ${table} yourself. Every statement is idempotent (IF NOT EXISTS / IGNORE).
--
-- Times are epoch milliseconds (BIGINT): exact, and unlike TIMESTAMP not limited to 2038.
-- id is ascii_bin and subject utf8mb4_bin: binary order for the id tie-breaker (as Java's
-- String.compareTo), and subjects compared case- and accent-sensitively ("alice" is not "Alice").
CREATE TABLE IF NOT EXISTS ${table} (
  id                  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  subject             VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
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
  device_type         VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per subject that ever logged in under a session cap: the row a capped create locks
-- (SELECT ... FOR UPDATE) so that concurrent logins of one subject, on any node, count one at a time.
CREATE TABLE IF NOT EXISTS ${table}_lock (
  subject VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row: the schema version this table is at. Upgrade scripts bump it.
CREATE TABLE IF NOT EXISTS ${table}_version (
  id      INT NOT NULL PRIMARY KEY,
  version INT NOT NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO ${table}_version (id, version) VALUES (1, 1);
