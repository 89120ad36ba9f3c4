package dev.sessionkit.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} on any {@link DataSource}: PostgreSQL, MariaDB/MySQL or H2, one row per
 * session in one table. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * SessionStore store = JdbcSessionStore.builder()
 *     .dataSource(hikari)                 // any pooled DataSource
 *     .tableName("sessionkit_sessions")   // the default
 *     .createSchema(true)                 // run the shipped schema script if the tables are missing
 *     .build();
 * }</pre>
 *
 * <p>The schema scripts ship in this jar as {@code dev/sessionkit/jdbc/schema-<dialect>.sql} (see
 * {@link JdbcDialect#schemaResource()}) with the table name written {@code ${table}}.
 */
public final class JdbcSessionStore {
  /** The default table name. */
  public static final String DEFAULT_TABLE_NAME = "sessionkit_sessions";

  /**
   * Lower-case letters, digits and underscores, starting with a letter or underscore, at most 40
   * characters: the derived names ({@code _subject_idx}, {@code _version}, ...) stay within
   * PostgreSQL's 63 and MariaDB's 64 characters, and the name never needs quoting.
   */
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

  private JdbcSessionStore() {}

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The schema script of a dialect with the table name filled in, for migration tools or a DBA.
   *
   * @param dialect the dialect
   * @param tableName the session table's name
   * @return the SQL text
   * @throws IllegalArgumentException if the name is not a valid table name
   */
  public static String schemaScript(JdbcDialect dialect, String tableName) {
    return SchemaScripts.text(Objects.requireNonNull(dialect, "dialect").schemaResource(), checkTableName(tableName));
  }

  /**
   * Drops the tables of a store (all its sessions with them): the drop script of the dialect.
   *
   * @param dataSource where the tables are
   * @param dialect the dialect
   * @param tableName the session table's name
   * @throws IllegalArgumentException if the name is not a valid table name
   * @throws SessionException {@link ErrorCode#STORE_UNAVAILABLE} when the database fails
   */
  public static void dropSchema(DataSource dataSource, JdbcDialect dialect, String tableName) {
    String table = checkTableName(tableName);
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true); // as the store does: a script in a transaction nobody commits is lost
      }
      SchemaScripts.run(c, dialect.dropResource(), table);
    } catch (SQLException e) {
      throw new SessionException(ErrorCode.STORE_UNAVAILABLE, "cannot drop the session tables", e);
    }
  }

  static String checkTableName(String tableName) {
    if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "table name must match " + TABLE_NAME.pattern() + " (lower case, unquoted)");
    }
    return tableName;
  }

  /** Configures a JDBC store; only the data source is required. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private JdbcDialect dialect;
    private String tableName = DEFAULT_TABLE_NAME;
    private ObjectMapper objectMapper;
    private boolean createSchema;

    private Builder() {}

    /**
     * The data source, ideally a connection pool such as HikariCP.
     *
     * @param dataSource the data source
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * The SQL dialect; without it {@link #build()} asks the database (one connection).
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(JdbcDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The session table's name; the lock and version tables and the indexes are named after it.
     *
     * @param tableName lower-case letters, digits and underscores, at most 40 characters
     * @return this builder
     * @throws IllegalArgumentException if the name does not match (it never reaches SQL then)
     */
    public Builder tableName(String tableName) {
      this.tableName = checkTableName(tableName);
      return this;
    }

    /**
     * The Jackson mapper that writes attributes as JSON text; a plain {@code new ObjectMapper()}
     * by default.
     *
     * @param objectMapper the mapper
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /**
     * Whether {@link #build()} runs the dialect's schema script (idempotent: it creates only what is
     * missing) and checks the schema version. Off by default: production schemas belong to the
     * application's migrations (Flyway, Liquibase), which can run the shipped scripts.
     *
     * @param createSchema true to create the tables at build time
     * @return this builder
     */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * Builds the store.
     *
     * @return a thread-safe store
     * @throws IllegalStateException if no data source was set, or the schema is of a newer version
     * @throws IllegalArgumentException if the dialect cannot be detected
     * @throws SessionException {@link ErrorCode#STORE_UNAVAILABLE} when detection or schema creation
     *     cannot reach the database
     */
    public SessionStore build() {
      if (dataSource == null) {
        throw new IllegalStateException("a data source is required");
      }
      JdbcDialect resolved = dialect;
      if (resolved == null || createSchema) {
        try (Connection c = dataSource.getConnection()) {
          if (!c.getAutoCommit()) {
            c.setAutoCommit(true); // as the store does: a script in a transaction nobody commits is lost
          }
          if (resolved == null) {
            resolved = JdbcDialect.fromProductName(c.getMetaData().getDatabaseProductName());
          }
          if (createSchema) {
            SchemaScripts.run(c, resolved.schemaResource(), tableName);
            int version = SchemaScripts.installedVersion(c, tableName);
            if (version > SchemaScripts.VERSION) {
              throw new IllegalStateException(
                  "table " + tableName + " is at schema version " + version
                      + ", newer than this sessionkit (" + SchemaScripts.VERSION + ")");
            }
          }
        } catch (SQLException e) {
          throw new SessionException(
              ErrorCode.STORE_UNAVAILABLE, "cannot prepare the session store's database", e);
        }
      }
      ObjectMapper json = objectMapper != null ? objectMapper : new ObjectMapper();
      return new JdbcStore(dataSource, SqlDialect.of(resolved, tableName), new SessionRows(json));
    }
  }
}
