package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.testkit.Together;
import dev.sessionkit.testsupport.FaultProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store when the network to Redis breaks: it reaches Redis through a {@link FaultProxy} that
 * cuts or stalls the connection. Every call fails closed with STORE_UNAVAILABLE within the command
 * timeout (plus scheduling slack), names no secret, and the store works again once the network does,
 * with nothing committed before the outage lost. The checks go to Redis directly.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
class RedisFaultTest {
  private static final TestFigures FIGURES = TestFigures.of(RedisFaultTest.class);

  enum Fault {
    CUT(FaultProxy::cut),
    STALL(FaultProxy::stall);

    final Consumer<FaultProxy> apply;

    Fault(Consumer<FaultProxy> apply) {
      this.apply = apply;
    }
  }

  private final String prefix = TestRedis.freshPrefix();
  private FaultProxy proxy;
  private RedisClient proxiedClient;
  private RedisSessionStore store;
  private RedisSessionStore direct;
  private SessionService service;
  private SessionService directService;

  @BeforeEach
  void start() throws IOException {
    RedisURI target = RedisURI.create(TestRedis.URL);
    proxy = FaultProxy.to(target.getHost(), target.getPort());
    RedisURI through = RedisURI.create(TestRedis.URL);
    through.setHost(proxy.host());
    through.setPort(proxy.port());
    proxiedClient = RedisClient.create(through);
    store = RedisSessionStore.builder().client(proxiedClient).keyPrefix(prefix).commandTimeout(FailsClosed.TIMEOUT).build();
    direct = TestRedis.store(prefix);
    service = SessionService.builder(store).build();
    directService = SessionService.builder(direct).build();
  }

  @AfterEach
  void stop() {
    try {
      proxy.close();
      store.close();
      proxiedClient.shutdown();
      direct.close();
    } finally {
      TestRedis.deleteAll(prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Fault.class)
  void everyCallFailsClosedWithinTheTimeoutAndTheStoreRecoversWithNothingLost(Fault fault) {
    IssuedSession kept = service.issue("alice", ClientInfo.empty(), Map.of("k", "v"));
    IssuedSession other = service.issue("alice", ClientInfo.empty());
    String token = kept.token().value();
    String id = kept.session().id().value();

    FailsClosed outage = new FailsClosed(FIGURES, "network " + fault.name().toLowerCase(Locale.ROOT));
    fault.apply.accept(proxy);
    outage.check("validate", () -> service.validate(token));
    outage.check("issue", () -> service.issue("alice", ClientInfo.empty()));
    outage.check("list", () -> service.forSubject("alice").list(Pagination.page(1, 10)));
    outage.check("count", () -> service.forSubject("alice").count());
    outage.check("rotate", () -> service.rotate(token));
    outage.check("updateAttributes", () -> service.forSubject("alice").updateAttributes(id, 1, Map.of()));
    outage.check("revoke", () -> service.forSubject("alice").revoke(other.session().id().value()));
    outage.check("revokeAll", () -> service.forSubject("bob").revokeAll());
    outage.check("purgeExpired", () -> service.purgeExpired());
    proxy.restore();

    outage.recovery(service, other.token().value(), "first call answered");
    assertThat(directService.validate(token).isValid())
        .as("a session committed before the outage is still there").isTrue();
    IssuedSession after = service.issue("alice", ClientInfo.empty());
    assertThat(directService.validate(after.token().value()).isValid()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Fault.class)
  void manyThreadsValidatingAtOnceAllFailWithinTheTimeout(Fault fault) throws Exception {
    String token = service.issue("alice", ClientInfo.empty()).token().value();
    FailsClosed outage = new FailsClosed(FIGURES, "network " + fault.name().toLowerCase(Locale.ROOT));
    fault.apply.accept(proxy);
    int threads = 32;
    long[] tookNanos = new long[threads];
    Together.run(threads, t -> tookNanos[t] = outage.quietly("validate", () -> service.validate(token)).toNanos());
    Arrays.sort(tookNanos);
    outage.record(threads + " validations at once", "p50 " + FailsClosed.ms(Duration.ofNanos(tookNanos[threads / 2]))
        + ", max " + FailsClosed.ms(Duration.ofNanos(tookNanos[threads - 1])));
    proxy.restore();
    outage.recovery(service, token, "32 threads' store answered");
    assertThat(service.validate(token).isValid()).isTrue();
  }
}
