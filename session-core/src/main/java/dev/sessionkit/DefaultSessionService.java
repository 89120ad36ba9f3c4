package dev.sessionkit;

import dev.sessionkit.internal.Arguments;
import dev.sessionkit.internal.SecretHasher;
import dev.sessionkit.internal.TokenFormat;
import dev.sessionkit.internal.TokenGenerator;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@link SessionService}: policy, token checks and ownership on top of a {@link SessionStore}. */
final class DefaultSessionService implements SessionService {
  final SessionStore store;
  final SessionPolicy policy;
  final Listeners listeners;
  private final Clock clock;
  private final UserAgentParser userAgentParser;
  private final TokenGenerator generator;
  private final SubjectCap cap;
  private final long touchIntervalMillis;
  private final Duration idleTimeout;

  DefaultSessionService(
      SessionStore store,
      SessionPolicy policy,
      Clock clock,
      List<SessionListener> listeners,
      UserAgentParser userAgentParser,
      TokenGenerator generator) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.listeners = new Listeners(listeners, clock);
    this.userAgentParser = userAgentParser;
    this.generator = generator;
    this.cap = new SubjectCap(policy.maxSessionsPerSubject(), policy.overflowStrategy());
    this.touchIntervalMillis = policy.touchInterval().toMillis();
    this.idleTimeout = policy.idleTimeout();
  }

  /** Millisecond precision everywhere, so every store sorts and compares the same values. */
  Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  @Override
  public IssuedSession issue(String subject, ClientInfo client, Map<String, String> attributes) {
    Arguments.subject(subject);
    Map<String, String> attrs = Arguments.attributes(attributes);
    ClientInfo info = withParsedUserAgent(Arguments.present(client, "client"));
    Instant now = now();
    Instant expiresAt = now.plus(policy.absoluteLifetime());
    SessionId id = Objects.requireNonNull(store.newId(subject, generator.random()), "the store's newId");
    Session session =
        new Session(id, subject, now, now, expiresAt, idleDeadline(now, expiresAt), 1, info, attrs);
    byte[] secret = generator.newSecret();
    try {
      CreateOutcome outcome = store.create(new StoredSession(session, SecretHasher.hash(secret)), cap, now);
      if (!outcome.created()) {
        listeners.issueRefused(subject);
        throw new SessionException(
            ErrorCode.SESSION_LIMIT_EXCEEDED,
            "subject already has " + cap.maxSessions() + " sessions, the most allowed");
      }
      listeners.revoked(outcome.evicted(), RevocationReason.CAP_EVICTION);
      listeners.created(session);
      return new IssuedSession(session, token(id, secret));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private ClientInfo withParsedUserAgent(ClientInfo client) {
    if (client.userAgent() == null || userAgentParser == UserAgentParser.NONE) {
      return client;
    }
    UserAgentParser.UserAgentDetails parsed = userAgentParser.parse(client.userAgent());
    return client.toBuilder()
        .browser(client.browser() != null ? client.browser() : parsed.browser())
        .operatingSystem(
            client.operatingSystem() != null ? client.operatingSystem() : parsed.operatingSystem())
        .deviceType(
            client.deviceType() != DeviceType.UNKNOWN ? client.deviceType() : parsed.deviceType())
        .build();
  }

  @Override
  public ValidationResult validate(@Nullable String token) {
    StoredSession stored = lookup(token);
    if (stored == null) {
      return ValidationResult.invalid();
    }
    Session session = stored.session();
    long nowMillis = clock.millis();
    if (nowMillis >= session.idleExpiresAt().toEpochMilli()) {
      listeners.expired(session);
      return ValidationResult.invalid();
    }
    if (nowMillis - session.lastAccessedAt().toEpochMilli() < touchIntervalMillis) {
      listeners.accepted(session);
      return ValidationResult.valid(session, false);
    }
    Instant now = Instant.ofEpochMilli(nowMillis);
    Optional<Session> touched =
        store.touch(session.id(), now, idleDeadline(now, session.expiresAt()));
    if (touched.isEmpty()) {
      // Revoked (or expired) between the lookup and the touch: the revoke wins.
      listeners.rejected(InvalidTokenReason.UNKNOWN);
      return ValidationResult.invalid();
    }
    listeners.accepted(touched.get());
    return ValidationResult.valid(touched.get(), true);
  }

  /**
   * Steps 1 to 3 of the hot path: shape check, lookup by id, constant-time hash compare. Returns the
   * stored session when the token's secret matches, null otherwise (listeners told why).
   */
  private @Nullable StoredSession lookup(@Nullable String token) {
    // The secret's characters are checked as it is decoded, before the store is asked: one pass.
    SecretHasher.PresentedSecret secret;
    if (token == null
        || !TokenFormat.hasTokenFrame(token)
        || (secret = SecretHasher.present(token)) == null) {
      listeners.rejected(InvalidTokenReason.MALFORMED);
      return null;
    }
    try {
      return lookup(token, secret);
    } finally {
      secret.clear();
    }
  }

  private @Nullable StoredSession lookup(String token, SecretHasher.PresentedSecret secret) {
    // The id stays inside the token: no substring, no SessionId (the key is used for this lookup only).
    StoredSession stored = store.findByTokenId(new TokenIdKey(token));
    // Hashed whether or not the id is known: an unknown id costs what a wrong secret costs.
    boolean matches = secret.matches(stored == null ? null : stored.secretHash());
    if (stored != null && !matches) {
      // A cached copy may predate a rotation on another node: only the backend can say "wrong".
      StoredSession fresh = store.findFresh(stored.session().id(), stored);
      if (fresh != stored) {
        stored = fresh;
        matches = stored != null && secret.matches(stored.secretHash());
      }
    }
    if (stored == null) {
      listeners.rejected(InvalidTokenReason.UNKNOWN);
      return null;
    }
    if (!matches) {
      listeners.suspicious(stored.session());
      return null;
    }
    return stored;
  }

  @Override
  public IssuedSession rotate(@Nullable String token) {
    StoredSession stored = lookup(token);
    if (stored == null) {
      throw SessionException.invalidToken();
    }
    Session session = stored.session();
    Instant now = now();
    if (session.isExpiredAt(now)) {
      listeners.expired(session);
      throw SessionException.invalidToken();
    }
    byte[] secret = generator.newSecret();
    try {
      Session rotated =
          store
              .rotate(
                  session.id(),
                  stored.secretHash(),
                  SecretHasher.hash(secret),
                  now,
                  idleDeadline(now, session.expiresAt()))
              .orElseThrow(SessionException::invalidToken);
      listeners.rotated(rotated);
      return new IssuedSession(rotated, token(rotated.id(), secret));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  @Override
  public CurrentSessions forCurrent(Session current) {
    Arguments.present(current, "current session");
    return new DefaultSubjectSessions.Current(this, current.subject(), current.id());
  }

  @Override
  public SubjectSessions forSubject(String subject) {
    return new DefaultSubjectSessions(this, Arguments.storedSubject(subject), null);
  }

  @Override
  public RevocationResult signOut(Session current) {
    Arguments.present(current, "current");
    Instant now = now();
    List<Session> revoked = live(store.revoke(current.subject(), List.of(current.id())), now);
    listeners.revoked(revoked, RevocationReason.LOGOUT);
    return RevocationResult.of(revoked, List.of(), current.id());
  }

  @Override
  public RevocationResult revokeAllSessionsOf(String subject) {
    Arguments.storedSubject(subject);
    Instant now = now();
    List<Session> revoked = live(store.revokeAll(subject, null), now);
    listeners.revoked(revoked, RevocationReason.ALL_OF_SUBJECT);
    return RevocationResult.of(revoked, List.of(), null);
  }

  @Override
  public int purgeExpired() {
    long started = System.nanoTime();
    Instant now = now();
    int batch = policy.purgeBatchSize();
    int total = 0;
    int removed;
    do {
      removed = store.purgeExpired(now, batch);
      total += removed;
    } while (removed >= batch);
    listeners.purged(total, Duration.ofNanos(System.nanoTime() - started));
    return total;
  }

  @Override
  public SessionPolicy policy() {
    return policy;
  }

  /**
   * The sessions a revoke reports: stores remove expired sessions along with live ones, but only those
   * live at {@code now} were revoked in the caller's eyes (an expired one was already gone).
   */
  static List<Session> live(List<Session> removed, Instant now) {
    for (Session s : removed) {
      if (s.isExpiredAt(now)) {
        List<Session> live = new ArrayList<>(removed.size());
        for (Session r : removed) {
          if (!r.isExpiredAt(now)) {
            live.add(r);
          }
        }
        return live;
      }
    }
    return removed;
  }

  private Instant idleDeadline(Instant now, Instant expiresAt) {
    Instant idle = now.plus(idleTimeout);
    return idle.isAfter(expiresAt) ? expiresAt : idle;
  }

  private static SessionToken token(SessionId id, byte[] secret) {
    return new SessionToken(id, id.value() + TokenFormat.SEPARATOR + TokenFormat.encode(secret));
  }

  @Override
  public String toString() {
    return "SessionService[store=" + store.getClass().getSimpleName() + ", " + policy + "]";
  }
}
