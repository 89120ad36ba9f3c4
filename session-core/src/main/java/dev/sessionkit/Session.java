package dev.sessionkit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of one session. It holds no secret: the token's secret exists only in the
 * {@link SessionToken} handed out once, and stores keep its SHA-256 beside (never inside) this value.
 *
 * <p>Times have millisecond precision. {@code idleExpiresAt} never lies after {@code expiresAt}: it is
 * the idle deadline capped by the absolute one, so {@link #isExpiredAt(Instant)} is a single compare.
 *
 * @param id the public id
 * @param subject the user (or other principal) the session belongs to
 * @param createdAt when it was issued
 * @param lastAccessedAt when it was last used (updated at most once per touch interval)
 * @param expiresAt the absolute deadline; no use extends it
 * @param idleExpiresAt the idle deadline, slid forward on use, never after {@code expiresAt}
 * @param version starts at 1 and grows on every change of content (rotation, attribute update); touches
 *     of {@code lastAccessedAt} do not change it, so optimistic updates do not fail merely because the
 *     client kept using its session
 * @param client where the session came from
 * @param attributes application data, immutable; empty when none
 */
public record Session(
    SessionId id,
    String subject,
    Instant createdAt,
    Instant lastAccessedAt,
    Instant expiresAt,
    Instant idleExpiresAt,
    long version,
    ClientInfo client,
    Map<String, String> attributes) {

  /**
   * Checks the invariants every store relies on.
   *
   * @param id the public id
   * @param subject the user (or other principal) the session belongs to
   * @param createdAt when it was issued
   * @param lastAccessedAt when it was last used (updated at most once per touch interval)
   * @param expiresAt the absolute deadline; no use extends it
   * @param idleExpiresAt the idle deadline, slid forward on use, never after {@code expiresAt}
   * @param version starts at 1 and grows on every change of content (rotation, attribute update)
   * @param client where the session came from
   * @param attributes application data, immutable; empty when none
   */
  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
    if (idleExpiresAt.isAfter(expiresAt)) {
      throw new IllegalArgumentException("idleExpiresAt must not be after expiresAt");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
    client = client == null ? ClientInfo.empty() : client;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /**
   * The moment the session stops being valid if nobody uses it: the earlier of both deadlines.
   *
   * @return the effective deadline
   */
  public Instant effectiveExpiresAt() {
    return idleExpiresAt;
  }

  /**
   * Whether the session is expired at {@code now}. A session is valid up to, and not including, its
   * deadline.
   *
   * @param now the instant to check
   * @return true at or after the effective deadline
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(idleExpiresAt);
  }

  /**
   * A copy with a new last access and idle deadline (a touch); the version stays.
   *
   * @param accessedAt the new last access
   * @param newIdleExpiresAt the new idle deadline, capped at {@code expiresAt}
   * @return the touched copy
   */
  public Session touchedAt(Instant accessedAt, Instant newIdleExpiresAt) {
    Instant idle = newIdleExpiresAt.isAfter(expiresAt) ? expiresAt : newIdleExpiresAt;
    return new Session(
        id, subject, createdAt, accessedAt, expiresAt, idle, version, client, attributes);
  }

  /**
   * A copy with other attributes and the next version.
   *
   * @param newAttributes the attributes
   * @return the updated copy
   */
  public Session withAttributes(Map<String, String> newAttributes) {
    return new Session(
        id,
        subject,
        createdAt,
        lastAccessedAt,
        expiresAt,
        idleExpiresAt,
        version + 1,
        client,
        newAttributes);
  }

  /**
   * A copy with the next version (used when the secret is rotated).
   *
   * @return the copy
   */
  public Session nextVersion() {
    return withAttributes(attributes);
  }
}
