package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The peer for the JDBC store: Spring Session's {@link JdbcIndexedSessionRepository} with its own
 * schema script for the database, on the same pool setup as our JDBC store. Each session carries the
 * principal name attribute (indexed, so {@code findByPrincipalName} works), as with Spring Security.
 * On H2 the tables have Spring's default names (the database is private to the run); on PostgreSQL
 * they get a random name per run, and are dropped when the run ends.
 */
final class SpringJdbcBackend extends SpringIndexedBackend {
  private static final String DEFAULT_TABLE = "SPRING_SESSION";

  private final HikariDataSource dataSource;
  /** Spring's main table; its attributes are in {@code <table>_ATTRIBUTES}. */
  private final String table;
  private final boolean dropTablesOnClose;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final JdbcIndexedSessionRepository spring;

  private record Parts(
      HikariDataSource dataSource,
      String table,
      boolean dropTablesOnClose,
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      JdbcIndexedSessionRepository spring) {}

  /** @return Spring's repository on a fresh in-memory H2 database with Spring's H2 schema */
  static SpringJdbcBackend h2() {
    return new SpringJdbcBackend(parts(Databases.h2(), "h2", DEFAULT_TABLE, false));
  }

  /** @return Spring's repository on the local PostgreSQL, in tables of its own, dropped at close */
  static SpringJdbcBackend postgres() {
    return new SpringJdbcBackend(
        parts(Databases.postgres(), "postgresql", Databases.randomTableName("spring_"), true));
  }

  private SpringJdbcBackend(Parts parts) {
    super(typed(parts.spring()));
    this.dataSource = parts.dataSource();
    this.table = parts.table();
    this.dropTablesOnClose = parts.dropTablesOnClose();
    this.jdbc = parts.jdbc();
    this.transactions = parts.transactions();
    this.spring = parts.spring();
  }

  /** Creates the tables from Spring's script for {@code database}, renamed to {@code table}. */
  private static Parts parts(HikariDataSource dataSource, String database, String table, boolean dropTablesOnClose) {
    // Every name in the script (tables, keys, indexes) starts with SPRING_SESSION: renaming them all
    // keeps index names unique when several runs share one PostgreSQL schema.
    Databases.runScript(
        dataSource,
        "org/springframework/session/jdbc/schema-" + database + ".sql",
        script -> script.replace(DEFAULT_TABLE, table));
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    // Not afterPropertiesSet(): that would schedule Spring's own cleanup job in the middle of runs.
    JdbcIndexedSessionRepository spring = new JdbcIndexedSessionRepository(jdbc, transactions);
    spring.setTableName(table);
    spring.setDefaultMaxInactiveInterval(Duration.ofDays(7));
    return new Parts(dataSource, table, dropTablesOnClose, jdbc, transactions, spring);
  }

  /** Rows written directly with a past expiry (Spring reads the system clock, which cannot move). */
  @Override
  public void addExpired(String subject, int count) {
    long now = System.currentTimeMillis();
    long created = now - Duration.ofDays(8).toMillis();
    long expired = now - Duration.ofDays(1).toMillis();
    byte[] principal = serialize(subject);
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = UUID.randomUUID().toString();
    }
    transactions.executeWithoutResult(
        status -> {
          jdbc.batchUpdate(
              "INSERT INTO " + table + " (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,"
                  + " MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) VALUES (?, ?, ?, ?, ?, ?, ?)",
              new Batch(count) {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                  ps.setString(1, ids[i]);
                  ps.setString(2, UUID.randomUUID().toString());
                  ps.setLong(3, created);
                  ps.setLong(4, created);
                  ps.setInt(5, (int) Duration.ofDays(7).toSeconds());
                  ps.setLong(6, expired);
                  ps.setString(7, subject);
                }
              });
          jdbc.batchUpdate(
              "INSERT INTO " + table + "_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)"
                  + " VALUES (?, ?, ?)",
              new Batch(count) {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                  ps.setString(1, ids[i]);
                  ps.setString(2, FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);
                  ps.setBytes(3, principal);
                }
              });
        });
  }

  /** Spring's cleanup returns nothing; -1 says "not counted" (counting would add to the time). */
  @Override
  public int purgeExpired() {
    spring.cleanUpExpiredSessions();
    return -1;
  }

  /** For the smoke test. */
  long rowCount() {
    Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    return rows == null ? 0 : rows;
  }

  @Override
  public void close() {
    if (dropTablesOnClose) {
      Databases.execute(dataSource, "DROP TABLE IF EXISTS " + table + "_ATTRIBUTES");
      Databases.execute(dataSource, "DROP TABLE IF EXISTS " + table);
    }
    Databases.close(dataSource);
  }

  @SuppressWarnings("unchecked")
  private static FindByIndexNameSessionRepository<Session> typed(JdbcIndexedSessionRepository spring) {
    return (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) spring;
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private abstract static class Batch implements BatchPreparedStatementSetter {
    private final int size;

    Batch(int size) {
      this.size = size;
    }

    @Override
    public int getBatchSize() {
      return size;
    }
  }
}
