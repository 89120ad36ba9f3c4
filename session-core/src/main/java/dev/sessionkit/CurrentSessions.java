package dev.sessionkit;

/**
 * The caller's own sessions, seen through the session of the current request: lists mark it current
 * ({@link SessionView#current()}), and "revoke others" keeps it. Only this view has {@link
 * #revokeOthers()}: an administrator's view has no current session, so the operation would mean
 * "revoke everything" there, and does not exist rather than do that silently.
 */
public interface CurrentSessions extends SubjectSessions {

  /** @return the id of the caller's current session */
  SessionId currentId();

  /**
   * "Sign out all other devices": revokes every session of the subject except the current one.
   *
   * @return what was revoked (never the current session)
   */
  RevocationResult revokeOthers();
}
