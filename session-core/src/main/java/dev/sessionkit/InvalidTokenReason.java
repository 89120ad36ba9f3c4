package dev.sessionkit;

/**
 * Why a presented token was refused. Reported to listeners and logs only: the client gets the same
 * {@link ErrorCode#INVALID_TOKEN} whatever the reason, so it learns nothing about which ids exist.
 */
public enum InvalidTokenReason {
  /** Null, empty, wrong length or characters: rejected before any store call. */
  MALFORMED,
  /** Well-formed, but no session has this id (never issued, revoked, or purged). */
  UNKNOWN,
  /** The id exists but the secret does not match: a guessed or stale (rotated) token. */
  WRONG_SECRET,
  /** The session exists but is past its idle or absolute deadline. */
  EXPIRED
}
