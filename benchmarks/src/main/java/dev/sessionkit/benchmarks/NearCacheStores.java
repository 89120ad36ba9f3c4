package dev.sessionkit.benchmarks;

import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.jdbc.JdbcDialect;
import dev.sessionkit.jdbc.JdbcInvalidationSource;
import dev.sessionkit.spi.InvalidationSource;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import javax.sql.DataSource;

/** The near-cache as an application would set it up in front of the JDBC store on PostgreSQL or the Redis store. */
final class NearCacheStores {
  /** Room for every session of the largest database population, so measured lookups are hits. */
  static final long MAXIMUM_COPIES = 2L * Impl.DATABASE_ROWS;

  private NearCacheStores() {}

  /**
   * @param jdbc the JDBC store on {@code dataSource}
   * @param dataSource the store's pool, which the invalidation source shares (it keeps one connection
   *     listening for PostgreSQL's notifications)
   * @param table the store's table
   * @param clock the service's clock
   * @return the near-cache (default one-second staleness bound); closing it closes {@code jdbc}
   */
  static NearCacheSessionStore over(SessionStore jdbc, DataSource dataSource, String table, Clock clock) {
    return over(
        jdbc,
        JdbcInvalidationSource.builder()
            .dataSource(dataSource)
            .dialect(JdbcDialect.POSTGRESQL)
            .tableName(table)
            .build(),
        clock);
  }

  /**
   * @param shared the shared store
   * @param source the feed of {@code shared}'s changes
   * @param clock the service's clock
   * @return the near-cache (default one-second staleness bound); closing it closes both
   */
  static NearCacheSessionStore over(SessionStore shared, InvalidationSource source, Clock clock) {
    return NearCacheSessionStore.builder(shared)
        .invalidationSource(source)
        .maximumSize(MAXIMUM_COPIES)
        .clock(clock)
        .build();
  }
}
