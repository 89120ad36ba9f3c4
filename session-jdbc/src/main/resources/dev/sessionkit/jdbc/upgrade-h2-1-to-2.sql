-- sessionkit JDBC store: schema upgrade from version 1 to version 2.
--
-- Version 2 changed only the MariaDB schema (NO PAD collations); on this database the tables already
-- compare subjects exactly, so the upgrade only records the new version. ${table} stands for the
-- session table's name; JdbcSessionStore.builder().createSchema(true) runs this for a table at
-- version 1.
UPDATE ${table}_version SET version = 2 WHERE id = 1 AND version = 1;
