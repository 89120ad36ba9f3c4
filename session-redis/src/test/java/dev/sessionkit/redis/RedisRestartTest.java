package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionService;
import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.CapturedLogs;
import dev.sessionkit.testsupport.IssuedSecrets;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.event.Level;

/**
 * The store while its Redis server is really stopped and started again: a redis-server of the test's
 * own ({@link RedisServerProcess}; the shared 6379 is never touched), with a plain store and a
 * near-cached one over it. While it is down every call fails closed within the command timeout; once
 * it is back the same stores answer again by themselves (Lettuce reconnects), the scripts are loaded
 * again (NOSCRIPT, then EVAL), and the near-cache keeps its staleness bound. With append-only
 * persistence nothing committed is lost; without persistence every session is gone, its token is
 * refused, and the near-caches drop every copy (the change stream's epoch changed). The times go to
 * the figures.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
class RedisRestartTest {
  private static final TestFigures FIGURES = TestFigures.of(RedisRestartTest.class);
  private static final Duration BOUND = Duration.ofSeconds(1);

  enum Stop {
    SIGTERM(RedisServerProcess::stop),
    SIGKILL(RedisServerProcess::kill);

    final Consumer<RedisServerProcess> apply;

    Stop(Consumer<RedisServerProcess> apply) {
      this.apply = apply;
    }
  }

  private final String prefix = TestRedis.freshPrefix();
  private RedisServerProcess server;
  private RedisClient client;
  private RedisSessionStore store;
  private NearCacheSessionStore near;
  private SessionService service;
  private SessionService nearService;

  private void open(RedisServerProcess redis) {
    server = redis;
    client = RedisClient.create(server.uri());
    store = RedisSessionStore.builder().client(client).keyPrefix(prefix).commandTimeout(FailsClosed.TIMEOUT).build();
    near = NearCacheSessionStore.builder(RedisSessionStore.builder().client(client).keyPrefix(prefix)
            .commandTimeout(FailsClosed.TIMEOUT).build())
        .invalidationSource(RedisInvalidationSource.builder().client(client).keyPrefix(prefix)
            .commandTimeout(FailsClosed.TIMEOUT).build())
        .stalenessBound(BOUND)
        .build();
    service = SessionService.builder(store).build();
    nearService = SessionService.builder(near).build();
  }

  @AfterEach
  void close() throws IOException {
    try {
      near.close();
      store.close();
      client.shutdown();
    } finally {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Stop.class)
  void withAppendOnlyEveryCommittedSessionComesBackAndTheStoresRecoverByThemselves(Stop stop) throws IOException {
    open(RedisServerProcess.persistent());
    CapturedLogs nearCacheLogs = CapturedLogs.of(NearCacheSessionStore.class);
    FailsClosed outage = new FailsClosed(FIGURES, "append-only, " + stop.name());
    List<IssuedSession> alices = List.of(issue("alice"), issue("alice"), issue("alice"));
    IssuedSession revoked = issue("alice");
    service.forSubject("alice").revoke(revoked.session().id().value());
    String token = alices.get(0).token().value();
    alices.forEach(s -> assertThat(nearService.validate(s.token().value()).isValid()).isTrue()); // copies held

    long stopping = System.nanoTime();
    stop.apply.accept(server);
    outage.record("stop", "process gone after " + FailsClosed.ms(since(stopping)));
    everyCallFailsClosed(outage, token, alices.get(1));
    nearCacheFailsClosedWithinItsBound(outage, token);

    long starting = System.nanoTime();
    server.start();
    outage.record("start", "ready after " + FailsClosed.ms(since(starting)) + " (append-only file replayed)");
    assertThat(cachedScripts()).as("scripts cached by the server right after its restart").isZero();
    outage.recovery(service, token, "the store's first call answered");
    outage.recovery(nearService, token, "the near-cached store's first call answered");

    for (IssuedSession s : alices) {
      assertThat(service.validate(s.token().value()).isValid()).as("committed before the restart").isTrue();
      assertThat(nearService.validate(s.token().value()).isValid()).isTrue();
    }
    assertThat(service.forSubject("alice").count())
        .as("alice's sessions: no call that failed during the outage took effect later").isEqualTo(alices.size());
    assertThat(service.validate(revoked.token().value()).isValid()).as("revoked before the restart").isFalse();
    assertThat(nearService.validate(revoked.token().value()).isValid()).isFalse();
    scriptsRunAgain(alices.get(2));
    revokedElsewhereIsRefusedWithinTheBound(outage, alices.get(1));
    assertThat(nearCacheLogs.messages(Level.WARN)).as("the near-cache's warning, once")
        .singleElement().asString().contains("cannot read its invalidation source");
    assertThat(nearCacheLogs.messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("again"));
    nearCacheLogs.events().forEach(e -> assertThat(IssuedSecrets.findIn(e.getMessage())).isNull());
  }

  @Test
  void withoutPersistenceSessionsAreGoneTheirTokensRefusedAndTheNearCacheFlushed() throws IOException {
    open(RedisServerProcess.inMemory());
    CapturedLogs nearCacheLogs = CapturedLogs.of(NearCacheSessionStore.class);
    FailsClosed outage = new FailsClosed(FIGURES, "no persistence, SIGTERM");
    IssuedSession kept = issue("alice");
    IssuedSession revoked = issue("alice");
    service.forSubject("alice").revoke(revoked.session().id().value()); // the change stream exists
    String token = kept.token().value();
    assertThat(nearService.validate(token).isValid()).isTrue(); // a copy held

    server.stop();
    outage.check("validate", () -> service.validate(token));
    server.start();
    outage.recovery(service, token, "the store's first call answered");

    assertThat(service.validate(token).isValid()).as("a session of before the restart, on Redis").isFalse();
    long began = System.nanoTime();
    Await.until("the near-cache drops its copy (the stream's epoch changed)",
        () -> FailsClosed.answers(nearService, token) && !nearService.validate(token).isValid(),
        FailsClosed.RECOVERY_LIMIT);
    outage.record("near-cache", "copy of a lost session refused after " + FailsClosed.ms(since(began)));
    assertThat(service.forSubject("alice").count()).isZero();
    scriptsRunAgain(issue("alice"));
    assertThat(nearCacheLogs.messages(Level.WARN)).as("a poll may have failed while the server was down")
        .allSatisfy(m -> assertThat(m).contains("cannot read its invalidation source"));
  }

  private IssuedSession issue(String subject) {
    return service.issue(subject, ClientInfo.empty(), Map.of("k", "v"));
  }

  private void everyCallFailsClosed(FailsClosed outage, String token, IssuedSession other) {
    String id = other.session().id().value();
    Duration first = outage.check("validate", () -> service.validate(token));
    outage.check("issue", () -> service.issue("alice", ClientInfo.empty()));
    outage.check("list", () -> service.forSubject("alice").list(Pagination.page(1, 10)));
    outage.check("count", () -> service.forSubject("alice").count());
    outage.check("rotate", () -> service.rotate(token));
    outage.check("updateAttributes", () -> service.forSubject("alice").updateAttributes(id, 1, Map.of()));
    outage.check("revoke", () -> service.forSubject("alice").revoke(id));
    outage.check("revokeAll", () -> service.forSubject("bob").revokeAll());
    outage.check("purgeExpired", () -> service.purgeExpired());
    outage.record("time to the first STORE_UNAVAILABLE", FailsClosed.ms(first));
  }

  /** The near-cache serves its copy at most the bound after its last poll, then fails closed too. */
  private void nearCacheFailsClosedWithinItsBound(FailsClosed outage, String token) {
    long began = System.nanoTime();
    Await.until("the near-cache stops serving its copy", () -> !FailsClosed.answers(nearService, token),
        BOUND.plus(FailsClosed.TIMEOUT).plus(FailsClosed.SLACK));
    outage.record("near-cache", "copy served until " + FailsClosed.ms(since(began)) + " into the outage (bound "
        + BOUND.toMillis() + " ms)");
    outage.check("near-cached validate", () -> nearService.validate(token));
  }

  /** Each script runs on the restarted server: NOSCRIPT, then EVAL, with no error surfacing. */
  private void scriptsRunAgain(IssuedSession session) {
    String token = session.token().value();
    IssuedSession rotated = service.rotate(token);
    assertThat(cachedScripts()).as("scripts the server cached again").isPositive();
    assertThat(service.validate(rotated.token().value()).isValid()).isTrue();
    assertThat(service.forSubject("alice").updateAttributes(rotated.session().id().value(),
        rotated.session().version(), Map.of("k", "w")).version()).isEqualTo(rotated.session().version() + 1);
    assertThat(service.forSubject("alice").list(Pagination.page(1, 10)).items()).isNotEmpty();
    service.purgeExpired();
  }

  /** A revoke on the plain store after the restart stops the near-cached copy within the bound. */
  private void revokedElsewhereIsRefusedWithinTheBound(FailsClosed outage, IssuedSession session) {
    String token = session.token().value();
    assertThat(nearService.validate(token).isValid()).isTrue();
    service.forSubject("alice").revoke(session.session().id().value());
    long revoked = System.nanoTime();
    Await.until("the near-cache refuses a token revoked on another node", () -> !nearService.validate(token).isValid(),
        BOUND.plus(FailsClosed.SLACK));
    Duration took = since(revoked);
    outage.record("near-cache after the restart", "revoked elsewhere, refused after " + FailsClosed.ms(took));
    assertThat(took).as("staleness after the restart").isLessThanOrEqualTo(BOUND.plus(FailsClosed.SLACK));
  }

  private long cachedScripts() {
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      for (String line : c.sync().info("memory").split("\r?\n")) {
        if (line.startsWith("number_of_cached_scripts:")) {
          return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    }
    throw new AssertionError("no number_of_cached_scripts in INFO memory");
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }
}
