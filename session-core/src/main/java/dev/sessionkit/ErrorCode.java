package dev.sessionkit;

/**
 * Stable, machine-readable error codes. The names never change once released, so HTTP wrappers can
 * put them in their JSON as they are; {@link #httpStatus()} is the status such a wrapper would normally
 * answer with.
 */
public enum ErrorCode {
  /** The bearer token is missing, malformed, unknown, revoked or expired (the client learns no more). */
  INVALID_TOKEN(401),
  /** The caller may not do this; sessionkit itself never decides who is an admin, the app does. */
  FORBIDDEN(403),
  /** No such session for this subject: unknown, expired, revoked, or owned by somebody else. */
  SESSION_NOT_FOUND(404),
  /** An argument is out of range or malformed (pagination, subject, attributes, ids, ...). */
  INVALID_ARGUMENT(400),
  /** A bulk request names more ids than the policy's bulk limit allows; nothing was revoked. */
  BULK_LIMIT_EXCEEDED(400),
  /** An optimistic update carried a stale version. */
  CONFLICT(409),
  /** The subject already has the maximum number of sessions and the policy refuses new ones. */
  SESSION_LIMIT_EXCEEDED(429),
  /** The session store failed (connection lost, timeout, ...); the cause is kept. */
  STORE_UNAVAILABLE(503),
  /** A bug or an unexpected state inside sessionkit or a store. */
  INTERNAL_ERROR(500);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /**
   * The HTTP status a wrapper would normally map this code to.
   *
   * @return an HTTP status code such as 401 or 404
   */
  public int httpStatus() {
    return httpStatus;
  }
}
