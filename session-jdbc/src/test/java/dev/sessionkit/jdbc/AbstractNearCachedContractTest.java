package dev.sessionkit.jdbc;

import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import org.junit.jupiter.api.Tag;

@Tag("slow") // left out of mutation testing: the plain contract runs the same statements uncached
/**
 * The whole store contract, unchanged, on the near-cache in front of the JDBC store, fed by the
 * table's change log; a leaf per database names it.
 */
abstract class AbstractNearCachedContractTest extends AbstractJdbcContractTest {

  @Override
  SessionStore decorate(SessionStore store, String table, Clock clock) {
    return NearCacheSessionStore.builder(store)
        .invalidationSource(JdbcInvalidationSource.builder()
            .dataSource(dataSource())
            .dialect(database().dialect)
            .tableName(table)
            .build())
        .clock(clock)
        .executor(Runnable::run)
        .build();
  }
}
