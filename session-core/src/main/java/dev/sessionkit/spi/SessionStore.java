package dev.sessionkit.spi;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage for sessions: one implementation per backend, no policy in it (the {@link
 * dev.sessionkit.SessionService} decides lifetimes, throttling and ownership). Every store passes the
 * contract suite in session-core's tests jar. Its promises:
 *
 * <ul>
 *   <li>create is atomic: the session is findable by id and listed for its subject, or not at all;
 *   <li>revoke is final: once a revoke returns, {@link #findById} no longer returns the session;
 *   <li>lists and counts see only sessions not expired at the given instant;
 *   <li>revokes touch only the given subject's sessions;
 *   <li>conditional updates (touch, rotate, attributes) never bring back a revoked or expired session.
 * </ul>
 *
 * Implementations are thread-safe. Failures of the backend surface as {@link SessionException} with
 * {@link ErrorCode#STORE_UNAVAILABLE} (cause kept), never as a raw driver exception.
 */
public interface SessionStore {

  /**
   * Stores a new session, enforcing the cap atomically with concurrent creates of the same subject.
   *
   * @param session the new session (its id is fresh)
   * @param cap the subject's cap
   * @param now the instant that decides which existing sessions still count
   * @return the sessions revoked to make room (empty unless the cap evicted)
   * @throws SessionException {@link ErrorCode#SESSION_LIMIT_EXCEEDED} when the cap refuses; nothing is
   *     stored then
   */
  List<Session> create(StoredSession session, SubjectCap cap, Instant now);

  /**
   * The hot-path lookup. May return a session past its deadline (the caller checks expiry, so it can
   * tell "expired" from "unknown"); never returns a revoked one.
   *
   * @param id the session id
   * @return the stored session, or null when there is none (null rather than Optional: this is
   *     the hot path, and it keeps the call free of allocations)
   */
  StoredSession findById(SessionId id);

  /**
   * Records a use: sets {@code lastAccessedAt} and the idle deadline, only if the session still exists
   * and is not expired at {@code now}. Never creates a session; the version stays.
   *
   * @param id the session id
   * @param now the access time
   * @param idleExpiresAt the new idle deadline (already capped at the absolute one)
   * @return the updated session, or empty when it was gone or expired
   */
  Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt);

  /**
   * Replaces the secret hash if it still equals {@code expectedHash} and the session is live at
   * {@code now}; also records the access and bumps the version.
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
   * expectedVersion}, bumping the version.
   *
   * @param subject the owner
   * @param id the session id
   * @param expectedVersion the version the caller saw
   * @param attributes the new attributes
   * @param now the instant that decides expiry
   * @return the updated session, or empty when there is no such live session of this subject
   * @throws SessionException {@link ErrorCode#CONFLICT} when the version has moved on, with a message
   *     naming the current version ("session &lt;id&gt; is at version N, not M")
   */
  Optional<Session> updateAttributes(
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
   * Revokes the listed sessions of one subject. Ids of other subjects' sessions are left alone.
   *
   * @param subject the owner
   * @param ids the ids to revoke
   * @param now the instant that decides expiry
   * @return the last state of each revoked session that was live at {@code now} (expired ones may be
   *     deleted too, but are not reported)
   */
  List<Session> revoke(String subject, Collection<SessionId> ids, Instant now);

  /**
   * Revokes all of a subject's sessions, optionally keeping one.
   *
   * @param subject the owner
   * @param keep the session to keep, or null to revoke all
   * @param now the instant that decides expiry
   * @return the last state of each revoked session that was live at {@code now}
   */
  List<Session> revokeAll(String subject, SessionId keep, Instant now);

  /**
   * Deletes at most {@code batchSize} sessions whose effective deadline is at or before {@code now}.
   * Safe to run on several nodes at once.
   *
   * @param now the purge time
   * @param batchSize the most sessions to delete
   * @return how many were deleted
   */
  int purgeExpired(Instant now, int batchSize);
}
