package dev.sessionkit.spi;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.TokenIdKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Storage for sessions: one implementation per backend, and only what must be atomic in the backend.
 * The {@link dev.sessionkit.SessionService} owns the policy: lifetimes, throttled touches, token
 * checks, ownership checks of lookups, which revoked sessions to report, and how a refused create or a
 * version conflict becomes an error. A store owns what only the backend can make atomic: the
 * per-subject cap with its eviction, conditional updates, and revocations scoped to one subject.
 *
 * <p>Promises every store keeps (the test kit, {@code dev.sessionkit:session-testkit}, checks each):
 *
 * <ul>
 *   <li>create is atomic: the session is findable by id and listed for its subject, or not at all;
 *   <li>revoke is final: once a revoke returns, {@link #findById} no longer returns the session, on
 *       this instance and on every other instance over the same backend;
 *   <li>subjects and ids are compared exactly, whatever the backend's collation: {@code "x"}, {@code
 *       "X"} and {@code "x "} are three subjects;
 *   <li>lists and counts see only sessions not expired at the given instant;
 *   <li>revokes touch only the given subject's sessions;
 *   <li>conditional updates (touch, rotate, attributes) never bring back a revoked or expired session
 *       and never move a session backwards.
 * </ul>
 *
 * Implementations are thread-safe. Failures of the backend surface as {@link SessionException} with
 * {@link ErrorCode#STORE_UNAVAILABLE} (cause kept, no secret in any message), never as a raw driver
 * exception; an outcome of the data (a refused create, a conflict, a missing session) is a value, not
 * an exception, so that decorators such as {@link ForwardingSessionStore} see it.
 *
 * <p>A store is closed with the application: {@link #close()} releases what the store owns (a
 * store's builder says what that is; a pool handed in by the application stays the application's).
 * Closing twice is harmless; calls after closing fail with {@link IllegalStateException} or with the
 * failure of the released resource.
 */
public interface SessionStore extends AutoCloseable {

  /**
   * The id of a session about to be issued to {@code subject}; the service calls it before {@link
   * #create}. The id must be fresh and unpredictable: an id is not a secret (the token's secret is),
   * but guessing one must stay hopeless. A store may fix at most the 6 bits of the first character to
   * place the session near its subject's other keys (a Redis Cluster hash slot), keeping at least 122
   * random bits; the default keeps all 128.
   *
   * @param subject the subject the session will belong to
   * @param random the service's source of randomness; draw every random bit from it
   * @return a new id; {@link #create} may refuse an id this method could not have made for the subject
   */
  default SessionId newId(String subject, SecureRandom random) {
    return SessionId.random(random);
  }

  /**
   * Stores a new session, enforcing the cap atomically with concurrent creates of the same subject on
   * every instance over the same backend: the subject's live sessions at {@code now} are counted, and
   * at the cap either the least recently used ones are revoked to make room or nothing is stored, as
   * the cap's {@link dev.sessionkit.OverflowStrategy} says.
   *
   * @param session the new session (its id is fresh, from {@link #newId} for its subject)
   * @param cap the subject's cap
   * @param now the instant that decides which existing sessions still count
   * @return created (with the last state of each evicted session) or refused
   */
  CreateOutcome create(StoredSession session, SubjectCap cap, Instant now);

  /**
   * The hot-path lookup. May return a session past its deadline (the caller checks expiry, so it can
   * tell "expired" from "unknown"); never returns a revoked one. Does not check the subject: the
   * service does.
   *
   * @param id the session id
   * @return the stored session, or null when there is none (null rather than Optional: this is the
   *     hot path, and it keeps the call free of allocations)
   */
  @Nullable StoredSession findById(SessionId id);

  /**
   * The hot-path lookup by the id inside a presented token, without copying it out: answers what
   * {@link #findById(SessionId)} answers for {@code key.toSessionId()}, which is what the default
   * does. A store that keeps sessions in a hash map keyed by {@link SessionId} overrides it with
   * {@code map.get(key)} (the key equals and hashes like the id), so a validation allocates no id.
   *
   * <p>The key reads the token, secret included: use it for this lookup only, never keep it.
   *
   * @param key the id part of a well-formed token
   * @return the stored session, or null when there is none
   */
  default @Nullable StoredSession findByTokenId(TokenIdKey key) {
    return findById(key.toSessionId());
  }

  /**
   * Looks a session up again after the token's secret did not match what {@link #findById} returned.
   * A store that answers lookups from a copy (a near-cache) reads its backend, since the session may
   * have been rotated elsewhere; a store that read its backend answers {@code seen} again, without
   * I/O, which is what the default does.
   *
   * @param id the session id
   * @param seen what {@link #findById} returned for it
   * @return the backend's current state, or null when the session is gone
   */
  default @Nullable StoredSession findFresh(SessionId id, StoredSession seen) {
    return seen;
  }

  /**
   * Records a use: sets {@code lastAccessedAt} and the idle deadline, only if the session still exists,
   * is not expired at {@code now}, and was last accessed before {@code now}. Never creates a session;
   * the version stays.
   *
   * @param id the session id
   * @param now the access time
   * @param idleExpiresAt the new idle deadline (already capped at the absolute one)
   * @return the updated session, or empty when it was gone or expired
   */
  Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt);

  /**
   * Replaces the secret hash if it still equals {@code expectedHash} and the session is live at
   * {@code now} (compare-and-set); also records the access and bumps the version.
   *
   * @param id the session id
   * @param expectedHash the hash the caller validated against
   * @param newHash the hash of the new secret
   * @param now the rotation time
   * @param idleExpiresAt the new idle deadline
   * @return the rotated session, or empty when the session is gone, expired or was rotated meanwhile
   */
  Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt);

  /**
   * Replaces the attributes of a subject's live session if its version is still {@code
   * expectedVersion}, bumping the version (compare-and-set).
   *
   * @param subject the owner
   * @param id the session id
   * @param expectedVersion the version the caller saw
   * @param attributes the new attributes
   * @param now the instant that decides expiry
   * @return updated; a conflict with the version the live session is at; or not found when the
   *     subject has no such live session
   */
  AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now);

  /**
   * One page of a subject's live sessions.
   *
   * @param query what to list
   * @return at most {@code query.limit()} sessions in the query's order
   */
  List<Session> list(SessionQuery query);

  /**
   * @param subject the subject
   * @param now the instant that decides expiry
   * @return how many live sessions the subject has
   */
  long count(String subject, Instant now);

  /**
   * Revokes the listed sessions of one subject, atomically: all of them or, on a failure, none. Ids of
   * other subjects' sessions are left alone. Expired sessions are revoked (deleted) too; the service
   * decides which to report.
   *
   * @param subject the owner
   * @param ids the ids to revoke
   * @return the last state of each session this call removed (a session removed concurrently by
   *     another call is reported by one of them only)
   */
  List<Session> revoke(String subject, Collection<SessionId> ids);

  /**
   * Revokes all of a subject's sessions, optionally keeping one, atomically with concurrent creates of
   * that subject (a session created meanwhile is either revoked or kept whole, never half-listed).
   *
   * @param subject the owner
   * @param keep the session to keep, or null to revoke all
   * @return the last state of each session this call removed, expired ones included
   */
  List<Session> revokeAll(String subject, @Nullable SessionId keep);

  /**
   * Deletes at most {@code batchSize} sessions whose effective deadline is at or before {@code now}.
   * Safe to run on several nodes at once.
   *
   * @param now the purge time
   * @param batchSize the most sessions to delete
   * @return how many were deleted
   */
  int purgeExpired(Instant now, int batchSize);

  /**
   * How many sessions the store holds, expired ones not yet purged included, when the backend can
   * tell cheaply (an in-memory size, a table statistic); for gauges, never for decisions.
   *
   * @return the estimate, or -1 when this store cannot tell without a scan
   */
  default long estimatedSize() {
    return -1;
  }

  /**
   * Releases what this store owns. Idempotent. The default owns nothing.
   */
  @Override
  default void close() {}
}
