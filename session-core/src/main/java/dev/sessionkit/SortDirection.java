package dev.sessionkit;

/** Sort direction; ties are broken by session id in the same direction. */
public enum SortDirection {
  /** Oldest (smallest) first. */
  ASCENDING,
  /** Newest (largest) first. */
  DESCENDING
}
