package dev.sessionkit;

/** Why a session was revoked; reported to {@link SessionListener#sessionRevoked}. */
public enum RevocationReason {
  /** The user signed out of the current session. */
  LOGOUT,
  /** The user revoked it from their own session list (one, all, all others, or a list). */
  REVOKED_BY_USER,
  /** An administrator revoked it. */
  REVOKED_BY_ADMIN,
  /** A new login pushed it out under the per-subject cap. */
  CAP_EVICTION,
  /**
   * Every session of the subject was revoked at once through {@link
   * SessionService#revokeAllSessionsOf(String)}: an account disabled, a password reset, a suspected
   * compromise.
   */
  ALL_OF_SUBJECT
}
