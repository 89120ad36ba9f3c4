package dev.sessionkit;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of one subject, seen either by an administrator ({@link
 * SessionService#forSubject(String)}) or by the subject itself through its current session ({@link
 * SessionService#forCurrent(Session)}, which returns the richer {@link CurrentSessions}). Ids are taken as caller text: a malformed id, an unknown id and
 * another subject's id all behave the same ("not found"), so nothing leaks about other users.
 */
public interface SubjectSessions {

  /** @return the subject these sessions belong to */
  String subject();

  /**
   * One page of the subject's live sessions, each marked current or not.
   *
   * @param pagination which page, in which order, with or without totals
   * @return the page
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} when the page size exceeds the policy's
   *     maximum
   */
  Page<SessionView> list(Pagination pagination);

  /** @return how many live sessions the subject has */
  long count();

  /**
   * @param sessionId the id, as caller text
   * @return the session
   * @throws SessionException {@link ErrorCode#SESSION_NOT_FOUND} when it is not a live session of
   *     this subject
   */
  SessionView get(String sessionId);

  /**
   * @param sessionId the id, as caller text
   * @return the session, or empty when it is not a live session of this subject
   */
  Optional<SessionView> find(String sessionId);

  /**
   * "Is it still active?"
   *
   * @param sessionId the id, as caller text
   * @return true when it is a live session of this subject
   */
  boolean isActive(String sessionId);

  /**
   * Revokes one session; the result holds its last state.
   *
   * @param sessionId the id, as caller text
   * @return what was revoked
   * @throws SessionException {@link ErrorCode#SESSION_NOT_FOUND} when it is not a live session of
   *     this subject
   */
  RevocationResult revoke(String sessionId);

  /**
   * Revokes the listed sessions. Ids that are unknown, malformed, expired or another subject's are
   * reported in {@link RevocationResult#notFoundIds()} and never revoked; they count against the bulk
   * limit like the others.
   *
   * @param sessionIds the ids, as caller text, at least one
   * @return what was revoked and what was not found
   * @throws SessionException {@link ErrorCode#BULK_LIMIT_EXCEEDED} past the policy's bulk limit,
   *     {@link ErrorCode#INVALID_ARGUMENT} for an empty list or a null id; nothing is revoked then
   */
  RevocationResult revokeList(Collection<String> sessionIds);

  /**
   * Revokes all of the subject's sessions: "sign out everywhere", the caller's current session
   * included when there is one. To keep the current session, see {@link
   * CurrentSessions#revokeOthers()}, which only a self-service view has.
   *
   * @return what was revoked
   */
  RevocationResult revokeAll();

  /**
   * Replaces a session's attributes if its version is still {@code expectedVersion}.
   *
   * @param sessionId the id, as caller text
   * @param expectedVersion the version the caller last saw
   * @param attributes the new attributes
   * @return the updated session, with the next version
   * @throws SessionException {@link ErrorCode#CONFLICT} for a stale version, {@link
   *     ErrorCode#SESSION_NOT_FOUND} when it is not a live session of this subject, {@link
   *     ErrorCode#INVALID_ARGUMENT} for bad attributes
   */
  Session updateAttributes(String sessionId, long expectedVersion, Map<String, String> attributes);
}
