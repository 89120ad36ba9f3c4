package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Pagination;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.SessionView;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two store instances over one backend, as two application nodes have them: what one node does, the
 * other sees. For stores that share a backend (a database, Redis); an in-memory store opts out by not
 * running it. A store's test extends this class:
 *
 * <pre>{@code
 * class MyStoreMultiNodeTest extends MultiNodeContract {
 *   public SessionStore newStore(Clock clock) { return MyStore.onFreshBackend(clock); }
 *   public SessionStore newNodeOf(SessionStore first, Clock clock) { return MyStore.sameBackendAs(first, clock); }
 * }
 * }</pre>
 *
 * Every check runs in both directions. A store whose nodes see each other's changes only after a
 * delay (a near-cache) makes {@link #awaitPropagation()} wait for its promised bound.
 */
public abstract class MultiNodeContract {
  /** The instant the fake clock starts at. */
  protected static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  /** The nodes' idle timeout. */
  protected static final Duration IDLE = Duration.ofHours(1);
  /** The nodes' touch interval. */
  protected static final Duration TOUCH = Duration.ofMinutes(1);

  /** The clock of both nodes. */
  protected final FakeClock clock = new FakeClock(START);
  /** The first node's store, over a fresh backend. */
  protected SessionStore storeA;
  /** The second node's store, over the same backend. */
  protected SessionStore storeB;
  private final List<SessionStore> stores = new ArrayList<>();

  /**
   * @param clock the clock of the test
   * @return a store over a fresh, empty backend
   */
  public abstract SessionStore newStore(Clock clock);

  /**
   * @param first a store made by {@link #newStore}
   * @param clock the clock of the test
   * @return another instance over {@code first}'s backend, with its own connections and caches, as
   *     a second application node would build it
   */
  public abstract SessionStore newNodeOf(SessionStore first, Clock clock);

  /**
   * Releases the nodes and their backend; closes each store by default.
   *
   * @param nodes the stores made for one test, the first one first
   * @throws Exception when releasing fails
   */
  public void closeNodes(List<SessionStore> nodes) throws Exception {
    for (SessionStore store : nodes) {
      store.close();
    }
  }

  /**
   * Waits until what one node did is visible on the other; nothing by default (a store over a shared
   * backend shows it at once). A store with a propagation bound waits for it here.
   *
   * @throws Exception when waiting fails
   */
  protected void awaitPropagation() throws Exception {}

  @BeforeEach
  void startTwoNodes() {
    storeA = newStore(clock);
    stores.add(storeA);
    storeB = newNodeOf(storeA, clock);
    stores.add(storeB);
  }

  @AfterEach
  void stopNodes() throws Exception {
    closeNodes(List.copyOf(stores));
    stores.clear();
  }

  /**
   * @param store a node's store
   * @return a service on {@code store} with the test's clock and an uncapped policy
   */
  protected SessionService node(SessionStore store) {
    return node(store, SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH).build());
  }

  /**
   * @param store a node's store
   * @param policy the node's policy
   * @return a service on {@code store} with the test's clock and {@code policy}
   */
  protected SessionService node(SessionStore store, SessionPolicy policy) {
    return SessionService.builder(store).policy(policy).clock(clock).build();
  }

  private List<SessionService[]> bothDirections() {
    SessionService a = node(storeA);
    SessionService b = node(storeB);
    return List.of(new SessionService[] {a, b}, new SessionService[] {b, a});
  }

  private static ClientInfo client() {
    return ClientInfo.builder().ipAddress("198.51.100.4").deviceName("multi-node test").build();
  }

  private static boolean valid(SessionService node, IssuedSession issued) {
    return node.validate(issued.token().value()).isValid();
  }

  @Test
  void aSessionCreatedOnOneNodeIsValidListedAndCountedOnTheOther() throws Exception {
    List<SessionService[]> directions = bothDirections();
    for (int d = 0; d < directions.size(); d++) {
      SessionService here = directions.get(d)[0];
      SessionService there = directions.get(d)[1];
      String subject = "alice" + d;
      IssuedSession issued = here.issue(subject, client());
      // No waiting: a create must be visible at once, also on a node that keeps a cache.
      assertThat(valid(there, issued)).as("a new session validates on the other node at once").isTrue();
      assertThat(there.forSubject(subject).count()).isEqualTo(1);
      assertThat(there.forSubject(subject).list(Pagination.first(10)).items())
          .extracting(v -> v.session().id()).containsExactly(issued.session().id());
      assertThat(there.forSubject(subject).isActive(issued.session().id().value())).isTrue();
    }
  }

  @Test
  void anUnknownTokenLookedUpOnOneNodeValidatesOnceCreatedOnTheOther() throws Exception {
    for (SessionService[] pair : bothDirections()) {
      IssuedSession issued = pair[0].issue("bob", client());
      pair[0].forSubject("bob").revoke(issued.session().id().value());
      awaitPropagation();
      assertThat(valid(pair[1], issued)).as("a revoked session is unknown on the other node").isFalse();
      IssuedSession next = pair[0].issue("bob", client());
      assertThat(valid(pair[1], next)).as("what the other node just created is never hidden").isTrue();
    }
  }

  @Test
  void aSessionRevokedOnOneNodeIsRejectedOnTheOther() throws Exception {
    for (SessionService[] pair : bothDirections()) {
      IssuedSession issued = pair[0].issue("carol", client());
      assertThat(valid(pair[1], issued)).isTrue();
      pair[0].signOut(issued.session());
      awaitPropagation();
      assertThat(valid(pair[1], issued)).as("signed out on one node, rejected on the other").isFalse();
      assertThat(pair[1].forSubject("carol").count()).isZero();
    }
  }

  @Test
  void revokingAllOthersAndAListOnOneNodeReachesTheOther() throws Exception {
    for (SessionService[] pair : bothDirections()) {
      SessionService here = pair[0];
      SessionService there = pair[1];
      IssuedSession current = here.issue("dave", client());
      IssuedSession other = there.issue("dave", client());
      IssuedSession listed = there.issue("dave", client());
      IssuedSession kept = there.issue("dave", client());
      assertThat(valid(there, other)).isTrue();

      here.forSubject("dave").revokeList(List.of(listed.session().id().value()));
      awaitPropagation();
      assertThat(valid(there, listed)).as("revoked in a list").isFalse();
      assertThat(valid(there, kept)).isTrue();

      here.forCurrent(current.session()).revokeOthers();
      awaitPropagation();
      assertThat(valid(there, other)).as("revoked as one of the others").isFalse();
      assertThat(valid(there, kept)).as("revoked as one of the others").isFalse();
      assertThat(valid(there, current)).as("the current session stays").isTrue();

      here.revokeAllSessionsOf("dave");
      awaitPropagation();
      assertThat(valid(there, current)).as("revoked with all of the subject's").isFalse();
      assertThat(there.forSubject("dave").count()).isZero();
    }
  }

  @Test
  void aRotationOnOneNodeKillsTheOldTokenOnTheOther() throws Exception {
    for (SessionService[] pair : bothDirections()) {
      IssuedSession issued = pair[0].issue("erin", client());
      assertThat(valid(pair[1], issued)).isTrue();
      IssuedSession rotated = pair[0].rotate(issued.token().value());
      awaitPropagation();
      assertThat(valid(pair[1], issued)).as("the old token after a rotation on the other node").isFalse();
      assertThat(valid(pair[1], rotated)).as("the new token, at once").isTrue();
      assertThat(pair[1].forSubject("erin").get(issued.session().id().value()).session().version())
          .isEqualTo(rotated.session().version());
    }
  }

  @Test
  void anAttributeUpdateOnOneNodeMovesTheVersionOnTheOther() throws Exception {
    for (SessionService[] pair : bothDirections()) {
      IssuedSession issued = pair[0].issue("frank", client());
      String id = issued.session().id().value();
      Session updated = pair[0].forSubject("frank").updateAttributes(id, 1, Map.of("theme", "dark"));
      awaitPropagation();
      SessionView seen = pair[1].forSubject("frank").get(id);
      assertThat(seen.session().attributes()).containsEntry("theme", "dark");
      assertThat(seen.session().version()).isEqualTo(updated.version());
      SessionException stale = catchThrowableOfType(SessionException.class,
          () -> pair[1].forSubject("frank").updateAttributes(id, 1, Map.of("theme", "light")));
      assertThat(stale).isNotNull();
      assertThat(stale.code()).isEqualTo(ErrorCode.CONFLICT);
    }
  }

  @Test
  void anEvictingCapCountsTheSessionsOfBothNodes() throws Exception {
    SessionPolicy capped = SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH)
        .maxSessionsPerSubject(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build();
    SessionService a = node(storeA, capped);
    SessionService b = node(storeB, capped);
    IssuedSession first = a.issue("grace", client());
    clock.advance(Duration.ofSeconds(1));
    IssuedSession second = b.issue("grace", client());
    clock.advance(Duration.ofSeconds(1));
    IssuedSession third = a.issue("grace", client());
    awaitPropagation();

    assertThat(valid(b, first)).as("the least recently used session, evicted by the other node").isFalse();
    assertThat(valid(a, first)).isFalse();
    assertThat(valid(a, second)).isTrue();
    assertThat(valid(b, third)).isTrue();
    assertThat(b.forSubject("grace").count()).isEqualTo(2);
  }

  @Test
  void aRejectingCapAdmitsExactlyTheCapAcrossNodes() throws Exception {
    int cap = 5;
    SessionPolicy capped = SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH)
        .maxSessionsPerSubject(cap, OverflowStrategy.REJECT_NEW).build();
    SessionService[] nodes = {node(storeA, capped), node(storeB, capped)};
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    int threads = 6;
    int attempts = 10;

    Together.run(threads, thread -> {
      SessionService here = nodes[thread % 2];
      for (int i = 0; i < attempts; i++) {
        try {
          here.issue("heidi", client());
          admitted.incrementAndGet();
        } catch (SessionException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.SESSION_LIMIT_EXCEEDED);
          refused.incrementAndGet();
        }
      }
    });

    assertThat(admitted).hasValue(cap);
    assertThat(refused).hasValue(threads * attempts - cap);
    assertThat(nodes[1].forSubject("heidi").count()).isEqualTo(cap);
  }

  @Test
  void mixedTrafficOnBothNodesKeepsEveryInvariant() throws Exception {
    int cap = 4;
    SessionTraffic traffic = new SessionTraffic(clock, TOUCH, cap, "u0", "u1", "u2", "u3", "u4");
    SessionPolicy policy = SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH)
        .maxSessionsPerSubject(cap, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build();
    List<SessionService> nodes = List.of(
        SessionService.builder(storeA).policy(policy).clock(clock).listener(traffic.recorder()).build(),
        SessionService.builder(storeB).policy(policy).clock(clock).listener(traffic.recorder()).build());

    traffic.run(nodes, 6, trafficOperationsPerThread());
    awaitPropagation();

    traffic.checkInvariants(nodes, List.of(storeA, storeB));
  }

  /** @return operations per thread of the mixed-traffic test; a slow backend may lower it */
  protected int trafficOperationsPerThread() {
    return 150;
  }
}
