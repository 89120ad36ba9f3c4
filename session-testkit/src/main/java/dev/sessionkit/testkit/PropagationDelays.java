package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Measures how long a change made on one node takes to stop working on the others: for each kind of
 * revocation (one session, all of a user's, all others, a bulk list, a rotation), rounds of tokens
 * are first validated on every reader (so each reader holds a copy), then changed on the writer; the
 * readers then validate each old token until it is refused, and the delay from the moment the
 * writer's call returned to the first refusal is one sample per token and reader. Any store with a
 * near-cache per node can be measured: the JDBC and Redis propagation tests share it.
 */
public final class PropagationDelays {
  /** The kinds of change measured, each making some tokens invalid. */
  public enum Kind {
    /** Sign-outs, one session each. */
    ONE_SESSION,
    /** Every session of a user at once. */
    ALL_OF_USER,
    /** Every session of a user but the current one. */
    ALL_OTHERS,
    /** A list of a user's sessions. */
    BULK_LIST,
    /** Rotations: the old token of each. */
    ROTATION
  }

  private static final AtomicInteger USERS = new AtomicInteger();
  private static final int TOKENS_PER_ROUND = 50;

  private final SessionService writer;
  private final List<SessionService> readers;
  private final Duration bound;
  private final List<Long> samplesNanos = new ArrayList<>();
  private int revocations;

  /**
   * @param writer the node that makes the changes
   * @param readers the nodes that must refuse the changed tokens
   * @param bound the staleness bound the nodes are built with (for the summary and the deadline)
   */
  public PropagationDelays(SessionService writer, List<SessionService> readers, Duration bound) {
    this.writer = writer;
    this.readers = readers;
    this.bound = bound;
  }

  /**
   * Runs rounds until at least {@code atLeast} tokens were revoked, {@code beforeRound} running before
   * each round's changes (to kill a connection, say).
   *
   * @param atLeast how many tokens to revoke at least
   * @param beforeRound what to do before each round
   * @return this, measured
   */
  public PropagationDelays run(int atLeast, Runnable beforeRound) {
    Kind[] kinds = Kind.values();
    for (int round = 0; revocations < atLeast; round++) {
      beforeRound.run();
      round(kinds[round % kinds.length]);
    }
    return this;
  }

  /**
   * A node's service over its near-cached store, touching once an hour: every validation on a reader
   * is then a hit or a read, never a write.
   *
   * @param nearCached the node's store
   * @return the node's service
   */
  public static SessionService node(SessionStore nearCached) {
    return SessionService.builder(nearCached)
        .policy(SessionPolicy.builder().touchInterval(Duration.ofHours(1)).build())
        .build();
  }

  /**
   * Records the summary under {@code scenario}, then asserts that at least {@code atLeast} tokens were
   * revoked and that no refusal came after the bound.
   *
   * @param scenario what was measured
   * @param figures where the summary goes
   * @param atLeast how many revocations the run had to make
   * @return this
   */
  public PropagationDelays recordAndCheck(String scenario, TestFigures figures, int atLeast) {
    figures.record(summary(scenario));
    assertThat(revocations).isGreaterThanOrEqualTo(atLeast);
    assertThat(max()).as("the slowest refusal, %s", scenario).isLessThanOrEqualTo(bound);
    return this;
  }

  private record Pending(SessionService reader, String token, long changedAt) {}

  /** Changes a set of tokens, handing each one (with the instant its call returned) to {@code out}. */
  private interface Change {
    void apply(Consumer<List<Pending>> out);
  }

  private void round(Kind kind) {
    List<String> doomed = new ArrayList<>();
    Change change = prepare(kind, doomed);
    for (SessionService reader : readers) {
      for (String token : doomed) {
        assertThat(reader.validate(token).isValid()).as("%s before the change", kind).isTrue();
      }
    }
    // The writer works on its own thread while this one checks the readers, so that a token killed
    // early in a round is timed from its own change, not from the round's last one.
    Queue<Pending> changed = new ConcurrentLinkedQueue<>();
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> change.apply(changed::addAll));
    awaitRefusals(changed, writing, kind);
    writing.join();
    revocations += doomed.size();
  }

  /** All readers at once, so that no reader's samples include the time spent on another. */
  private void awaitRefusals(Queue<Pending> changed, CompletableFuture<Void> writing, Kind kind) {
    List<Pending> pending = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30) + bound.toNanos() * 3;
    while (!writing.isDone() || !changed.isEmpty() || !pending.isEmpty()) {
      assertThat(System.nanoTime() - deadline)
          .as("%s tokens still valid long after the bound", kind)
          .isNegative();
      for (Pending p; (p = changed.poll()) != null; ) {
        pending.add(p);
      }
      pending.removeIf(p -> {
        if (p.reader().validate(p.token()).isValid()) {
          return false;
        }
        samplesNanos.add(System.nanoTime() - p.changedAt());
        return true;
      });
      LockSupport.parkNanos(50_000); // leave the cores to the nodes' own threads
    }
  }

  private List<Pending> onEveryReader(String token, long changedAt) {
    List<Pending> all = new ArrayList<>();
    readers.forEach(r -> all.add(new Pending(r, token, changedAt)));
    return all;
  }

  private List<Pending> onEveryReader(List<String> tokens, long changedAt) {
    List<Pending> all = new ArrayList<>();
    tokens.forEach(t -> all.addAll(onEveryReader(t, changedAt)));
    return all;
  }

  /** Issues what {@code kind} needs, adds the tokens it will invalidate, returns the change. */
  private Change prepare(Kind kind, List<String> doomed) {
    String user = "prop-" + USERS.incrementAndGet();
    boolean oneUserEach = kind == Kind.ONE_SESSION || kind == Kind.ROTATION;
    List<IssuedSession> issued = new ArrayList<>();
    for (int i = 0; i < TOKENS_PER_ROUND; i++) {
      issued.add(writer.issue(oneUserEach ? user + "-" + i : user, ClientInfo.empty()));
    }
    IssuedSession kept = writer.issue(user, ClientInfo.empty());
    issued.forEach(s -> doomed.add(s.token().value()));
    switch (kind) {
      case ONE_SESSION:
        return out -> {
          for (IssuedSession s : issued) {
            writer.signOut(s.session());
            out.accept(onEveryReader(s.token().value(), System.nanoTime()));
          }
        };
      case ROTATION:
        return out -> {
          for (IssuedSession s : issued) {
            writer.rotate(s.token().value());
            out.accept(onEveryReader(s.token().value(), System.nanoTime()));
          }
        };
      case ALL_OF_USER:
        doomed.add(kept.token().value());
        return out -> {
          writer.revokeAllSessionsOf(user);
          out.accept(onEveryReader(doomed, System.nanoTime()));
        };
      case ALL_OTHERS:
        return out -> {
          writer.forCurrent(kept.session()).revokeOthers();
          out.accept(onEveryReader(doomed, System.nanoTime()));
        };
      case BULK_LIST:
        List<String> ids = issued.stream().map(s -> s.session().id().value()).toList();
        return out -> {
          writer.forSubject(user).revokeList(ids);
          out.accept(onEveryReader(doomed, System.nanoTime()));
        };
      default:
        throw new AssertionError(kind);
    }
  }

  /** @return how many delays were measured (one per changed token and reader) */
  public int samples() {
    return samplesNanos.size();
  }

  /** @return how many tokens the writer changed */
  public int revocations() {
    return revocations;
  }

  /** @return the largest delay */
  public Duration max() {
    return Duration.ofNanos(sorted()[samplesNanos.size() - 1]);
  }

  private long[] sorted() {
    long[] all = samplesNanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(all);
    return all;
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  /**
   * @param scenario what was measured, first on the line
   * @return p50, p99 and max, and how many revocations and samples they come from
   */
  public String summary(String scenario) {
    long[] all = sorted();
    return String.format(Locale.ROOT,
        "%s: %d revocations, %d samples over %d readers: p50 %s, p99 %s, max %s (bound %d ms)",
        scenario, revocations, all.length, readers.size(),
        ms(all[all.length / 2]), ms(all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)]),
        ms(all[all.length - 1]), bound.toMillis());
  }
}
