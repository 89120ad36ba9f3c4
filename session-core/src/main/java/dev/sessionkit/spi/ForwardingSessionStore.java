package dev.sessionkit.spi;

import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.TokenIdKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A store that forwards every call to another one: extend it and override only what a decorator
 * changes (a near-cache, metrics, fault injection in tests). Every method, {@link #close()} and
 * {@link #estimatedSize()} included, forwards, so a new SPI method with a default cannot bypass the
 * delegate unnoticed: this class overrides each one.
 */
public abstract class ForwardingSessionStore implements SessionStore {
  private final SessionStore delegate;

  /** @param delegate the store to forward to */
  protected ForwardingSessionStore(SessionStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** @return the store calls are forwarded to */
  protected SessionStore delegate() {
    return delegate;
  }

  @Override
  public SessionId newId(String subject, SecureRandom random) {
    return delegate.newId(subject, random);
  }

  @Override
  public CreateOutcome create(StoredSession session, SubjectCap cap, Instant now) {
    return delegate.create(session, cap, now);
  }

  @Override
  public @Nullable StoredSession findById(SessionId id) {
    return delegate.findById(id);
  }

  /**
   * Goes through {@link #findById(SessionId)}, so that a decorator overriding only that method still
   * sees every lookup; a decorator that overrides this one too keeps the lookup free of allocations.
   */
  @Override
  public @Nullable StoredSession findByTokenId(TokenIdKey key) {
    return findById(key.toSessionId());
  }

  @Override
  public @Nullable StoredSession findFresh(SessionId id, StoredSession seen) {
    return delegate.findFresh(id, seen);
  }

  @Override
  public Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt) {
    return delegate.touch(id, now, idleExpiresAt);
  }

  @Override
  public Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
    return delegate.rotate(id, expectedHash, newHash, now, idleExpiresAt);
  }

  @Override
  public AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
    return delegate.updateAttributes(subject, id, expectedVersion, attributes, now);
  }

  @Override
  public List<Session> list(SessionQuery query) {
    return delegate.list(query);
  }

  @Override
  public long count(String subject, Instant now) {
    return delegate.count(subject, now);
  }

  @Override
  public List<Session> revoke(String subject, Collection<SessionId> ids) {
    return delegate.revoke(subject, ids);
  }

  @Override
  public List<Session> revokeAll(String subject, @Nullable SessionId keep) {
    return delegate.revokeAll(subject, keep);
  }

  @Override
  public int purgeExpired(Instant now, int batchSize) {
    return delegate.purgeExpired(now, batchSize);
  }

  @Override
  public long estimatedSize() {
    return delegate.estimatedSize();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
