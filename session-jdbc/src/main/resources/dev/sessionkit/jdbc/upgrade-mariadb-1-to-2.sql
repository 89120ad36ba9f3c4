-- sessionkit JDBC store: MariaDB schema upgrade from version 1 to version 2.
--
-- Version 1 declared its text columns with the _bin collations, which are PAD SPACE: 'alice' and
-- 'alice ' compared equal, so a session issued for "alice " listed, counted, updated and revoked
-- alice's sessions and counted against her cap. Version 2 gives every text column of both tables a
-- binary NO PAD collation. Rows are kept as they are: the bytes do not change, only how they
-- compare, and nothing that was distinct becomes equal (the lock table's primary key stays valid).
--
-- ${table} stands for the session table's name. JdbcSessionStore.builder().createSchema(true) runs
-- this for a table it finds at version 1; JdbcSessionStore.upgradeScript(MARIADB, table, 1) gives the
-- text to a migration tool. MariaDB rebuilds both tables (ALTER ... MODIFY of indexed columns), so
-- run it when a table copy of the sessions table is acceptable.
ALTER TABLE ${table}
  MODIFY id                  CHAR(22) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY subject             VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY ip_address          VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY user_agent          VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY browser             VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY operating_system    VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY device_type         VARCHAR(16) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY device_name         VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY environment         VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY authentication_type VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY fingerprint         VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY attributes          MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE ${table}_lock
  MODIFY subject VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

UPDATE ${table}_version SET version = 2 WHERE id = 1 AND version = 1;
