package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionService;
import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.FaultProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final Duration SLACK = Duration.ofMillis(1500);

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
    store = RedisSessionStore.builder().client(proxiedClient).keyPrefix(prefix).commandTimeout(TIMEOUT).build();
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

    fault.apply.accept(proxy);
    failsClosed(token, () -> service.validate(token));
    failsClosed(token, () -> service.issue("alice", ClientInfo.empty()));
    failsClosed(token, () -> service.forSubject("alice").list(Pagination.page(1, 10)));
    failsClosed(token, () -> service.forSubject("alice").count());
    failsClosed(token, () -> service.rotate(token));
    failsClosed(token, () -> service.forSubject("alice").updateAttributes(id, 1, Map.of()));
    failsClosed(token, () -> service.forSubject("alice").revoke(other.session().id().value()));
    failsClosed(token, () -> service.forSubject("bob").revokeAll());
    failsClosed(token, () -> service.purgeExpired());
    proxy.restore();

    Await.until("the store answers again", () -> {
      try {
        return service.validate(other.token().value()) != null;
      } catch (SessionException stillDown) {
        return false;
      }
    }, Duration.ofSeconds(20));
    assertThat(directService.validate(token).isValid())
        .as("a session committed before the outage is still there").isTrue();
    IssuedSession after = service.issue("alice", ClientInfo.empty());
    assertThat(directService.validate(after.token().value()).isValid()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Fault.class)
  void manyThreadsValidatingAtOnceAllFailWithinTheTimeout(Fault fault) throws Exception {
    String token = service.issue("alice", ClientInfo.empty()).token().value();
    fault.apply.accept(proxy);
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        calls.add(pool.submit(() -> failsClosed(token, () -> service.validate(token))));
      }
      for (Future<?> call : calls) {
        call.get(); // rethrows a failed assertion
      }
    } finally {
      pool.shutdownNow();
    }
    proxy.restore();
    Await.until("the store answers again", () -> {
      try {
        return service.validate(token).isValid();
      } catch (SessionException stillDown) {
        return false;
      }
    }, Duration.ofSeconds(20));
  }

  private static void failsClosed(String token, ThrowingCallable call) {
    long began = System.nanoTime();
    SessionException e = catchThrowableOfType(SessionException.class, call);
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertThat(e).as("a call during the outage fails closed").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(took).as("how long the failed call took").isLessThan(TIMEOUT.plus(SLACK));
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(token).doesNotContain(token.substring(23));
    }
  }
}
