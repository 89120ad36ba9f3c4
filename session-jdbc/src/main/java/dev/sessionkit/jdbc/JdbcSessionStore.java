package dev.sessionkit.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SessionStore} on any {@link DataSource}: PostgreSQL, MariaDB or H2, one row per
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
@NullMarked
public final class JdbcSessionStore {
  /** The default table name. */
  public static final String DEFAULT_TABLE_NAME = "sessionkit_sessions";

  /** The default {@linkplain Builder#statementTimeout statement timeout}. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

  /** The default {@linkplain Builder#changeLogRetention change log retention}. */
  public static final Duration DEFAULT_CHANGE_LOG_RETENTION = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcSessionStore.class);

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
   * The script that upgrades a store's tables from one schema version to the next, with the table
   * name filled in, for migration tools or a DBA. {@code createSchema(true)} runs the needed ones by
   * itself. Version 2 gave MariaDB's text columns NO PAD collations (on PostgreSQL and H2 its script
   * only records the version); version 3 (this release) adds the change log, {@code <table>_changes}.
   *
   * @param dialect the dialect
   * @param tableName the session table's name
   * @param fromVersion the version the tables are at, from 1 to the current version minus one
   * @return the SQL text
   * @throws IllegalArgumentException if the name is not a valid table name or no such upgrade exists
   */
  public static String upgradeScript(JdbcDialect dialect, String tableName, int fromVersion) {
    Objects.requireNonNull(dialect, "dialect");
    if (fromVersion < 1 || fromVersion >= SchemaScripts.VERSION) {
      throw new IllegalArgumentException(
          "upgrades exist from version 1 to " + (SchemaScripts.VERSION - 1) + ", not from " + fromVersion);
    }
    return SchemaScripts.text(dialect.upgradeResource(fromVersion), checkTableName(tableName));
  }

  /** The schema version this release writes and expects. */
  public static final int SCHEMA_VERSION = SchemaScripts.VERSION;

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
      throw new SessionException(ErrorCode.STORE_UNAVAILABLE, "cannot drop the session tables", RedactedFailure.of(e));
    }
  }

  static Duration checkRetention(Duration retention) {
    Objects.requireNonNull(retention, "changeLogRetention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("changeLogRetention must be positive, was " + retention);
    }
    return retention;
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
    private @Nullable DataSource dataSource;
    private @Nullable JdbcDialect dialect;
    private String tableName = DEFAULT_TABLE_NAME;
    private @Nullable ObjectMapper objectMapper;
    private boolean createSchema;
    private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
    private boolean closeDataSource;
    private Duration changeLogRetention = DEFAULT_CHANGE_LOG_RETENTION;

    private Builder() {}

    /**
     * How long rows stay in the change log ({@code <table>_changes}, which near-caches on other nodes
     * read through {@link JdbcInvalidationSource}) before {@link SessionStore#purgeExpired} trims them,
     * measured by the database's clock. A source that has not polled for about this long (minus its gap
     * timeout) cannot know what it missed and invalidates everything; give every source the same value
     * ({@link JdbcInvalidationSource.Builder#changeLogRetention}).
     *
     * @param retention positive; 1 hour by default
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder changeLogRetention(Duration retention) {
      this.changeLogRetention = checkRetention(retention);
      return this;
    }

    /**
     * Whether {@link SessionStore#close()} also closes the data source (when it is {@link
     * AutoCloseable}, as HikariCP's pool is). Off by default: a pool handed in belongs to the
     * application, which may share it; turn it on when the pool was made for the store alone.
     *
     * @param closeDataSource true to hand the pool's lifecycle to the store
     * @return this builder
     */
    public Builder closeDataSource(boolean closeDataSource) {
      this.closeDataSource = closeDataSource;
      return this;
    }

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
     * The longest any one statement may run: a lock held by another connection, a slow database or a
     * dead network fails the call with {@link ErrorCode#STORE_UNAVAILABLE} after this long instead of
     * holding the caller's thread. It becomes each statement's JDBC query timeout (the database
     * cancels the statement; JDBC counts it in whole seconds) and, half a second longer, each
     * borrowed connection's network timeout (the driver gives up on a socket that stays silent, as a
     * dead network does and a cancel cannot fix). Set the pool's and driver's own timeouts beside it
     * (see the module README: connection timeout, connect timeout, TCP keep-alive, and PostgreSQL's
     * cancel signal timeout, which a dead network adds to this one).
     *
     * @param timeout whole seconds, at least one; 5 seconds by default
     * @return this builder
     * @throws IllegalArgumentException if it is not a whole number of seconds of at least one
     */
    public Builder statementTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "statementTimeout");
      if (timeout.getSeconds() < 1 || timeout.getNano() != 0 || timeout.getSeconds() > Integer.MAX_VALUE / 1000 - 1) {
        throw new IllegalArgumentException(
            "statementTimeout must be a whole number of seconds from 1 to 2147482 (JDBC counts query"
                + " timeouts in seconds), was " + timeout);
      }
      this.statementTimeout = timeout;
      return this;
    }

    /**
     * Whether {@link #build()} runs the dialect's schema script (idempotent: it creates only what is
     * missing) and brings older tables to the current schema version with the shipped upgrade scripts
     * (logged at INFO). Off by default: production schemas belong to the application's migrations
     * (Flyway, Liquibase), which can run the shipped scripts ({@link #schemaScript}, {@link
     * #upgradeScript}).
     *
     * @param createSchema true to create the tables at build time
     * @return this builder
     */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * Builds the store. It borrows one connection to check the tables: the columns that tell subjects
     * and sessions apart ({@code id}, {@code subject}, {@code secret_hash}, and the lock table's
     * {@code subject}) must compare exactly, which a case-insensitive, accent-insensitive,
     * space-padding or nondeterministic collation does not (H2 opened with {@code IGNORECASE=TRUE}, a
     * table created by hand with MariaDB's default collation, an ICU collation on PostgreSQL).
     *
     * @return a thread-safe store; it owns nothing unless {@link #closeDataSource(boolean)} gave it the
     *     data source
     * @throws IllegalStateException if no data source was set, the dialect cannot be detected, the
     *     tables are at a newer schema version than this library, or they are missing or have a column
     *     that does not compare exactly (the message names the table, the column, its collation and
     *     the fix)
     * @throws SessionException {@link ErrorCode#STORE_UNAVAILABLE} when detection, schema creation or
     *     the check of the tables cannot reach the database
     */
    public SessionStore build() {
      if (dataSource == null) {
        throw new IllegalStateException("a data source is required");
      }
      JdbcDialect resolved = dialect;
      try (Connection c = dataSource.getConnection()) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true); // as the store does: a script in a transaction nobody commits is lost
        }
        if (resolved == null) {
          resolved = JdbcDialect.detect(c);
        }
        if (createSchema) {
          int found = SchemaScripts.createOrUpgrade(c, resolved, tableName);
          if (found < SchemaScripts.VERSION) {
            LOG.info("upgraded table {} from schema version {} to {}", tableName, found, SchemaScripts.VERSION);
          }
        }
        SchemaCheck.verify(c, resolved, tableName);
      } catch (SQLException e) {
        throw new SessionException(
            ErrorCode.STORE_UNAVAILABLE, "cannot prepare the session store's database", RedactedFailure.of(e));
      }
      ObjectMapper json = objectMapper != null ? objectMapper : new ObjectMapper();
      return new JdbcStore(
          dataSource, SqlDialect.of(resolved, tableName), new SessionRows(json), statementTimeout, closeDataSource,
          changeLogRetention);
    }
  }
}
