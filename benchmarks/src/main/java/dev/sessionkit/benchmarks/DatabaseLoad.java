package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.jdbc.JdbcDialect;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What reaches PostgreSQL when three nodes validate at a steady rate, with and without the near-cache:
 * three {@link SessionService}s, each on its own Hikari pool, each validating tokens picked at random
 * from the live sessions at a fixed rate, while PostgreSQL's own count of transactions in the
 * database ({@code xact_commit + xact_rollback} in {@code pg_stat_database}) is read before and after.
 * It runs in a database of its own, created at the start and dropped at the end, so that nothing else
 * is counted. Validations are read-only (touch interval one hour), as in {@link TokenLookupBenchmark}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.sessionkit.benchmarks.DatabaseLoad};
 * settings as system properties: {@code sessions} (10000), {@code rate} per node per second (1000),
 * {@code seconds} measured (10), {@code warmupSeconds} (12, see {@link #transactions}), {@code sessionkit.postgres.admin} (the JDBC
 * URL of a database to create the load database from, {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}).
 */
public final class DatabaseLoad {
  static final String DATABASE = "sessionkit_load";
  static final int NODES = 3;
  static final String TABLE = "sessions";

  private DatabaseLoad() {}

  /** One setting: how the nodes reach the shared store. */
  enum Setup {
    /** Every validation reads PostgreSQL. */
    JDBC,
    /** The near-cache in front of each node's JDBC store, fed by the change log. */
    NEAR_CACHE
  }

  /** What one measured phase saw. */
  record Figures(
      Setup setup, long validations, long invalid, double seconds, long transactions, long sessionReads, long logReads) {
    String line() {
      return String.format(Locale.ROOT,
          "%-10s validations %,7d (%,.0f/s, %d invalid) | PostgreSQL transactions %,7d (%,.1f/s, %.4f per"
              + " validation) | scans of the session table %,.1f/s, of the change log %,.1f/s",
          setup, validations, validations / seconds, invalid, transactions, transactions / seconds,
          (double) transactions / validations, sessionReads / seconds, logReads / seconds);
    }
  }

  public static void main(String[] args) throws Exception {
    int sessions = Integer.getInteger("sessions", 10_000);
    int rate = Integer.getInteger("rate", 1_000);
    int seconds = Integer.getInteger("seconds", 10);
    int warmupSeconds = Integer.getInteger("warmupSeconds", 12);
    String admin = System.getProperty("sessionkit.postgres.admin", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String url = admin.replaceFirst("/[^/?]*(\\?|$)", "/" + DATABASE + "$1");

    recreateDatabase(admin);
    List<Figures> results = new ArrayList<>();
    try {
      String[] tokens = loadSessions(url, sessions);
      for (Setup setup : Setup.values()) {
        results.add(measure(setup, url, admin, tokens, rate, warmupSeconds, seconds));
      }
    } finally {
      dropDatabase(admin);
    }
    System.out.printf(Locale.ROOT, "%d nodes x %,d validations/s over %,d live sessions, %d s measured:%n",
        NODES, rate, sessions, seconds);
    for (Figures f : results) {
      System.out.println(f.line());
    }
    if (results.size() == 2) {
      System.out.printf(Locale.ROOT, "near-cache / JDBC transactions: %.4f%n",
          (double) results.get(1).transactions() / results.get(0).transactions());
    }
  }

  /** Logs in {@code count} sessions through a store that also creates the schema. */
  private static String[] loadSessions(String url, int count) {
    try (HikariDataSource pool = pool(url, "load-setup")) {
      SessionStore store = JdbcSessionStore.builder()
          .dataSource(pool).dialect(JdbcDialect.POSTGRESQL).tableName(TABLE).createSchema(true).build();
      SessionService service = service(store);
      String[] tokens = new String[count];
      for (int i = 0; i < count; i++) {
        tokens[i] = service.issue("user-" + (i / Fixtures.SESSIONS_PER_USER), ClientInfo.empty()).token().value();
      }
      return tokens;
    }
  }

  private static Figures measure(
      Setup setup, String url, String admin, String[] tokens, int rate, int warmupSeconds, int seconds)
      throws Exception {
    List<Node> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < NODES; i++) {
        nodes.add(Node.open(setup, url, "node-" + i));
      }
      for (Node node : nodes) {
        node.validateAll(tokens); // every node has seen every session once, as after a while in service
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong valid = new AtomicLong();
      AtomicLong invalid = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (Node node : nodes) {
        Thread t = new Thread(() -> node.validateAtRate(tokens, rate, stop, valid, invalid), node.name);
        t.start();
        threads.add(t);
      }
      Thread.sleep(warmupSeconds * 1000L);
      long before = transactions(admin);
      long v0 = valid.get() + invalid.get();
      long i0 = invalid.get();
      long started = System.nanoTime();
      long[] scans0 = scans(url);
      Thread.sleep(seconds * 1000L);
      long[] scans1 = scans(url);
      // The two readings of scans above are transactions in the load database, inside the window.
      long after = transactions(admin) - 2;
      double took = (System.nanoTime() - started) / 1e9;
      long v1 = valid.get() + invalid.get();
      long i1 = invalid.get();
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      return new Figures(
          setup, v1 - v0, i1 - i0, took, after - before, scans1[0] - scans0[0], scans1[1] - scans0[1]);
    } finally {
      for (Node node : nodes) {
        node.close();
      }
    }
  }

  /**
   * PostgreSQL's count of transactions ended in the load database. Backends report their counts at
   * most once a second while busy, so each reading lags by up to a second of one node's traffic, at
   * both ends of a window alike; a backend that has gone idle reports only after 10 seconds (PostgreSQL
   * 15's idle interval). So the warm-up lasts longer than that: the near-cache's first reads of every
   * session (each node reads all of them once before the steady phase) must not land in the window.
   */
  static long transactions(String admin) throws SQLException {
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '" + DATABASE + "'")) {
      if (!rs.next()) {
        throw new IllegalStateException("no statistics for " + DATABASE);
      }
      return rs.getLong(1);
    }
  }

  /**
   * Scans (index and sequential) of the session table and of its change log so far: which statements
   * the transactions were. Counted like {@link #transactions}, with the same lag.
   */
  static long[] scans(String url) throws SQLException {
    long[] scans = new long[2];
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT relname, COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) FROM pg_stat_user_tables"
                + " WHERE relname IN ('" + TABLE + "', '" + TABLE + "_changes')")) {
      while (rs.next()) {
        scans[rs.getString(1).equals(TABLE) ? 0 : 1] = rs.getLong(2);
      }
    }
    return scans;
  }

  private static void recreateDatabase(String admin) throws SQLException {
    dropDatabase(admin);
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  private static void dropDatabase(String admin) throws SQLException {
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  static HikariDataSource pool(String url, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  static SessionService service(SessionStore store) {
    return SessionService.builder(store)
        .policy(SessionPolicy.builder()
            .absoluteLifetime(Duration.ofDays(30))
            .idleTimeout(Duration.ofDays(7))
            .touchInterval(Duration.ofHours(1))
            .build())
        .build();
  }

  /** One application node: its own pool, store and service. */
  private static final class Node implements AutoCloseable {
    final String name;
    private final HikariDataSource pool;
    private final SessionStore store;
    private final SessionService service;

    private Node(String name, HikariDataSource pool, SessionStore store) {
      this.name = name;
      this.pool = pool;
      this.store = store;
      this.service = service(store);
    }

    static Node open(Setup setup, String url, String name) {
      HikariDataSource pool = pool(url, name);
      SessionStore jdbc = JdbcSessionStore.builder()
          .dataSource(pool).dialect(JdbcDialect.POSTGRESQL).tableName(TABLE).build();
      return new Node(name, pool, setup == Setup.NEAR_CACHE ? NearCacheStores.over(jdbc, pool, TABLE, Clock.systemUTC()) : jdbc);
    }

    void validateAll(String[] tokens) {
      for (String token : tokens) {
        if (!service.validate(token).isValid()) {
          throw new IllegalStateException("a loaded session does not validate");
        }
      }
    }

    /** Validates at {@code rate} per second until stopped, catching up when it falls behind. */
    void validateAtRate(String[] tokens, int rate, AtomicBoolean stop, AtomicLong valid, AtomicLong invalid) {
      SplittableRandom random = new SplittableRandom();
      long interval = 1_000_000_000L / rate;
      long next = System.nanoTime();
      while (!stop.get()) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        next += interval;
        if (service.validate(tokens[random.nextInt(tokens.length)]).isValid()) {
          valid.incrementAndGet();
        } else {
          invalid.incrementAndGet();
        }
      }
    }

    @Override
    public void close() {
      store.close();
      pool.close();
    }
  }
}
