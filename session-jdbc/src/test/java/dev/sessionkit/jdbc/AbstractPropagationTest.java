package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.SessionService;
import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.PropagationDelays;
import dev.sessionkit.testkit.TestFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Three application nodes over one real database, each with its own pool and near-cache: node 1
 * revokes (one session, all of a user's, all others, a bulk list, a rotation) and nodes 2 and 3 must
 * refuse the old tokens within the staleness bound. The delays (p50, p99, max over at least 1,000
 * revocations) go to the test figures that CI prints; the assertion is the bound itself.
 */
@Tag("slow") // left out of mutation testing: real waits on purpose
abstract class AbstractPropagationTest {
  /** The bound every node is built with. */
  static final Duration BOUND = Duration.ofSeconds(1);
  static final int REVOCATIONS = 1_000;

  private final String table = TestDatabases.newTableName();
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final List<SessionStore> stores = new ArrayList<>();

  /** The database under test. */
  abstract TestDatabases database();

  /** Where the leaf's delays go (one instance per leaf class, so its lines add up). */
  abstract TestFigures figures();

  /** @return the shared table */
  String table() {
    return table;
  }

  /** @return the pools made so far, the set-up pool first */
  List<HikariDataSource> pools() {
    return pools;
  }

  @BeforeEach
  void createTable() {
    HikariDataSource setup = database().newPool("propagation-setup", 1);
    pools.add(setup);
    JdbcSessionStore.builder().dataSource(setup).dialect(database().dialect).tableName(table)
        .createSchema(true).build();
  }

  @AfterEach
  void stopNodes() {
    stores.forEach(SessionStore::close);
    JdbcSessionStore.dropSchema(pools.get(0), database().dialect, table);
    pools.forEach(HikariDataSource::close);
  }

  /**
   * A node: its own pool, the JDBC store over the shared table, the near-cache fed by the change log.
   *
   * @param notifications whether the node listens for PostgreSQL's notifications
   */
  SessionService node(int number, boolean notifications) {
    HikariDataSource pool = database().newPool("propagation-node-" + number, 4);
    pools.add(pool);
    SessionStore jdbc = JdbcSessionStore.builder().dataSource(pool).dialect(database().dialect)
        .tableName(table).build();
    SessionStore near = NearCacheSessionStore.builder(jdbc)
        .invalidationSource(JdbcInvalidationSource.builder().dataSource(pool)
            .dialect(database().dialect).tableName(table).notifications(notifications).build())
        .stalenessBound(BOUND)
        .build();
    stores.add(near);
    return PropagationDelays.node(near);
  }

  /**
   * Runs the rounds and records the delays under {@code scenario}.
   *
   * @param notifications whether the nodes listen for notifications
   * @param beforeRound what to do before each round's changes
   */
  PropagationDelays measure(String scenario, boolean notifications, Runnable beforeRound) {
    SessionService writer = node(1, notifications);
    List<SessionService> readers = List.of(node(2, notifications), node(3, notifications));
    return new PropagationDelays(writer, readers, BOUND).run(REVOCATIONS, beforeRound)
        .recordAndCheck(scenario, figures(), REVOCATIONS);
  }
}
