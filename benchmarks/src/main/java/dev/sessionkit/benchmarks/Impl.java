package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.caffeine.CaffeineSessionStore;
import dev.sessionkit.jdbc.JdbcDialect;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.SessionStore;

/**
 * What runs under a benchmark's {@code @Param("impl")}: the floor, our stores, and Spring Session's
 * repositories as the peer (the pattern of Caffeine's {@code CacheType}). Every implementation runs the
 * same benchmark body through {@link Backend}.
 *
 * <p>Another store is one constant here with its {@link #open}; near-cache variants will be added so.
 */
public enum Impl {
  /** Decode, SHA-256, {@code ConcurrentHashMap.get}: the cost we cannot beat. */
  FLOOR(false) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return new FloorBackend();
    }
  },
  /** Our in-memory store through {@code SessionService}. */
  CAFFEINE(false) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return new SessionkitBackend(
          CaffeineSessionStore.builder().maximumSize(MAX_SESSIONS).clock(clock).build(),
          clock,
          touchEveryUse,
          () -> {});
    }
  },
  /** Our JDBC store on in-memory H2, the same pool setup as {@link #SPRING_JDBC_H2}. */
  JDBC_H2(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      HikariDataSource dataSource = Databases.h2();
      return new SessionkitBackend(
          JdbcSessionStore.builder().dataSource(dataSource).dialect(JdbcDialect.H2).createSchema(true).build(),
          clock,
          touchEveryUse,
          () -> Databases.execute(dataSource, "ANALYZE TABLE " + JdbcSessionStore.DEFAULT_TABLE_NAME),
          () -> Databases.close(dataSource));
    }
  },
  /**
   * Our JDBC store on the local PostgreSQL (127.0.0.1:5432, database {@code test}, trust
   * authentication), in a table of its own per run, dropped when the run ends.
   */
  JDBC_POSTGRES(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      HikariDataSource dataSource = Databases.postgres();
      String table = Databases.randomTableName("bench_");
      return new SessionkitBackend(
          JdbcSessionStore.builder()
              .dataSource(dataSource)
              .dialect(JdbcDialect.POSTGRESQL)
              .tableName(table)
              .createSchema(true)
              .build(),
          clock,
          touchEveryUse,
          () -> Databases.execute(dataSource, "ANALYZE " + table),
          () -> {
            JdbcSessionStore.dropSchema(dataSource, JdbcDialect.POSTGRESQL, table);
            Databases.close(dataSource);
          });
    }
  },
  /**
   * {@code NearCacheSessionStore} (session-caffeine) in front of {@link #JDBC_POSTGRES}'s setup, fed by
   * {@code JdbcInvalidationSource} on the same pool: validations of sessions this node has seen are
   * answered from memory. Every session is logged in through it, so lookups are hits.
   */
  NEAR_CACHE_JDBC_POSTGRES(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      HikariDataSource dataSource = Databases.postgres();
      String table = Databases.randomTableName("bench_");
      SessionStore jdbc =
          JdbcSessionStore.builder()
              .dataSource(dataSource)
              .dialect(JdbcDialect.POSTGRESQL)
              .tableName(table)
              .createSchema(true)
              .build();
      SessionStore nearCache = NearCacheStores.over(jdbc, dataSource, table, clock);
      return new SessionkitBackend(
          nearCache,
          clock,
          touchEveryUse,
          () -> Databases.execute(dataSource, "ANALYZE " + table),
          () -> {
            nearCache.close(); // stops polling and releases the listening connection first
            JdbcSessionStore.dropSchema(dataSource, JdbcDialect.POSTGRESQL, table);
            Databases.close(dataSource);
          });
    }
  },
  /**
   * Our JDBC store on the local MariaDB (127.0.0.1:3306, database {@code test}, user root without a
   * password), in a table of its own per run, dropped when the run ends.
   */
  JDBC_MARIADB(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      HikariDataSource dataSource = Databases.mariadb();
      String table = Databases.randomTableName("bench_");
      return new SessionkitBackend(
          JdbcSessionStore.builder()
              .dataSource(dataSource)
              .dialect(JdbcDialect.MARIADB)
              .tableName(table)
              .createSchema(true)
              .build(),
          clock,
          touchEveryUse,
          () -> Databases.execute(dataSource, "ANALYZE TABLE " + table),
          () -> {
            JdbcSessionStore.dropSchema(dataSource, JdbcDialect.MARIADB, table);
            Databases.close(dataSource);
          });
    }
  },
  /** Spring Session's {@code MapSessionRepository}. */
  SPRING_MAP(false) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return new SpringMapBackend();
    }
  },
  /**
   * The database floor beside {@link #JDBC_POSTGRES}: one bare primary-key {@code SELECT} on the same
   * PostgreSQL through the same pool setup, in a table of its own per run. Lookup only.
   */
  BARE_SELECT_POSTGRES(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return new BareSelectBackend(Databases.postgres());
    }
  },
  /** Spring Session's {@code JdbcIndexedSessionRepository} on in-memory H2 with its own schema. */
  SPRING_JDBC_H2(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return SpringJdbcBackend.h2();
    }
  },
  /**
   * Spring Session's {@code JdbcIndexedSessionRepository} on the local PostgreSQL with its own
   * {@code schema-postgresql.sql}, in tables of its own per run, dropped when the run ends.
   */
  SPRING_JDBC_POSTGRES(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return SpringJdbcBackend.postgres();
    }
  },
  /**
   * Our store on the local Redis (127.0.0.1:6379, or {@code -Dsessionkit.redis.url} / {@code
   * SESSIONKIT_REDIS_URL}), under a key prefix of its own per run, whose keys are deleted when the run
   * ends.
   */
  REDIS(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return RedisStores.open(clock, touchEveryUse, false);
    }
  },
  /**
   * {@code NearCacheSessionStore} in front of {@link #REDIS}'s setup, fed by {@code
   * RedisInvalidationSource} on the same client, as {@link #NEAR_CACHE_JDBC_POSTGRES} is built.
   */
  NEAR_CACHE_REDIS(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return RedisStores.open(clock, touchEveryUse, true);
    }
  },
  /**
   * The Redis floor beside {@link #REDIS}: one bare {@code HGETALL} of a session-sized hash on the same
   * Redis through one Lettuce connection. Lookup only.
   */
  BARE_HGETALL_REDIS(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return new BareHgetallBackend();
    }
  },
  /**
   * Spring Session's {@code RedisIndexedSessionRepository} (principal-name index) over Lettuce through
   * spring-data-redis, on the same Redis, in a key namespace of its own per run.
   */
  SPRING_REDIS(true) {
    @Override
    Backend open(BenchClock clock, boolean touchEveryUse) {
      return new SpringRedisBackend();
    }
  };

  /** Databases are filled with at most this many rows: a million inserts would take minutes per run. */
  static final int DATABASE_ROWS = 100_000;

  /** Above every benchmark's population, so the in-memory store never evicts during a run. */
  static final long MAX_SESSIONS = 8_000_000;

  private final boolean database;

  Impl(boolean database) {
    this.database = database;
  }

  /**
   * Opens a fresh, empty instance.
   *
   * @param clock the clock our service and store read (peers read the system clock)
   * @param touchEveryUse whether every validation must write the last access time
   * @return the backend; close it when done
   */
  abstract Backend open(BenchClock clock, boolean touchEveryUse);

  /**
   * How many sessions a benchmark asking for {@code sessions} actually holds.
   *
   * @param sessions the {@code @Param} value
   * @return the same for in-memory implementations, capped at {@link #DATABASE_ROWS} for databases
   */
  int rows(int sessions) {
    return database ? Math.min(sessions, DATABASE_ROWS) : sessions;
  }
}
