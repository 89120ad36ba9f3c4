package dev.sessionkit.redis;

import dev.sessionkit.SessionService;
import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import dev.sessionkit.testkit.PropagationDelays;
import dev.sessionkit.testkit.TestFigures;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three application nodes over one Redis, each with its own client, store and near-cache fed by the
 * change stream: node 1 revokes (one session, all of a user's, all others, a bulk list, a rotation)
 * and nodes 2 and 3 must refuse the old tokens within the staleness bound, woken by the stream's
 * pub/sub channel, and with that signal lost (polling alone, at a quarter of the bound). The delays
 * (p50, p99, max over at least 1,000 revocations) go to the test figures; the assertion is the bound.
 */
@Tag("slow") // real waits on purpose
class RedisPropagationTest {
  private static final TestFigures FIGURES = TestFigures.of(RedisPropagationTest.class);
  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final int REVOCATIONS = 1_000;

  private final String prefix = TestRedis.freshPrefix();
  private final List<RedisClient> clients = new ArrayList<>();
  private final List<NearCacheSessionStore> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    try {
      nodes.forEach(NearCacheSessionStore::close);
      clients.forEach(RedisClient::shutdown);
    } finally {
      TestRedis.deleteAll(prefix);
    }
  }

  @Test
  void otherNodesRefuseRevokedTokensWhenTheSignalArrives() {
    measure("Redis, pub/sub signal", true);
  }

  @Test
  void theBoundHoldsWithTheSignalLost() {
    measure("Redis, pub/sub signal lost: polling alone", false);
  }

  private void measure(String scenario, boolean signals) {
    SessionService writer = node(signals);
    List<SessionService> readers = List.of(node(signals), node(signals));
    new PropagationDelays(writer, readers, BOUND).run(REVOCATIONS, () -> {})
        .recordAndCheck(scenario, FIGURES, REVOCATIONS);
  }

  /** A node: its own client and connections, the store, the near-cache fed by the change stream. */
  private SessionService node(boolean signals) {
    RedisClient client = RedisClient.create(TestRedis.URL);
    clients.add(client);
    InvalidationSource changes = RedisInvalidationSource.builder().client(client).keyPrefix(prefix).build();
    NearCacheSessionStore near = NearCacheSessionStore.builder(
            RedisSessionStore.builder().client(client).keyPrefix(prefix).build())
        .invalidationSource(signals ? changes : withoutSignal(changes))
        .stalenessBound(BOUND)
        .build();
    nodes.add(near);
    return PropagationDelays.node(near);
  }

  /** The source as a node sees it when every pub/sub message is lost: it never wakes a poll early. */
  private static InvalidationSource withoutSignal(InvalidationSource source) {
    return new InvalidationSource() {
      @Override
      public void poll(InvalidationListener listener) {
        source.poll(listener);
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }
}
