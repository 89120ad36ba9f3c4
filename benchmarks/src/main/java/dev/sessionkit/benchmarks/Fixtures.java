package dev.sessionkit.benchmarks;

/** Populations shared by the benchmarks. */
final class Fixtures {
  /** Logins per user in the general population (a few devices each). */
  static final int SESSIONS_PER_USER = 4;

  private Fixtures() {}

  /**
   * Logs in {@code count} sessions spread over {@code count / 4} users.
   *
   * @return their bearers, in login order
   */
  static String[] populate(Backend backend, int count) {
    int users = Math.max(1, count / SESSIONS_PER_USER);
    String[] bearers = new String[count];
    for (int i = 0; i < count; i++) {
      bearers[i] = backend.issue("user-" + (i % users));
    }
    return bearers;
  }
}
