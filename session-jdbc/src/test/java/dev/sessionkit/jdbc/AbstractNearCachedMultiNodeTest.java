package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The multi-node contract with a near-cache on each node, each fed by the shared change log through
 * its own pool: {@link #awaitPropagation()} polls every node once, which is what the staleness bound
 * guarantees will have happened within it.
 */
abstract class AbstractNearCachedMultiNodeTest extends AbstractJdbcMultiNodeTest {
  private final List<NearCacheSessionStore> nearCaches = new CopyOnWriteArrayList<>();

  @Override
  SessionStore decorate(SessionStore store, HikariDataSource pool, String table, Clock clock) {
    NearCacheSessionStore nearCache = NearCacheSessionStore.builder(store)
        .invalidationSource(JdbcInvalidationSource.builder()
            .dataSource(pool)
            .dialect(database().dialect)
            .tableName(table)
            .build())
        .stalenessBound(Duration.ofHours(1)) // only awaitPropagation polls, so the checks are exact
        .clock(clock)
        .executor(Runnable::run)
        .build();
    nearCaches.add(nearCache);
    return nearCache;
  }

  @Override
  protected void awaitPropagation() {
    for (NearCacheSessionStore node : nearCaches) {
      if (!node.syncNow()) {
        throw new AssertionError("a node could not read the change log");
      }
    }
  }
}
