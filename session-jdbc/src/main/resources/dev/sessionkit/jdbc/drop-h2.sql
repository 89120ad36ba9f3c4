-- Drops everything schema-h2.sql creates (indexes go with their table).
DROP TABLE IF EXISTS ${table}_version;
DROP TABLE IF EXISTS ${table}_changes;
DROP TABLE IF EXISTS ${table}_lock;
DROP TABLE IF EXISTS ${table};
