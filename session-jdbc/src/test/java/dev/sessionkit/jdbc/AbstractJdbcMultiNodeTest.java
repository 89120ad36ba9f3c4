package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.MultiNodeContract;
import dev.sessionkit.testkit.Together;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow") // left out of mutation testing: many threads, real waits
/**
 * The test kit's multi-node contract on one database: two pools (two application nodes) over one
 * table; a leaf per database names it. Adds what only a database has: two nodes purging at once.
 */
abstract class AbstractJdbcMultiNodeTest extends MultiNodeContract {
  private final Map<SessionStore, Node> nodes = new ConcurrentHashMap<>();

  private record Node(String table, HikariDataSource pool) {}

  /** The database under test. */
  abstract TestDatabases database();

  @Override
  public SessionStore newStore(Clock clock) {
    return node(TestDatabases.newTableName(), true, clock);
  }

  @Override
  public SessionStore newNodeOf(SessionStore first, Clock clock) {
    return node(nodes.get(first).table(), false, clock);
  }

  /**
   * What a node runs on: the JDBC store itself, or a decorator over it (a near-cache).
   *
   * @param store the node's JDBC store, which owns {@code pool}
   * @param pool the node's own pool
   * @param table the shared table
   * @param clock the test's clock
   * @return the node's store
   */
  SessionStore decorate(SessionStore store, HikariDataSource pool, String table, Clock clock) {
    return store;
  }

  private SessionStore node(String table, boolean createSchema, Clock clock) {
    HikariDataSource pool = database().newPool("node-" + (nodes.size() + 1), 4);
    SessionStore store = JdbcSessionStore.builder()
        .dataSource(pool)
        .dialect(database().dialect)
        .tableName(table)
        .createSchema(createSchema)
        .closeDataSource(true)
        .build();
    SessionStore node = decorate(store, pool, table, clock);
    nodes.put(node, new Node(table, pool));
    return node;
  }

  @Override
  public void closeNodes(List<SessionStore> stores) throws Exception {
    Node first = nodes.get(stores.get(0));
    try {
      JdbcSessionStore.dropSchema(first.pool(), database().dialect, first.table());
    } finally {
      for (SessionStore store : stores) {
        nodes.remove(store);
        store.close();
      }
    }
  }

  private static ClientInfo client() {
    return ClientInfo.builder().ipAddress("198.51.100.4").deviceName("node test").build();
  }

  @Test
  void twoNodesPurgingAtOnceUnderTrafficRemoveEveryExpiredRowAndNoLiveOne() throws Exception {
    SessionPolicy policy = SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH).build();
    SessionService a = node(storeA, policy);
    SessionService b = node(storeB, policy);
    int expiredCount = 400;
    for (int i = 0; i < expiredCount; i++) {
      (i % 2 == 0 ? a : b).issue("old" + (i % 40), client());
    }
    clock.advance(IDLE);
    List<IssuedSession> live = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      live.add(a.issue("live" + (i % 5), client()));
    }
    Instant now = clock.instant();
    AtomicInteger purged = new AtomicInteger();

    Together.run(4, thread -> {
      SessionStore store = thread % 2 == 0 ? storeA : storeB;
      if (thread < 2) {
        // a purger per node, small batches so that they overlap many times
        int removed;
        do {
          removed = store.purgeExpired(now, 10);
          purged.addAndGet(removed);
        } while (removed > 0);
      } else {
        // traffic per node: new logins, validations and revocations of live sessions
        SessionService service = thread % 2 == 0 ? a : b;
        for (int i = 0; i < 60; i++) {
          IssuedSession s = service.issue("live" + (i % 5), client());
          assertThat(service.validate(s.token().value()).isValid()).isTrue();
          if (i % 3 == 0) {
            service.signOut(s.session());
          } else {
            live.add(s);
          }
        }
      }
    });
    // Whatever a purger skipped while the other held it, the other deleted: nothing expired is left.
    purged.addAndGet(storeA.purgeExpired(now, 1000));

    assertThat(purged).as("every expired row deleted exactly once").hasValue(expiredCount);
    assertThat(rowCount("idle_expires_at <= " + now.toEpochMilli())).isZero();
    assertThat(rowCount("1 = 1")).isEqualTo(live.size());
    for (IssuedSession s : live) {
      assertThat(b.validate(s.token().value()).isValid()).as("a live session survives the purge").isTrue();
    }
  }

  /** Rows of the table matching a fixed condition written by this test. */
  private long rowCount(String condition) throws SQLException {
    try (Connection c = nodes.get(storeA).pool().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + nodes.get(storeA).table() + " WHERE " + condition);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
