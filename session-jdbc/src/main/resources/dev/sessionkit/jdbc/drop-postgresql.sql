-- Drops everything schema-postgresql.sql creates (indexes go with their table).
DROP TABLE IF EXISTS ${table}_version;
DROP TABLE IF EXISTS ${table}_changes;
DROP TABLE IF EXISTS ${table};
