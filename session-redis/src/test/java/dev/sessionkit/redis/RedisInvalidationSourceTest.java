package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the change stream carries, and what a reader is told when it cannot vouch for a gap. */
class RedisInvalidationSourceTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final String prefix = TestRedis.freshPrefix();
  private RedisSessionStore store;
  private RedisInvalidationSource source;
  private SessionService service;
  private final Recorder seen = new Recorder();

  /** @return the Redis to run on; the cluster leaf overrides it */
  RedisTarget target() {
    return TestRedis.STANDALONE;
  }

  @BeforeEach
  void start() {
    store = target().storeBuilder().keyPrefix(prefix).changeLogLength(5).build();
    source = target().source(prefix);
    service = SessionService.builder(store).clock(clock).policy(SessionPolicy.builder()
        .maxSessionsPerSubject(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build()).build();
  }

  @AfterEach
  void stop() {
    source.close();
    store.close();
    target().deleteAll(prefix);
  }

  @Test
  void revokeRotateAttributesAndEvictionEachLogTheChangedIdInOrder() {
    IssuedSession a = service.issue("alice", ClientInfo.empty());
    IssuedSession b = service.issue("alice", ClientInfo.empty());
    source.poll(seen);
    assertThat(seen.ids).as("creates change nothing a cache holds").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    service.rotate(a.token().value()); // a is now the more recently used
    service.forSubject("alice").updateAttributes(b.session().id().value(), 1, Map.of("k", "v"));
    service.issue("alice", ClientInfo.empty()); // evicts b
    service.forSubject("alice").revoke(a.session().id().value());
    source.poll(seen);

    assertThat(seen.ids).containsExactly(a.session().id(), b.session().id(), b.session().id(), a.session().id());
    assertThat(seen.all).isZero();
  }

  @Test
  void aPositionTrimmedAwayInvalidatesEverything() {
    source.poll(seen);
    for (int i = 0; i < 300; i++) { // MAXLEN ~ 5 trims whole nodes of about 100 entries
      service.signOut(service.issue("bob", ClientInfo.empty()).session());
    }
    source.poll(seen);
    assertThat(seen.all).isEqualTo(1);

    seen.clear();
    service.signOut(service.issue("bob", ClientInfo.empty()).session());
    source.poll(seen);
    assertThat(seen.all).as("caught up again").isZero();
    assertThat(seen.ids).hasSize(1);
  }

  @Test
  void aLostStreamInvalidatesEverything() {
    service.signOut(service.issue("carol", ClientInfo.empty()).session());
    service.signOut(service.issue("carol", ClientInfo.empty()).session());
    source.poll(seen);
    // carol's tag's stream, as after a restart without persistence
    target().deleteAll(prefix + SlotTags.hashTag(SlotTags.ofSubject("carol")) + "changes");
    for (int i = 0; i < 3; i++) { // past the old position: only the epoch tells the streams apart
      service.signOut(service.issue("carol", ClientInfo.empty()).session());
    }
    seen.clear();
    source.poll(seen);
    assertThat(seen.all).isEqualTo(1);

    seen.clear();
    service.signOut(service.issue("carol", ClientInfo.empty()).session());
    source.poll(seen);
    assertThat(seen.all).as("caught up with the new stream").isZero();
    assertThat(seen.ids).hasSize(1);
  }

  @Test
  void changesOfSubjectsOfEveryTagAreAllDeliveredAndALostStreamInvalidatesEverything() {
    source.poll(seen);
    List<SessionId> revoked = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      IssuedSession issued = service.issue("user" + i, ClientInfo.empty());
      service.signOut(issued.session());
      revoked.add(issued.session().id());
    }
    source.poll(seen);
    assertThat(seen.ids).containsExactlyInAnyOrderElementsOf(revoked);
    assertThat(seen.all).isZero();

    seen.clear();
    target().deleteAll(prefix + SlotTags.hashTag(SlotTags.ofSubject("user0")) + "changes");
    service.signOut(service.issue("user0", ClientInfo.empty()).session());
    IssuedSession elsewhere = service.issue(subjectOfAnotherTagThan("user0"), ClientInfo.empty());
    service.signOut(elsewhere.session());
    source.poll(seen);
    assertThat(seen.all).isEqualTo(1);
    assertThat(seen.ids).contains(elsewhere.session().id());
  }

  private static String subjectOfAnotherTagThan(String subject) {
    for (int i = 0; ; i++) {
      if (SlotTags.ofSubject("other" + i) != SlotTags.ofSubject(subject)) {
        return "other" + i;
      }
    }
  }

  @Test
  void everyLoggedChangeSignalsTheSubscribers() throws Exception {
    CountDownLatch woken = new CountDownLatch(1);
    source.onSignal(woken::countDown);
    // The subscription is asynchronous: log changes until one of them wakes the source.
    Await.until("a signal after a logged change", () -> {
      service.signOut(service.issue("dave", ClientInfo.empty()).session());
      try {
        return woken.await(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, Duration.ofSeconds(10));
    assertThat(woken.getCount()).isZero();
  }

  private static final class Recorder implements InvalidationListener {
    final List<SessionId> ids = new ArrayList<>();
    int all;

    @Override
    public void invalidate(SessionId id) {
      ids.add(id);
    }

    @Override
    public void invalidateAll() {
      all++;
    }

    void clear() {
      ids.clear();
      all = 0;
    }
  }
}
