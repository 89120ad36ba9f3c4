package dev.sessionkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Page;
import io.lettuce.core.RedisClient;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.testsupport.Await;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Every benchmark body once per Redis implementation, and the list with expired sessions ({@code
 * -Pdatabases}; fails without the server).
 */
class RedisBenchmarkSmokeTest extends AbstractBenchmarkSmokeTest {
  @Override
  Set<Impl> impls() {
    return EnumSet.of(Impl.REDIS, Impl.NEAR_CACHE_REDIS, Impl.BARE_HGETALL_REDIS, Impl.SPRING_REDIS);
  }

  /** What the validate rows measure is one round trip: one HGETALL, nothing before or after it. */
  @Test
  void ourValidateIsOneHgetall() {
    List<String> commands = new CopyOnWriteArrayList<>();
    ClientResources resources = ClientResources.builder()
        .commandLatencyRecorder((local, remote, type, first, completion) -> commands.add(type.toString()))
        .build();
    RedisClient client = RedisClient.create(resources, RedisServer.uri());
    String name = RedisServer.uniqueName("sksmoke");
    RedisSessionStore store = RedisSessionStore.builder().client(client).keyPrefix(name + ":").build();
    try (Backend backend = new SessionkitBackend(store, new BenchClock(), false, store::close)) {
      String bearer = backend.issue("someone");
      Await.until("the login's commands are recorded", () -> !commands.isEmpty(), Duration.ofSeconds(5));
      commands.clear();

      assertThat(backend.validate(bearer)).isNotNull();

      Await.until("the lookup is recorded", () -> !commands.isEmpty(), Duration.ofSeconds(5));
      assertThat(commands).containsExactly("HGETALL");
    } finally {
      RedisServer.deleteKeys(client, name);
      client.shutdown();
      resources.shutdown();
    }
  }

  @Test
  void ourFirstPageSkipsTheExpired() {
    ExpiredListBenchmark b = expiredList(Impl.REDIS);
    try {
      Page<?> page = (Page<?>) b.listFirstPage();
      assertThat(page.items()).hasSize(ListBenchmark.PAGE_SIZE);
      assertThat(b.backend.purgeExpired()).as("the expired were there to skip").isEqualTo(900);
      assertThat(b.backend.revokeAll(ExpiredListBenchmark.USER)).isEqualTo(ExpiredListBenchmark.LIVE);
    } finally {
      b.tearDown();
    }
  }

  /** Spring's index still names the 900 expired sessions (notifications off); it returns the 100 live. */
  @Test
  void springsIndexKeepsTheExpired() {
    ExpiredListBenchmark b = expiredList(Impl.SPRING_REDIS);
    try {
      assertThat((Map<?, ?>) b.listFirstPage()).hasSize(ExpiredListBenchmark.LIVE);
      String namespace = ((SpringRedisBackend) b.backend).namespace();
      String index = namespace + ":index:" + FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME + ":"
          + ExpiredListBenchmark.USER;
      RedisClient client = RedisServer.client();
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        assertThat(c.sync().scard(index)).isEqualTo(1000);
      } finally {
        client.shutdown();
      }
    } finally {
      b.tearDown();
    }
  }

  private static ExpiredListBenchmark expiredList(Impl impl) {
    ExpiredListBenchmark b = new ExpiredListBenchmark();
    b.impl = impl;
    b.expiredSessions = 900;
    b.otherSessions = 100;
    b.setUp();
    return b;
  }
}
