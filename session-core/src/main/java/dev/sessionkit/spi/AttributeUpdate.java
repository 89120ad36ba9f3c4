package dev.sessionkit.spi;

import dev.sessionkit.Session;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SessionStore#updateAttributes} did: updated the session, found it at another version
 * (a conflict, with the version it is at), or found no live session of that subject. The service
 * turns these into its result or its {@link dev.sessionkit.ErrorCode#CONFLICT} and {@link
 * dev.sessionkit.ErrorCode#SESSION_NOT_FOUND} errors; a store only reports them.
 */
public final class AttributeUpdate {
  private static final AttributeUpdate NOT_FOUND = new AttributeUpdate(null, -1);

  private final @Nullable Session session;
  private final long currentVersion;

  private AttributeUpdate(@Nullable Session session, long currentVersion) {
    this.session = session;
    this.currentVersion = currentVersion;
  }

  /**
   * @param session the session after the update, with its next version
   * @return the outcome of an update that happened
   */
  public static AttributeUpdate updated(Session session) {
    return new AttributeUpdate(Objects.requireNonNull(session, "session"), session.version());
  }

  /**
   * @param currentVersion the version the live session is at
   * @return the outcome of an update refused because the version had moved on
   */
  public static AttributeUpdate conflict(long currentVersion) {
    return new AttributeUpdate(null, currentVersion);
  }

  /** @return the outcome when the subject has no such live session */
  public static AttributeUpdate notFound() {
    return NOT_FOUND;
  }

  /** @return the updated session, or null unless the update happened */
  public @Nullable Session session() {
    return session;
  }

  /** @return whether the update happened */
  public boolean isUpdated() {
    return session != null;
  }

  /** @return whether the session is live at another version */
  public boolean isConflict() {
    return session == null && currentVersion >= 0;
  }

  /** @return the version the session is at (after the update, or the conflicting one); -1 when not found */
  public long currentVersion() {
    return currentVersion;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeUpdate other
        && currentVersion == other.currentVersion
        && Objects.equals(session, other.session);
  }

  @Override
  public int hashCode() {
    return Objects.hash(session, currentVersion);
  }

  @Override
  public String toString() {
    return isUpdated()
        ? "AttributeUpdate[updated, version=" + currentVersion + "]"
        : isConflict() ? "AttributeUpdate[conflict, version=" + currentVersion + "]" : "AttributeUpdate[not found]";
  }
}
