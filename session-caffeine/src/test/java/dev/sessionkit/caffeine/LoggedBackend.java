package dev.sessionkit.caffeine;

import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A shared in-memory backend with a change log, as a database with the JDBC store's log table is:
 * every node's store writes through {@link #node()}, which appends the id of each changed session, and
 * each near-cache reads the log through its own {@link #source()}. The log can be made unreadable to
 * play a backend that is down.
 */
final class LoggedBackend {
  final ReferenceSessionStore sessions = new ReferenceSessionStore();
  private final List<SessionId> log = new ArrayList<>();
  volatile boolean logUnreadable;

  synchronized void append(SessionId id) {
    log.add(id);
  }

  private synchronized List<SessionId> after(int position) {
    return new ArrayList<>(log.subList(position, log.size()));
  }

  /** @return a node's view of the backend: writes append to the log (each in one step with the change) */
  SessionStore node() {
    return new ForwardingSessionStore(sessions) {
      @Override
      public CreateOutcome create(StoredSession session, SubjectCap cap, Instant now) {
        synchronized (LoggedBackend.this) {
          CreateOutcome outcome = super.create(session, cap, now);
          outcome.evicted().forEach(s -> append(s.id()));
          return outcome;
        }
      }

      @Override
      public Optional<Session> rotate(
          SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
        synchronized (LoggedBackend.this) {
          Optional<Session> rotated = super.rotate(id, expectedHash, newHash, now, idleExpiresAt);
          rotated.ifPresent(s -> append(s.id()));
          return rotated;
        }
      }

      @Override
      public AttributeUpdate updateAttributes(
          String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
        synchronized (LoggedBackend.this) {
          AttributeUpdate update = super.updateAttributes(subject, id, expectedVersion, attributes, now);
          if (update.isUpdated()) {
            append(id);
          }
          return update;
        }
      }

      @Override
      public List<Session> revoke(String subject, Collection<SessionId> ids) {
        synchronized (LoggedBackend.this) {
          List<Session> removed = super.revoke(subject, ids);
          removed.forEach(s -> append(s.id()));
          return removed;
        }
      }

      @Override
      public List<Session> revokeAll(String subject, @Nullable SessionId keep) {
        synchronized (LoggedBackend.this) {
          List<Session> removed = super.revokeAll(subject, keep);
          removed.forEach(s -> append(s.id()));
          return removed;
        }
      }
    };
  }

  /** @return a source positioned at the end of the log, as a node starting now has it */
  InvalidationSource source() {
    int[] position = {after(0).size()};
    return new InvalidationSource() {
      @Override
      public void poll(InvalidationListener listener) {
        if (logUnreadable) {
          throw new SessionException(ErrorCode.STORE_UNAVAILABLE, "the log cannot be read");
        }
        List<SessionId> changes = after(position[0]);
        changes.forEach(listener::invalidate);
        position[0] += changes.size();
      }
    };
  }
}
