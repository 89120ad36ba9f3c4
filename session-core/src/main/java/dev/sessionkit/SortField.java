package dev.sessionkit;

/** What a session list can be sorted by. A fixed set: sorting never takes caller text. */
public enum SortField {
  /** {@link Session#lastAccessedAt()}, the default. */
  LAST_ACCESSED,
  /** {@link Session#createdAt()}. */
  CREATED,
  /** {@link Session#expiresAt()}, the absolute deadline. */
  EXPIRES
}
