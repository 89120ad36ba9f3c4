package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.RecordingListener;
import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class NearCacheSessionStoreTest {
  private static final Duration BOUND = Duration.ofSeconds(2);
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoggedBackend backend = new LoggedBackend();
  private final CountingStore counted = new CountingStore(backend.node());
  private final NearCacheSessionStore near = nearCache(counted, backend.source());
  private final RecordingListener events = new RecordingListener();
  private final SessionService node = service(near);
  private final SessionService otherNode = service(backend.node());

  /** Counts what reaches the backend. */
  static class CountingStore extends ForwardingSessionStore {
    final AtomicInteger lookups = new AtomicInteger();

    CountingStore(SessionStore delegate) {
      super(delegate);
    }

    @Override
    public @Nullable StoredSession findById(SessionId id) {
      lookups.incrementAndGet();
      return super.findById(id);
    }
  }

  private NearCacheSessionStore nearCache(SessionStore delegate, InvalidationSource source) {
    return NearCacheSessionStore.builder(delegate)
        .invalidationSource(source)
        .stalenessBound(BOUND)
        .clock(clock)
        .executor(Runnable::run)
        .build();
  }

  private SessionService service(SessionStore store) {
    return SessionService.builder(store)
        .policy(SessionPolicy.builder().touchInterval(Duration.ofMinutes(1)).build())
        .clock(clock)
        .listener(events)
        .build();
  }

  @AfterEach
  void close() {
    near.close();
  }

  private static String wrongSecret(IssuedSession issued) {
    return issued.token().value().substring(0, 23) + "A".repeat(43);
  }

  @Test
  void aKnownSessionIsValidatedFromMemory() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());

    for (int i = 0; i < 100; i++) {
      assertThat(node.validate(issued.token().value()).isValid()).isTrue();
    }

    assertThat(counted.lookups).hasValue(0);
  }

  @Test
  void aSessionFromAnotherNodeIsLoadedOnceThenServedFromMemory() {
    IssuedSession issued = otherNode.issue("alice", ClientInfo.empty());

    for (int i = 0; i < 10; i++) {
      assertThat(node.validate(issued.token().value()).isValid()).isTrue();
    }

    assertThat(counted.lookups).hasValue(1);
  }

  @Test
  void aRevokeOnThisNodeIsSeenAtOnce() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    node.validate(issued.token().value());

    node.signOut(issued.session());

    assertThat(node.validate(issued.token().value()).isValid()).isFalse();
  }

  @Test
  void aRevokeOnAnotherNodeIsSeenAfterThePollThatReadsIt() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    node.validate(issued.token().value());

    otherNode.signOut(issued.session());
    assertThat(near.syncNow()).isTrue();

    assertThat(node.validate(issued.token().value()).isValid()).isFalse();
  }

  @Test
  void anUnreadableSourceStopsCopiesBeingServedOnceTheBoundHasPassed() {
    CapturedLogs logs = CapturedLogs.of(NearCacheSessionStore.class);
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    node.validate(issued.token().value());
    backend.logUnreadable = true;
    otherNode.signOut(issued.session());
    assertThat(near.syncNow()).isFalse();

    clock.advance(BOUND.minusMillis(1));
    assertThat(node.validate(issued.token().value()).isValid())
        .as("within the bound the copy may still be served")
        .isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(node.validate(issued.token().value()).isValid())
        .as("at the bound the near-cache asks the store")
        .isFalse();

    assertThat(near.syncNow()).isFalse();
    backend.logUnreadable = false;
    assertThat(near.syncNow()).isTrue();
    assertThat(logs.messages(Level.WARN)).singleElement().asString()
        .contains("cannot read its invalidation source");
    assertThat(logs.messages(Level.INFO)).singleElement().asString().contains("again");
  }

  @Test
  void noCopyIsServedBeforeTheFirstPollSucceeds() {
    LoggedBackend down = new LoggedBackend(); // its own backend: this class's node polls the other
    down.logUnreadable = true;
    CapturedLogs logs = CapturedLogs.of(NearCacheSessionStore.class);
    CountingStore delegate = new CountingStore(down.node());
    try (NearCacheSessionStore cold = nearCache(delegate, down.source())) {
      SessionService coldNode = service(cold);
      IssuedSession issued = coldNode.issue("alice", ClientInfo.empty());

      coldNode.validate(issued.token().value());
      coldNode.validate(issued.token().value());

      assertThat(delegate.lookups).hasValue(2);
    }
    assertThat(logs.messages(Level.WARN)).hasSize(1);
  }

  @Test
  void aSlowLoadThatReadBeforeARevokeDoesNotPutTheSessionBack() throws Exception {
    IssuedSession issued = otherNode.issue("alice", ClientInfo.empty());
    SessionId id = issued.session().id();
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch revoked = new CountDownLatch(1);
    SessionStore slow = new ForwardingSessionStore(backend.node()) {
      @Override
      public @Nullable StoredSession findById(SessionId lookedUp) {
        StoredSession found = super.findById(lookedUp);
        if (read.getCount() > 0) {
          read.countDown();
          await(revoked);
        }
        return found;
      }
    };
    try (NearCacheSessionStore racing = nearCache(slow, backend.source())) {
      CompletableFuture<@Nullable StoredSession> load =
          CompletableFuture.supplyAsync(() -> racing.findById(id));
      assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();

      otherNode.signOut(issued.session());
      assertThat(racing.syncNow()).isTrue();
      revoked.countDown();

      assertThat(load.get(10, TimeUnit.SECONDS))
          .as("the load itself began before the revoke, so it may answer what it read")
          .isNotNull();
      assertThat(racing.findById(id)).as("but it must not have cached it").isNull();
    }
  }

  @Test
  void aTokenIssuedOnAnotherNodeValidatesAtOnceAfterThisNodeLookedUpUnknownIds() {
    IssuedSession probe = otherNode.issue("probe", ClientInfo.empty());
    for (int i = 0; i < 50; i++) {
      String unknown = otherNode.issue("u" + i, ClientInfo.empty()).token().value();
      otherNode.signOut(otherNode.validate(unknown).session().orElseThrow());
      assertThat(node.validate(unknown).isValid()).isFalse();
    }
    assertThat(node.validate(probe.token().value()).isValid()).isTrue();

    IssuedSession fresh = otherNode.issue("alice", ClientInfo.empty());

    assertThat(node.validate(fresh.token().value()).isValid()).isTrue();
  }

  @Test
  void aFloodOfOneUnknownTokenReachesTheStoreOnce() {
    IssuedSession gone = otherNode.issue("alice", ClientInfo.empty());
    otherNode.signOut(gone.session());

    for (int i = 0; i < 1_000; i++) {
      assertThat(node.validate(gone.token().value()).isValid()).isFalse();
    }

    assertThat(counted.lookups).hasValue(1);
    clock.advance(BOUND);
    near.syncNow();
    node.validate(gone.token().value());
    assertThat(counted.lookups).as("unknown ids are remembered for the bound only").hasValue(2);
  }

  @Test
  void aRotationOnAnotherNodeNeverRejectsTheNewToken() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    node.validate(issued.token().value());

    IssuedSession rotated = otherNode.rotate(issued.token().value());

    assertThat(node.validate(rotated.token().value()).isValid()).isTrue();
    assertThat(node.validate(issued.token().value()).isValid()).isFalse();
    assertThat(events.suspicious).hasSize(1);
  }

  @Test
  void aWrongSecretForAKnownSessionAsksTheStoreAndStaysWrong() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    node.validate(issued.token().value());

    assertThat(node.validate(wrongSecret(issued)).isValid()).isFalse();

    assertThat(counted.lookups).hasValue(1);
    assertThat(events.suspicious).hasSize(1);
    assertThat(node.validate(issued.token().value()).isValid()).isTrue();
  }

  @Test
  void aCopyPastItsIdleDeadlineIsReadAgainSinceAnotherNodeMayHaveTouchedIt() {
    SessionService shortIdle = SessionService.builder(near)
        .policy(SessionPolicy.builder().idleTimeout(Duration.ofMinutes(10))
            .touchInterval(Duration.ofMinutes(1)).build())
        .clock(clock).build();
    SessionService shortIdleOther = SessionService.builder(backend.node())
        .policy(shortIdle.policy()).clock(clock).build();
    IssuedSession issued = shortIdle.issue("alice", ClientInfo.empty());
    shortIdle.validate(issued.token().value());

    clock.advance(Duration.ofMinutes(8));
    assertThat(shortIdleOther.validate(issued.token().value()).touched()).isTrue();
    clock.advance(Duration.ofMinutes(3));
    near.syncNow();

    assertThat(shortIdle.validate(issued.token().value()).isValid()).isTrue();
    assertThat(counted.lookups).hasValue(1);
  }

  @Test
  void aTouchRefreshesTheCopyWithoutAnotherRead() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofMinutes(2));
    near.syncNow();

    assertThat(node.validate(issued.token().value()).touched()).isTrue();
    assertThat(node.validate(issued.token().value()).touched()).isFalse();

    assertThat(counted.lookups).hasValue(0);
  }

  @Test
  void aTouchOfASessionChangedElsewhereDropsTheCopyInsteadOfMixingVersions() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofMinutes(2));
    near.syncNow();
    otherNode.forSubject("alice").updateAttributes(issued.session().id().value(), 1, Map.of("k", "v"));

    assertThat(node.validate(issued.token().value()).touched()).isTrue();
    assertThat(counted.lookups).hasValue(0);

    assertThat(node.validate(issued.token().value()).session().orElseThrow().attributes())
        .containsEntry("k", "v");
    assertThat(counted.lookups).hasValue(1);
  }

  @Test
  void invalidateAllDropsEveryCopy() {
    AtomicReference<@Nullable InvalidationListener> listener = new AtomicReference<>();
    InvalidationSource source = l -> listener.set(l);
    CountingStore delegate = new CountingStore(backend.node());
    try (NearCacheSessionStore cached = nearCache(delegate, source)) {
      SessionService service = service(cached);
      IssuedSession a = service.issue("alice", ClientInfo.empty());
      IssuedSession b = service.issue("bob", ClientInfo.empty());

      java.util.Objects.requireNonNull(listener.get()).invalidateAll();

      service.validate(a.token().value());
      service.validate(b.token().value());
      assertThat(delegate.lookups).hasValue(2);
      assertThat(cached.estimatedCopies()).isEqualTo(2);
    }
  }

  @Test
  void aSignalFromTheSourceTriggersAPollAtOnce() {
    AtomicInteger polls = new AtomicInteger();
    AtomicReference<@Nullable Runnable> wakeUp = new AtomicReference<>();
    InvalidationSource source = new InvalidationSource() {
      @Override
      public void poll(InvalidationListener l) {
        polls.incrementAndGet();
      }

      @Override
      public void onSignal(Runnable signal) {
        wakeUp.set(signal);
      }
    };
    try (NearCacheSessionStore signalled = NearCacheSessionStore.builder(backend.node())
        .invalidationSource(source).stalenessBound(Duration.ofHours(4)).build()) {
      Await.until("the first polls", () -> polls.get() >= 2, Duration.ofSeconds(10));
      int before = polls.get();

      java.util.Objects.requireNonNull(wakeUp.get()).run();

      Await.until("a poll after the signal", () -> polls.get() > before, Duration.ofSeconds(10));
      assertThat(signalled.syncNow()).isTrue();
    }
  }

  @Test
  void closingClosesTheSourceAndTheDelegateOnce() {
    AtomicInteger sourceClosed = new AtomicInteger();
    AtomicInteger storeClosed = new AtomicInteger();
    InvalidationSource source = new InvalidationSource() {
      @Override
      public void poll(InvalidationListener l) {}

      @Override
      public void close() {
        sourceClosed.incrementAndGet();
      }
    };
    SessionStore delegate = new ForwardingSessionStore(backend.node()) {
      @Override
      public void close() {
        storeClosed.incrementAndGet();
      }
    };
    NearCacheSessionStore store = nearCache(delegate, source);
    service(store).issue("alice", ClientInfo.empty());
    assertThat(store.estimatedCopies()).isEqualTo(1);

    store.close();
    store.close();

    assertThat(store.estimatedCopies()).as("closing drops every copy").isZero();
    assertThat(sourceClosed).hasValue(1);
    assertThat(storeClosed).hasValue(1);
    assertThat(store.syncNow()).as("a closed near-cache polls no more").isFalse();
    assertThat(store.toString()).startsWith("NearCacheSessionStore[");
  }

  @Test
  void theBuilderRefusesWhatCannotWork() {
    NearCacheSessionStore.Builder builder = NearCacheSessionStore.builder(backend.node());
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("invalidationSource");
    assertThatThrownBy(() -> builder.maximumSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.unknownIdsMaximumSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.stalenessBound(Duration.ofMillis(9)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.stalenessBound(Duration.ofMillis(10))).isSameAs(builder);
    assertThatThrownBy(() -> NearCacheSessionStore.builder(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(List.of(builder.maximumSize(1), builder.unknownIdsMaximumSize(0))).allMatch(b -> b == builder);
  }

  private static StoredSession storedSession(SessionId id, Instant now) {
    Session session = new Session(id, "alice", now, now, now.plus(Duration.ofHours(2)),
        now.plus(Duration.ofHours(1)), 1, ClientInfo.empty(), Map.of());
    return new StoredSession(session, new byte[32]);
  }

  @Test
  void aSessionCreatedHereUnderAnIdOnceUnknownIsFoundAtOnce() {
    SessionId id = SessionId.of("AAAAAAAAAAAAAAAAAAAAAA");
    assertThat(near.findById(id)).isNull();

    near.create(storedSession(id, clock.instant()), new SubjectCap(10, OverflowStrategy.REJECT_NEW), clock.instant());

    assertThat(near.findById(id)).isNotNull();
  }

  @Test
  void aCopyAtItsIdleDeadlineIsReadAgain() {
    SessionId id = SessionId.of("AAAAAAAAAAAAAAAAAAAAAA");
    StoredSession stored = storedSession(id, clock.instant());
    near.create(stored, new SubjectCap(10, OverflowStrategy.REJECT_NEW), clock.instant());
    clock.set(stored.session().idleExpiresAt().minusMillis(1));
    near.syncNow();
    near.findById(id);
    assertThat(counted.lookups).hasValue(0);

    clock.advance(Duration.ofMillis(1));
    near.findById(id);

    assertThat(counted.lookups).hasValue(1);
  }

  @Test
  void aCopyTheStoreNoLongerHasIsDroppedWhenReadAgain() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    SessionId id = issued.session().id();
    backend.sessions.revokeAll("alice", null); // behind the near-cache's back: no log entry
    clock.set(issued.session().idleExpiresAt());
    near.syncNow();

    assertThat(near.findById(id)).isNull();
    assertThat(near.findById(id)).isNull();

    assertThat(counted.lookups).as("the second lookup is an unknown id remembered").hasValue(1);
  }

  @Test
  void aTouchThatFindsTheSessionGoneDropsTheCopy() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    SessionId id = issued.session().id();
    backend.sessions.revokeAll("alice", null); // behind the near-cache's back: no log entry

    assertThat(near.touch(id, clock.instant(), clock.instant().plus(Duration.ofHours(1)))).isEmpty();

    assertThat(near.findById(id)).isNull();
  }

  @Test
  void copiesStayServableAcrossPollsAsTheClockMoves() {
    IssuedSession issued = node.issue("alice", ClientInfo.empty());
    for (int i = 0; i < 5; i++) {
      clock.advance(BOUND.multipliedBy(3));
      assertThat(near.syncNow()).isTrue();
      assertThat(near.findById(issued.session().id())).isNotNull();
    }
    assertThat(counted.lookups).hasValue(0);
  }

  @Test
  void invalidateAllForgetsUnknownIdsAndStopsLoadsUnderWayFromCaching() throws Exception {
    AtomicReference<@Nullable InvalidationListener> listener = new AtomicReference<>();
    IssuedSession issued = otherNode.issue("alice", ClientInfo.empty());
    SessionId id = issued.session().id();
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch flushed = new CountDownLatch(1);
    CountingStore slow = new CountingStore(backend.node()) {
      @Override
      public @Nullable StoredSession findById(SessionId lookedUp) {
        StoredSession found = super.findById(lookedUp);
        if (lookedUp.equals(id) && read.getCount() > 0) {
          read.countDown();
          await(flushed);
        }
        return found;
      }
    };
    try (NearCacheSessionStore cached = nearCache(slow, l -> listener.set(l))) {
      SessionId unknown = SessionId.of("BBBBBBBBBBBBBBBBBBBBBA");
      assertThat(cached.findById(unknown)).isNull();
      CompletableFuture<@Nullable StoredSession> load =
          CompletableFuture.supplyAsync(() -> cached.findById(id));
      assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();

      java.util.Objects.requireNonNull(listener.get()).invalidateAll();
      flushed.countDown();
      assertThat(load.get(10, TimeUnit.SECONDS)).isNotNull();
      int before = slow.lookups.get();

      cached.findById(id);
      cached.findById(unknown);

      assertThat(slow.lookups.get() - before).as("neither was kept across the flush").isEqualTo(2);
    }
  }

  @Test
  void theSyncThreadIsADaemonThatPollsFourTimesPerBoundAndEndsWithTheStore() {
    AtomicInteger polls = new AtomicInteger();
    NearCacheSessionStore fast = NearCacheSessionStore.builder(backend.node())
        .invalidationSource(l -> polls.incrementAndGet())
        .stalenessBound(Duration.ofMillis(40))
        .build();
    Thread sync = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("sessionkit-near-cache-sync") && t.isAlive())
        .filter(t -> t.getState() != Thread.State.TERMINATED)
        .reduce((a, b) -> b.getId() > a.getId() ? b : a)
        .orElseThrow();
    long started = System.nanoTime();

    Await.until("20 polls", () -> polls.get() >= 20, Duration.ofSeconds(10));
    long took = System.nanoTime() - started;
    fast.close();

    assertThat(sync.isDaemon()).isTrue();
    assertThat(Duration.ofNanos(took)).as("20 polls every 10 ms").isLessThan(Duration.ofMillis(1_500));
    assertThat(sync.isAlive()).as("closing waits for the thread to end").isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
