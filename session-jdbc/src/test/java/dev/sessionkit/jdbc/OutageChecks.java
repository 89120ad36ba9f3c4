package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.RevocationResult;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.SubjectSessions;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.testkit.Together;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.IssuedSecrets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the fault and restart tests check around an outage, whatever broke. Before it: sessions issued,
 * some revoked. During it: every call fails closed (STORE_UNAVAILABLE, never a success, no secret in
 * the exception chain) within a bound derived from the configuration, one at a time and on 32 threads
 * at once, without the pool growing past its size. After it: the same store and pool answer again
 * without a restart, nothing committed before is lost, retried revokes are idempotent, and the live
 * threads go back to what they were. Times are asserted against the generous bound only; the precise
 * ones go to the test class's figures file.
 */
final class OutageChecks {
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(1);
  /** Room for a loaded 2-core machine: the bound must not flake; the figures show the real times. */
  private static final Duration SLACK = Duration.ofSeconds(1);
  /** How long the store may take to answer again, and the threads to settle: a deadline, not a figure. */
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
  private static final int THREADS = 32;
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  /** What may have become of the requests of calls that failed during the outage. */
  enum FailedRequests {
    /** The outage kept them from the database (a cut network, a stopped server). */
    NEVER_REACHED_THE_DATABASE,
    /** A stall held them and delivered them once it ended, after their callers saw the failure. */
    MAY_HAVE_REACHED_IT,
    /**
     * Their answers were lost: the single revoke, one statement, was committed; the bulk revoke and
     * revoke-all, whose transactions begin by taking the subject's lock, lost the first answer and
     * were rolled back without deleting anything.
     */
    ANSWERS_LOST
  }

  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  /** The most any one call may take to fail during an outage. */
  private final Duration bound;
  private final TestDatabases database;
  private final HikariDataSource pool;
  private final SessionService service;
  private final SessionService capped;
  private final TestFigures figures;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  // Made before the outage by sessionsBeforeTheOutage().
  private List<IssuedSession> alices; // validated, revoked (the second) and rotated (the third) during it
  private List<IssuedSession> revokedBefore; // alice's too
  private List<IssuedSession> bobs; // revoked all at once during it
  private List<IssuedSession> carols; // revoked by list during it
  private IssuedSession dave; // validated with no touch due

  /**
   * Whether revoking one session is one statement, which commits even when its answer is lost: on
   * PostgreSQL (a CTE that also logs the change); elsewhere it is a transaction of two statements.
   */
  static boolean singleRevokeIsOneStatement(TestDatabases database) {
    return database == TestDatabases.POSTGRESQL;
  }

