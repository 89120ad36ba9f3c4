package dev.sessionkit.benchmarks;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.SessionServiceBuilder;
import dev.sessionkit.ValidationResult;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;

/**
 * Our stores through the public {@link SessionService}, exactly as an application calls them. Sessions
 * carry a client IP and user agent, as real logins do.
 */
final class SessionkitBackend implements Backend {
  static final String USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

  private final SessionService service;
  private final Runnable analyze;
  private final Runnable onClose;
  private int logins;

  /**
   * @param store the store under test
   * @param clock the clock shared with the store
   * @param touchEveryUse true to make every validation write (touch interval zero); false to keep
   *     validations read-only for the length of a run (touch interval one hour)
   * @param onClose releases the store's resources
   * @param listeners listeners to register, in order (metrics)
   */
  SessionkitBackend(
      SessionStore store,
      BenchClock clock,
      boolean touchEveryUse,
      Runnable onClose,
      SessionListener... listeners) {
    this(store, clock, touchEveryUse, () -> {}, onClose, listeners);
  }

  /**
   * @param store the store under test
   * @param clock the clock shared with the store
   * @param touchEveryUse as above
   * @param analyze updates the database's statistics of the store's table ({@link #analyze()})
   * @param onClose releases the store's resources
   * @param listeners listeners to register, in order (metrics)
   */
  SessionkitBackend(
      SessionStore store,
      BenchClock clock,
      boolean touchEveryUse,
      Runnable analyze,
      Runnable onClose,
      SessionListener... listeners) {
    SessionPolicy policy =
        SessionPolicy.builder()
            .absoluteLifetime(Duration.ofDays(30))
            .idleTimeout(Duration.ofDays(7))
            .touchInterval(touchEveryUse ? Duration.ZERO : Duration.ofHours(1))
            .build();
    SessionServiceBuilder builder = SessionService.builder(store).policy(policy).clock(clock);
    for (SessionListener listener : listeners) {
      builder.listener(listener);
    }
    this.service = builder.build();
    this.analyze = analyze;
    this.onClose = onClose;
  }

  @Override
  public String issue(String subject) {
    ClientInfo client =
        ClientInfo.builder().ipAddress("203.0.113." + (logins++ & 0xFF)).userAgent(USER_AGENT).build();
    return service.issue(subject, client).token().value();
  }

  @Override
  public Object validate(String bearer) {
    ValidationResult result = service.validate(bearer);
    return result.isValid() ? result : null;
  }

  @Override
  public Object touch(String bearer) {
    ValidationResult result = service.validate(bearer);
    if (result.isValid() && !result.touched()) {
      throw new IllegalStateException("a touch benchmark must write");
    }
    return result.isValid() ? result : null;
  }

  @Override
  public Object preparePage(String subject, PageKind kind, int position, int size) {
    switch (kind) {
      case FIRST:
        return Pagination.first(size);
      case DEEP_OFFSET:
        return Pagination.offset(position, size);
      case DEEP_KEYSET:
        // The cursor a client holds after paging with cursors up to this position.
        String cursor =
            service
                .forSubject(subject)
                .list(Pagination.offset(position - size, size))
                .nextCursor()
                .orElseThrow(() -> new IllegalStateException("fewer sessions than the position"));
        return Pagination.after(cursor, size);
      default:
        throw new IllegalArgumentException(kind.name());
    }
  }

  @Override
  public Object list(String subject, Object page) {
    return service.forSubject(subject).list((Pagination) page);
  }

  @Override
  public void analyze() {
    analyze.run();
  }

  @Override
  public int revokeAll(String subject) {
    return service.forSubject(subject).revokeAll().revokedCount();
  }

  @Override
  public boolean signOut(String bearer) {
    return service.signOut(service.validate(bearer).orThrow()).revokedCount() == 1;
  }

  @Override
  public void addExpired(String subject, int count) {
    for (int i = 0; i < count; i++) {
      issue(subject);
    }
  }

  @Override
  public int purgeExpired() {
    return service.purgeExpired();
  }

  @Override
  public String unknownBearer() {
    String token = issue("nobody");
    service.forSubject("nobody").revokeAll();
    return token;
  }

  @Override
  public String wrongSecret(String valid) {
    return Tokens.withOtherSecret(valid);
  }

  @Override
  public void close() {
    onClose.run();
  }
}
