package dev.sessionkit;

/** What happens when a subject already holds the policy's maximum number of sessions and logs in again. */
public enum OverflowStrategy {
  /** Refuse the new login with {@link ErrorCode#SESSION_LIMIT_EXCEEDED}; existing sessions stay. */
  REJECT_NEW,
  /** Revoke the least recently used sessions (reason {@link RevocationReason#CAP_EVICTION}) to make room. */
  EVICT_LEAST_RECENTLY_USED
}