  OutageChecks(TestDatabases database, SessionStore store, HikariDataSource pool, TestFigures figures) {
    this.database = database;
    this.bound = OperatorPool.longestFailingCall(database, STATEMENT_TIMEOUT).plus(SLACK);
    this.pool = pool;
    this.figures = figures;
    this.service = SessionService.builder(store).clock(clock)
        .policy(SessionPolicy.builder().touchInterval(TOUCH_INTERVAL).build()).build();
    this.capped = SessionService.builder(store).clock(clock)
        .policy(SessionPolicy.builder().touchInterval(TOUCH_INTERVAL)
            .maxSessionsPerSubject(5, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build())
        .build();
    figures.recordOnce(String.format(Locale.ROOT,
        "statement timeout %d ms, network grace %d ms; Hikari connectionTimeout %d ms, validationTimeout %d ms,"
            + " %d connections%s; bound per failing call %d ms (includes %d ms slack)",
        STATEMENT_TIMEOUT.toMillis(), JdbcStore.NETWORK_GRACE.toMillis(), OperatorPool.CONNECTION_TIMEOUT.toMillis(),
        OperatorPool.VALIDATION_TIMEOUT.toMillis(), OperatorPool.SIZE,
        database == TestDatabases.POSTGRESQL
            ? "; pgjdbc cancelSignalTimeout " + OperatorPool.PG_CANCEL_SIGNAL_TIMEOUT.toMillis() + " ms"
            : "",
        bound.toMillis(), SLACK.toMillis()));
  }

  SessionService service() {
    return service;
  }

  IssuedSession alice(int index) {
    return alices.get(index);
  }

  List<IssuedSession> bobs() {
    return bobs;
  }

  List<IssuedSession> carols() {
    return carols;
  }

  /** Issues and revokes the sessions that must come through the outage as they were. */
  void sessionsBeforeTheOutage() {
    alices = issue("alice", 3);
    revokedBefore = issue("alice", 2);
    for (IssuedSession s : revokedBefore) {
      service.forSubject("alice").revoke(id(s));
    }
    bobs = issue("bob", 2);
    carols = issue("carol", 2);
    for (IssuedSession s : alices) {
      assertThat(service.validate(token(s)).isValid()).isTrue(); // no touch: the clock stands still
    }
    clock.advance(TOUCH_INTERVAL.multipliedBy(2)); // validating alice's sessions writes a touch from now on
    dave = service.issue("dave", ClientInfo.empty());
  }

  /** Each kind of call, one after the other: all fail closed within the bound. */
  void everyCallFailsClosed(String outage) {
    failsClosed(outage, "validate, touch due", () -> service.validate(token(alices.get(0))));
    failsClosed(outage, "validate, no touch due", () -> service.validate(token(dave)));
    failsClosed(outage, "revoke", () -> service.forSubject("alice").revoke(id(alices.get(1))));
    failsClosed(outage, "revokeList", () -> service.forSubject("carol").revokeList(ids(carols)));
    failsClosed(outage, "revokeAll", () -> service.forSubject("bob").revokeAll());
    failsClosed(outage, "issue", () -> service.issue("erin", ClientInfo.empty()));
    failsClosed(outage, "issue under a cap", () -> capped.issue("erin", ClientInfo.empty()));
    failsClosed(outage, "rotate", () -> service.rotate(token(alices.get(2))));
  }

  /** One call fails with STORE_UNAVAILABLE, no secret in its exception chain, within the bound. */
  void failsClosed(String outage, String call, ThrowingCallable work) {
    long started = System.nanoTime();
    SessionException e = catchThrowableOfType(SessionException.class, work);
    Duration took = since(started);
    figures.record(line(outage, call, "failed after " + ms(took)));

    assertThat(e).as("%s during the %s: a SessionException, never a success", call, outage).isNotNull();
    assertThat(e.code()).as(call).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(took).as("%s: time to fail", call).isLessThan(bound);
    assertThat(IssuedSecrets.findIn(e)).as("a secret or hash in the exception chain of %s", call).isNull();
  }

  /**
   * 32 threads validate at once (half of them with a touch due): every one fails closed within the
   * bound, and the pool never holds more than its size while they queue for it.
   */
  void manyValidationsFailClosedAtOnce(String outage) throws Exception {
    long[] tookNanos = new long[THREADS];
    HikariPoolMXBean poolState = pool.getHikariPoolMXBean();
    AtomicInteger mostConnections = new AtomicInteger();
    AtomicInteger mostWaiting = new AtomicInteger();

    Together.run(THREADS, thread -> {
      String token = token(thread % 2 == 0 ? alices.get(0) : dave);
      long started = System.nanoTime();
      SessionException e = catchThrowableOfType(SessionException.class, () -> service.validate(token));
      tookNanos[thread] = System.nanoTime() - started;
      mostConnections.accumulateAndGet(poolState.getTotalConnections(), Math::max);
      mostWaiting.accumulateAndGet(poolState.getThreadsAwaitingConnection(), Math::max);
      assertThat(e).as("validation on thread %d: a SessionException, never a success", thread).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
      assertThat(IssuedSecrets.findIn(e)).as("a secret or hash in the exception chain").isNull();
    });

    Arrays.sort(tookNanos);
    Duration median = Duration.ofNanos(tookNanos[(THREADS - 1) / 2]);
    Duration slowest = Duration.ofNanos(tookNanos[THREADS - 1]);
    figures.record(line(outage, THREADS + " validations at once", "p50 " + ms(median) + ", max " + ms(slowest)
        + ", fastest " + ms(Duration.ofNanos(tookNanos[0])) + "; at most " + mostConnections + " connections, "
        + mostWaiting + " threads seen waiting for one"));

    assertThat(slowest).as("the slowest of %d validations at once", THREADS).isLessThan(bound);
    assertThat(mostConnections.get()).as("connections in the pool").isLessThanOrEqualTo(OperatorPool.SIZE);
  }

  /** Once the pool is full and idle: the live threads, to compare with after the outage. */
  int liveThreadsBefore() {
    HikariPoolMXBean poolState = pool.getHikariPoolMXBean();
    Await.until("the pool full and idle",
        () -> poolState.getTotalConnections() == OperatorPool.SIZE && poolState.getIdleConnections() == OperatorPool.SIZE,
        RECOVERY_LIMIT);
    threads.resetPeakThreadCount();
    return threads.getThreadCount();
  }

  /**
   * From now (the network or the server is back), polls until a call answers, then until the pool is
   * back at its size; both times are recorded. The store and the pool are the ones of before.
   */
  void recovers(String outage) {
    long started = System.nanoTime();
    Await.until("the store answers again after the " + outage, this::answers, RECOVERY_LIMIT);
    Duration answered = since(started);
    HikariPoolMXBean poolState = pool.getHikariPoolMXBean();
    Await.until("the pool back at " + OperatorPool.SIZE + " connections",
        () -> poolState.getTotalConnections() == OperatorPool.SIZE, RECOVERY_LIMIT);
    figures.record(line(outage, "recovery", "first call answered after " + ms(answered)
        + ", pool back at " + OperatorPool.SIZE + " connections after " + ms(since(started))));
  }

  /** A read that answers, whatever it answers; false while the store is unavailable. */
  private boolean answers() {
    try {
      service.validate(token(dave));
      return true;
    } catch (SessionException e) {
      if (e.code() != ErrorCode.STORE_UNAVAILABLE) {
        throw e;
      }
      return false;
    }
  }

  /** The live threads go back to the count before the outage: nothing piled up or leaked. */
  void threadsSettleBackTo(int before, String outage) {
    int peak = threads.getPeakThreadCount();
    long started = System.nanoTime();
    Await.until("live threads back to the " + before + " of before the " + outage,
        () -> threads.getThreadCount() <= before, RECOVERY_LIMIT);
    figures.record(line(outage, "live threads", before + " before, peak " + peak + " (the " + THREADS
        + " callers included), back to " + before + " within " + ms(since(started)) + " after recovery"));
  }

  /** Sessions issued before the outage still validate, and those revoked before stay revoked. */
  void nothingCommittedIsLost() {
    assertThat(service.validate(token(alices.get(0))).touched()).as("the touch that was due goes through").isTrue();
    assertThat(service.validate(token(alices.get(2))).isValid()).as("a failed rotation leaves the token").isTrue();
    assertThat(service.validate(token(dave)).isValid()).isTrue();
    for (IssuedSession s : revokedBefore) {
      assertThat(service.validate(token(s)).isValid()).as("revoked before the outage").isFalse();
    }
  }

  /**
   * The revokes that failed during the outage, tried again: the sessions end up revoked, a retry
   * after a committed revoke finds nothing (not found, zero revoked), and a second retry always does.
   */
  void retriedRevokesAreIdempotent(FailedRequests failed) {
    SubjectSessions alice = service.forSubject("alice");
    SubjectSessions bob = service.forSubject("bob");
    SubjectSessions carol = service.forSubject("carol");

    boolean revokedOne = revokes(alice, id(alices.get(1)));
    RevocationResult list = carol.revokeList(ids(carols));
    RevocationResult all = bob.revokeAll();

    List<String> listed = new ArrayList<>(list.notFoundIds());
    list.revokedIds().forEach(id -> listed.add(id.value()));
    assertThat(listed).as("each listed id either revoked or not found").containsExactlyInAnyOrderElementsOf(ids(carols));
    switch (failed) {
      case NEVER_REACHED_THE_DATABASE -> {
        assertThat(revokedOne).as("the retried revoke revokes").isTrue();
        assertThat(list.revokedCount()).as("the retried list revokes all").isEqualTo(carols.size());
        assertThat(all.revokedCount()).as("the retried revoke-all revokes all").isEqualTo(bobs.size());
        assertThat(service.forSubject("erin").count()).as("sessions left by failed issues").isZero();
      }
      case ANSWERS_LOST -> {
        assertThat(revokedOne).as("the retried revoke finds the session gone, if its first try committed")
            .isEqualTo(!singleRevokeIsOneStatement(database));
        assertThat(list.revokedCount()).as("the retried list revokes all").isEqualTo(carols.size());
        assertThat(all.revokedCount()).as("the retried revoke-all revokes all").isEqualTo(bobs.size());
      }
      case MAY_HAVE_REACHED_IT -> assertThat(all.revokedCount()).isBetween(0, bobs.size());
    }
    assertThat(revokes(alice, id(alices.get(1)))).as("a second retry finds nothing").isFalse();
    assertThat(carol.revokeList(ids(carols)).notFoundIds()).containsExactlyInAnyOrderElementsOf(ids(carols));
    assertThat(bob.revokeAll().revokedCount()).isZero();

    List<IssuedSession> revoked = new ArrayList<>(bobs);
    revoked.addAll(carols);
    revoked.add(alices.get(1));
    for (IssuedSession s : revoked) {
      assertThat(service.validate(token(s)).isValid()).as("a revoked session's token").isFalse();
    }
    assertThat(alice.count()).as("alice's sessions left").isEqualTo(2);
  }

  /** True when this call revoked the session, false when it found none to revoke. */
  private static boolean revokes(SubjectSessions sessions, String id) {
    try {
      return sessions.revoke(id).revokedCount() == 1;
    } catch (SessionException e) {
      if (e.code() != ErrorCode.SESSION_NOT_FOUND) {
        throw e;
      }
      return false;
    }
  }

  private List<IssuedSession> issue(String subject, int count) {
    List<IssuedSession> issued = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      issued.add(service.issue(subject, ClientInfo.empty()));
    }
    return issued;
  }

  static String token(IssuedSession s) {
    return s.token().value();
  }

  static String id(IssuedSession s) {
    return s.session().id().value();
  }

  static List<String> ids(List<IssuedSession> sessions) {
    return sessions.stream().map(OutageChecks::id).toList();
  }

  /** A figure of the test's own, in the same columns. */
  void record(String outage, String what, String figure) {
    figures.record(line(outage, what, figure));
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static String ms(Duration d) {
    return d.toMillis() + " ms";
  }

  private static String line(String outage, String what, String figure) {
    return String.format(Locale.ROOT, "%-26s %-28s %s", outage, what, figure);
  }
}
