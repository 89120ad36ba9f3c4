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
  INTERNAL_ERROR(500),

  // The codes below are never thrown by sessionkit. They are here so that an HTTP wrapper answers
  // every error of its own (routing, content negotiation, sign-in) in the same vocabulary and shape.

  /** For wrappers: a sign-in presented a wrong user name or password (no token was involved). */
  INVALID_CREDENTIALS(401),
  /** For wrappers: no such route or resource (not a session: that is {@link #SESSION_NOT_FOUND}). */
  NOT_FOUND(404),
  /** For wrappers: the route exists but not for this method; answer with an {@code Allow} header. */
  METHOD_NOT_ALLOWED(405),
  /** For wrappers: the request body is larger than the wrapper accepts. */
  PAYLOAD_TOO_LARGE(413),
  /** For wrappers: the request body is not of the media type the route takes (JSON, say). */
  UNSUPPORTED_MEDIA_TYPE(415),
  /**
   * For wrappers: the caller sent too many requests (failed sign-ins, say); answer with a {@code
   * Retry-After} header. A subject at its session cap is {@link #SESSION_LIMIT_EXCEEDED}.
   */
  TOO_MANY_REQUESTS(429);

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
