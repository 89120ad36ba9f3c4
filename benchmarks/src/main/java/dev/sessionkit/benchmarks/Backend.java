package dev.sessionkit.benchmarks;

/**
 * One implementation under test, adapted so that every benchmark runs the same code against each (the
 * pattern of Caffeine's {@code BasicCache}). "Bearer" is what a client presents: our token, or Spring
 * Session's session id. Operations an implementation has no counterpart for throw, and the benchmarks
 * list only the implementations that have them.
 */
interface Backend extends AutoCloseable {

  /**
   * Logs a subject in.
   *
   * @param subject the user
   * @return the bearer the client would present
   */
  String issue(String subject);

  /**
   * The per-request check, without a write (the touch interval has not passed).
   *
   * @param bearer what the client presented
   * @return the session (any non-null object) when valid, null when not
   */
  Object validate(String bearer);

  /**
   * The per-request check when it must write the last access time.
   *
   * @param bearer a valid bearer
   * @return the session, null when not valid
   */
  default Object touch(String bearer) {
    throw unsupported("touch");
  }

  /**
   * Prepares the request for one page of a subject's sessions, newest access first.
   *
   * @param subject the user
   * @param kind which page
   * @param position for deep pages, how many sessions come before it
   * @param size the page size
   * @return an opaque request for {@link #list}
   */
  default Object preparePage(String subject, PageKind kind, int position, int size) {
    throw unsupported("list");
  }

  /**
   * Lists.
   *
   * @param subject the user
   * @param page from {@link #preparePage}
   * @return the page (or, for a peer without pages, everything it loads)
   */
  default Object list(String subject, Object page) {
    throw unsupported("list");
  }

  /**
   * Brings the database's planner statistics up to date after a bulk load, as a table in service has
   * them (autovacuum, InnoDB's automatic statistics). Without them PostgreSQL plans a subject's list
   * for a table it believes nearly empty. A no-op where there is nothing to analyze.
   */
  default void analyze() {}

  /**
   * Signs a user out everywhere.
   *
   * @param subject the user
   * @return how many sessions were revoked
   */
  default int revokeAll(String subject) {
    throw unsupported("revokeAll");
  }

  /**
   * Signs the holder of a bearer out (the session it validates to).
   *
   * @param bearer a valid bearer
   * @return whether a session was revoked
   */
  default boolean signOut(String bearer) {
    throw unsupported("signOut");
  }

  /**
   * Adds sessions that are already expired "now" (the caller may have moved the clock back).
   *
   * @param subject their owner
   * @param count how many
   */
  default void addExpired(String subject, int count) {
    throw unsupported("purge");
  }

  /**
   * Deletes expired sessions.
   *
   * @return how many were deleted
   */
  default int purgeExpired() {
    throw unsupported("purge");
  }

  /**
   * A bearer of the right shape whose id is not in the store.
   *
   * @return the bearer
   */
  String unknownBearer();

  /**
   * A bearer with a live id and a wrong secret; peers without secrets return an unknown id.
   *
   * @param valid a valid bearer
   * @return the bearer
   */
  String wrongSecret(String valid);

  @Override
  void close();

  private UnsupportedOperationException unsupported(String operation) {
    return new UnsupportedOperationException(getClass().getSimpleName() + " has no " + operation);
  }
}
