package dev.sessionkit;

import dev.sessionkit.spi.SessionStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The facade applications call: issue a session at login, validate its bearer token on every request,
 * rotate it, and manage a subject's sessions (list, get, count, revoke) either as the user ({@link
 * #forCurrent}) or as an administrator ({@link #forSubject}). Thread-safe; build one per application
 * with {@link #builder(SessionStore)}.
 *
 * <p>Every failure is a {@link SessionException} with a stable {@link ErrorCode}; bad input changes
 * nothing. Nothing here knows HTTP: a wrapper maps results and codes to its own routes and JSON.
 */
public interface SessionService {

  /**
   * Starts a builder.
   *
   * @param store where sessions live, e.g. the Caffeine store or the JDBC store
   * @return a builder with the default policy, the system UTC clock and no listeners
   */
  static SessionServiceBuilder builder(SessionStore store) {
    return new SessionServiceBuilder(store);
  }

  /**
   * Issues a new session at login. The token in the result is shown to the client once; only the
   * SHA-256 of its secret is stored. When the subject is at the policy's cap, the cap's strategy
   * either evicts the least recently used session or refuses.
   *
   * <p>Subjects are compared exactly, in every store: {@code "X"} is not {@code "x"}, and neither is
   * {@code "x "}. A subject is 1 to 255 chars of well-formed UTF-16 (no unpaired surrogates), with no
   * control characters and no whitespace at either end (Unicode spaces such as U+00A0 included); any
   * other text is refused, so that no database can take two subjects for one. Normalize user ids
   * (case, Unicode form) in the application before they get here, if that is what they mean.
   *
   * @param subject the authenticated user's id, as described above
   * @param client where the login came from; {@link ClientInfo#empty()} when unknown
   * @param attributes application data to keep with the session (at most 64 entries)
   * @return the session and its token
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} for a bad subject or attributes,
   *     {@link ErrorCode#SESSION_LIMIT_EXCEEDED} when the cap refuses
   */
  IssuedSession issue(String subject, ClientInfo client, Map<String, String> attributes);

  /**
   * Issues a session without attributes.
   *
   * @param subject the authenticated user's id
   * @param client where the login came from
   * @return the session and its token
   * @throws SessionException as {@link #issue(String, ClientInfo, Map)}
   */
  default IssuedSession issue(String subject, ClientInfo client) {
    return issue(subject, client, Map.of());
  }

  /**
   * The hot path: checks a bearer token presented with a request. Malformed input (null, empty, wrong
   * length or characters, kilobytes of junk) is refused before any store call and without throwing.
   * A valid token slides the idle deadline; the write happens at most once per touch interval.
   *
   * @param token the bearer token text, may be anything
   * @return the live session, or the invalid outcome (the reason goes to listeners only)
   * @throws SessionException only {@link ErrorCode#STORE_UNAVAILABLE} when the store fails
   */
  ValidationResult validate(@Nullable String token);

  /**
   * Gives a valid token's session a new secret (after re-authentication or a privilege change). The
   * old token stops working at once; the session id stays.
   *
   * @param token the current bearer token
   * @return the session and its new token
   * @throws SessionException {@link ErrorCode#INVALID_TOKEN} when the token is not valid (or was
   *     rotated concurrently)
   */
  IssuedSession rotate(@Nullable String token);

  /**
   * Self-service: the sessions of the caller, acting as their current session. Lists mark that session
   * current; "revoke others" keeps it.
   *
   * @param current the session returned by {@link #validate(String)} for this request
   * @return the caller's sessions, with "revoke others"
   */
  CurrentSessions forCurrent(Session current);

  /**
   * Administration: the sessions of any subject. The application has already decided that the caller
   * may administer this subject; sessionkit does not guess. No session is marked current.
   *
   * @param subject the subject whose sessions to manage; as at {@link #issue}, except that spaces at
   *     either end are allowed, so that sessions stored before subjects were checked stay manageable
   *     (subjects are compared exactly: {@code "alice "} never reaches alice's sessions)
   * @return that subject's sessions
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} for a malformed or blank subject
   */
  SubjectSessions forSubject(String subject);

  /**
   * Signs the caller out: revokes the current session (reason {@link RevocationReason#LOGOUT}).
   * Signing out of a session that is already gone revokes nothing and is not an error.
   *
   * @param current the caller's current session
   * @return what was revoked
   */
  RevocationResult signOut(Session current);

  /**
   * Revokes every session of a subject at once (reason {@link RevocationReason#ALL_OF_SUBJECT}): after
   * an account is disabled, a password reset, a suspected compromise. This only ends sessions: it does
   * not stop the subject from signing in again, which is the application's decision at login (check
   * the account before calling {@link #issue}).
   *
   * @param subject the subject
   * @return what was revoked
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} for a malformed subject
   */
  RevocationResult revokeAllSessionsOf(String subject);

  /**
   * Deletes expired sessions from the store in batches of the policy's purge batch size, until a
   * batch comes back short. Schedule it, or call it from your own job.
   *
   * @return how many sessions were deleted
   */
  int purgeExpired();

  /** @return the policy in force */
  SessionPolicy policy();
}
