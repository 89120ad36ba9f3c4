package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.ReferenceSessionStore;
import dev.sessionkit.testkit.InstrumentedStore;
import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The purge scheduler runs the service's purge until closed, whatever a run throws. */
class PurgeSchedulerTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final CapturedLogs logs = CapturedLogs.of(PurgeScheduler.class);

  private SessionService serviceOn(dev.sessionkit.spi.SessionStore store, SessionListener listener) {
    return SessionService.builder(store)
        .policy(SessionPolicy.builder().idleTimeout(Duration.ofHours(1)).build())
        .clock(clock)
        .listener(listener)
        .build();
  }

  /** Counts what purges removed and opens a latch once {@code expected} are gone. */
  private static final class PurgeCounter implements SessionListener {
    final AtomicInteger purged = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);
    final int expected;

    PurgeCounter(int expected) {
      this.expected = expected;
    }

    @Override
    public void expiredSessionsPurged(int removed, Duration elapsed) {
      if (purged.addAndGet(removed) >= expected) {
        done.countDown();
      }
    }
  }

  @Test
  void purgesExpiredSessionsInTheBackgroundUntilClosed() throws Exception {
    ReferenceSessionStore store = new ReferenceSessionStore();
    PurgeCounter counter = new PurgeCounter(5);
    SessionService service = serviceOn(store, counter);
    for (int i = 0; i < 5; i++) {
      service.issue("user" + i, ClientInfo.empty());
    }
    clock.advance(Duration.ofHours(1));

    try (PurgeScheduler scheduler = PurgeScheduler.start(service, Duration.ofMillis(5))) {
      assertThat(counter.done.await(30, TimeUnit.SECONDS)).as("purged within 30 s").isTrue();
      assertThat(scheduler.isRunning()).isTrue();
    }
    assertThat(store.all()).isEmpty();
  }

  @Test
  void keepsRunningWhenTheStoreThrowsAnErrorOrAnException() throws Exception {
    InstrumentedStore faults = new InstrumentedStore(new ReferenceSessionStore())
        .failNext("purgeExpired", new AssertionError("a store bug"), new IllegalStateException("database down"));
    PurgeCounter counter = new PurgeCounter(1);
    SessionService service = serviceOn(faults.store(), counter);
    service.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofHours(1));

    try (PurgeScheduler scheduler = PurgeScheduler.start(service, Duration.ofMillis(5))) {
      assertThat(counter.done.await(30, TimeUnit.SECONDS)).as("a later run purged").isTrue();
      assertThat(scheduler.isRunning()).isTrue();
    }
    assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(e -> e.getThrowable().orElseThrow().getMessage())
        .containsExactly("a store bug", "database down");
  }

  @Test
  void aListenerThrowingAnErrorNeitherStopsTheSchedulerNorFailsThePurge() throws Exception {
    CapturedLogs serviceLogs = CapturedLogs.of(SessionService.class);
    SessionListener broken = new SessionListener() {
      @Override
      public void expiredSessionsPurged(int removed, Duration elapsed) {
        throw new NoClassDefFoundError("a listener with a broken class path");
      }
    };
    PurgeCounter counter = new PurgeCounter(1);
    SessionService service = SessionService.builder(new ReferenceSessionStore())
        .clock(clock).listener(broken).listener(counter).build();
    service.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofDays(31));

    try (PurgeScheduler scheduler = PurgeScheduler.start(service, Duration.ofMillis(5))) {
      assertThat(counter.done.await(30, TimeUnit.SECONDS)).as("the next listener heard of the purge").isTrue();
      assertThat(scheduler.isRunning()).isTrue();
    }
    assertThat(logs.messages(Level.WARN)).as("the purge itself did not fail").isEmpty();
    assertThat(serviceLogs.events()).filteredOn(e -> e.getLevel() == Level.WARN).isNotEmpty()
        .allSatisfy(e -> assertThat(e.getThrowable()).containsInstanceOf(NoClassDefFoundError.class));
  }

  @Test
  void aVirtualMachineErrorStopsTheSchedulerAndIsLogged() throws Exception {
    InstrumentedStore faults = new InstrumentedStore(new ReferenceSessionStore())
        .failNext("purgeExpired", new InternalError("the JVM is broken"));
    SessionService service = serviceOn(faults.store(), new SessionListener() {});

    try (PurgeScheduler scheduler = PurgeScheduler.start(service, Duration.ofMillis(5))) {
      Await.until("the scheduler stops", () -> !scheduler.isRunning(), Duration.ofSeconds(30));
    }
    assertThat(logs.messages(Level.ERROR)).singleElement().asString().contains("stopped", "the JVM is broken");
  }

  @Test
  void itRunsOnADaemonThreadAndAMillisecondIsTheShortestInterval() throws Exception {
    PurgeCounter counter = new PurgeCounter(0);
    SessionService service = serviceOn(new ReferenceSessionStore(), counter);

    try (PurgeScheduler scheduler = PurgeScheduler.start(service, Duration.ofMillis(1))) {
      assertThat(counter.done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("sessionkit-purge"))
          .isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).as("daemon").isTrue());
    }
  }

  @Test
  void closingKeepsTheCallersInterruptFlag() {
    PurgeScheduler scheduler = PurgeScheduler.start(serviceOn(new ReferenceSessionStore(), new SessionListener() {}),
        Duration.ofHours(1));
    Thread.currentThread().interrupt();
    try {
      scheduler.close();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theIntervalMustBeAtLeastAMillisecondAndClosingTwiceIsHarmless() {
    SessionService service = serviceOn(new ReferenceSessionStore(), new SessionListener() {});

    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofNanos(999_999), Duration.ofSeconds(-1)}) {
      assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> PurgeScheduler.start(service, bad)))
          .hasMessageContaining("purge interval");
    }
    PurgeScheduler scheduler = PurgeScheduler.start(service, Duration.ofHours(1));
    scheduler.close();
    scheduler.close();
    assertThat(scheduler.isRunning()).isFalse();
  }
}
