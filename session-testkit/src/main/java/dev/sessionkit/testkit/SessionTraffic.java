package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Page;
import dev.sessionkit.Pagination;
import dev.sessionkit.RevocationReason;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionService;
import dev.sessionkit.SessionView;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A mixed workload of logins, validations (with touches), rotations, revokes (one, a list, all but
 * one) on one or more nodes
 * (services whose stores share their data), and the invariants checked after it: every revoke is
 * reported exactly once, nothing revoked or rotated away validates on any node, no live session is
 * lost, lists and counts agree on every node, and a cap is never exceeded. The single-store
 * concurrency contract and the JDBC multi-node tests both run it.
 */
public final class SessionTraffic {
  private record Live(Session session, AtomicReference<String> token) {}

  private final FakeClock clock;
  private final Duration touchInterval;
  private final int cap;
  private final String[] subjects;
  private final Map<SessionId, Live> issued = new ConcurrentHashMap<>();
  private final List<SessionId> ids = new CopyOnWriteArrayList<>();
  private final List<SessionId> revokedEvents = new CopyOnWriteArrayList<>();
  private final Set<String> deadTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger clockTicks = new AtomicInteger();
  private final AtomicInteger operations = new AtomicInteger();

  /**
   * @param clock the clock of every node; the workload moves it by the touch interval now and then
   * @param touchInterval the nodes' touch interval
   * @param cap the nodes' per-subject cap, 0 for none
   * @param subjects the users to spread sessions over
   */
  public SessionTraffic(FakeClock clock, Duration touchInterval, int cap, String... subjects) {
    this.clock = clock;
    this.touchInterval = touchInterval;
    this.cap = cap;
    this.subjects = subjects.clone();
  }

  /** @return a listener to register on every node: revokes and cap evictions are counted from it */
  public SessionListener recorder() {
    return new SessionListener() {
      @Override
      public void sessionRevoked(Session session, RevocationReason reason) {
        revokedEvents.add(session.id());
      }
    };
  }

  /**
   * Runs the workload: {@code threads} threads spread round-robin over the nodes.
   *
   * @param nodes the services, each with {@link #recorder()} registered
   * @param threads how many threads
   * @param operations operations per thread
   * @throws Exception the first failure
   */
  public void run(List<SessionService> nodes, int threads, int operations) throws Exception {
    Together.run(threads, thread -> {
      SessionService here = nodes.get(thread % nodes.size());
      SessionService there = nodes.get((thread + 1) % nodes.size());
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < operations; i++) {
        this.operations.incrementAndGet();
        int op = random.nextInt(100);
        if (ids.isEmpty() || op < 25) {
          String subject = subjects[random.nextInt(subjects.length)];
          IssuedSession s = here.issue(subject, ClientInfo.builder().deviceName("traffic").build());
          issued.put(s.session().id(), new Live(s.session(), new AtomicReference<>(s.token().value())));
          ids.add(s.session().id());
          if (cap > 0) {
            assertThat(there.forSubject(subject).count()).as("the cap, seen from another node").isLessThanOrEqualTo(cap);
          }
          continue;
        }
        Live target = issued.get(ids.get(random.nextInt(ids.size())));
        String token = target.token().get();
        if (op < 60) {
          if (random.nextInt(10) == 0 && clockTicks.incrementAndGet() < 50) {
            clock.advance(touchInterval); // makes the next validations touch
          }
          here.validate(token);
        } else if (op < 75) {
          try {
            IssuedSession rotated = here.rotate(token);
            if (target.token().compareAndSet(token, rotated.token().value())) {
              deadTokens.add(token);
            }
          } catch (SessionException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
          }
        } else if (op < 86) {
          try {
            here.forSubject(target.session().subject()).revoke(target.session().id().value());
          } catch (SessionException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND);
          }
        } else if (op < 92) {
          // A bulk revoke naming this subject's session, another one picked at random (perhaps
          // another subject's: it must be reported not found and left alone) and an unknown id.
          Live other = issued.get(ids.get(random.nextInt(ids.size())));
          var result = here.forSubject(target.session().subject()).revokeList(
              List.of(target.session().id().value(), other.session().id().value(), "AAAAAAAAAAAAAAAAAAAAAA"));
          assertThat(result.revokedSessions()).allSatisfy(
              s -> assertThat(s.subject()).isEqualTo(target.session().subject()));
          assertThat(result.notFoundIds()).contains("AAAAAAAAAAAAAAAAAAAAAA");
        } else {
          here.forCurrent(target.session()).revokeOthers();
        }
      }
    });
  }

  /**
   * Checks the invariants on every node and store.
   *
   * @param nodes the services
   * @param stores their stores
   */
  public void checkInvariants(List<SessionService> nodes, List<SessionStore> stores) {
    Set<SessionId> revoked = new HashSet<>(revokedEvents);
    assertThat(revokedEvents).as("every revoke and eviction reported exactly once").hasSameSizeAs(revoked);
    for (SessionId id : revoked) {
      for (SessionStore store : stores) {
        assertThat(store.findById(id)).as("a revoked session").isNull();
      }
      for (SessionService node : nodes) {
        assertThat(node.validate(issued.get(id).token().get()).isValid()).as("a revoked token").isFalse();
      }
    }
    for (String dead : deadTokens) {
      for (SessionService node : nodes) {
        assertThat(node.validate(dead).isValid()).as("a rotated-away token").isFalse();
      }
    }
    Map<String, Set<SessionId>> liveBySubject = new HashMap<>();
    for (Live live : issued.values()) {
      if (!revoked.contains(live.session().id())) {
        for (SessionService node : nodes) {
          assertThat(node.validate(live.token().get()).isValid()).as("a live session").isTrue();
        }
        liveBySubject.computeIfAbsent(live.session().subject(), k -> new HashSet<>()).add(live.session().id());
      }
    }
    for (String subject : subjects) {
      Set<SessionId> expected = liveBySubject.getOrDefault(subject, Set.of());
      if (cap > 0) {
        assertThat(expected.size()).as("the cap").isLessThanOrEqualTo(cap);
      }
      for (SessionService node : nodes) {
        List<SessionId> listed = new ArrayList<>();
        Page<SessionView> page = node.forSubject(subject).list(Pagination.first(100).withTotal());
        page.items().forEach(v -> listed.add(v.id()));
        while (page.nextCursor().isPresent()) {
          page = node.forSubject(subject).list(Pagination.after(page.nextCursor().get(), 100));
          page.items().forEach(v -> listed.add(v.id()));
        }
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(node.forSubject(subject).count()).isEqualTo(expected.size());
      }
    }
  }

  /** @return sessions issued and not revoked */
  public int liveSessions() {
    return issued.size() - new HashSet<>(revokedEvents).size();
  }

  /** @return what the run did, for the figures: operations, sessions issued, revoked, rotated away */
  public String summary() {
    return operations.get() + " operations, " + issued.size() + " sessions issued, "
        + new HashSet<>(revokedEvents).size() + " revoked or evicted, " + deadTokens.size() + " tokens rotated away";
  }
}
