package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.RecordingListener;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A store that answers lookups from a copy may hold a session as it was before a rotation on another
 * node: the service asks it for the backend's state before calling a secret wrong.
 */
class FreshLookupTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingListener events = new RecordingListener();
  private final ReferenceSessionStore backend = new ReferenceSessionStore();
  private final StaleCopies node = new StaleCopies(backend);
  private final SessionService service =
      SessionService.builder(node).clock(clock).listener(events).build();

  /** Remembers the first answer per id, like a near-cache that missed an invalidation. */
  static final class StaleCopies extends ForwardingSessionStore {
    final Map<SessionId, StoredSession> copies = new HashMap<>();
    int freshLookups;

    StaleCopies(ReferenceSessionStore delegate) {
      super(delegate);
    }

    @Override
    public @Nullable StoredSession findById(SessionId id) {
      return copies.computeIfAbsent(id, super::findById);
    }

    @Override
    public @Nullable StoredSession findFresh(SessionId id, StoredSession seen) {
      freshLookups++;
      StoredSession fresh = delegate().findById(id);
      if (fresh == null) {
        copies.remove(id);
      } else {
        copies.put(id, fresh);
      }
      return fresh;
    }
  }

  @Test
  void aTokenRotatedElsewhereValidatesAgainstTheBackendsHash() {
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    assertThat(service.validate(issued.token().value()).isValid()).isTrue();
    SessionService otherNode = SessionService.builder(backend).clock(clock).build();

    IssuedSession rotated = otherNode.rotate(issued.token().value());

    assertThat(service.validate(rotated.token().value()).isValid()).isTrue();
    assertThat(node.freshLookups).isEqualTo(1);
    assertThat(events.suspicious).isEmpty();
    assertThat(service.validate(issued.token().value()).isValid())
        .as("the copy was refreshed, so the old secret is now wrong here too")
        .isFalse();
    assertThat(events.suspicious).hasSize(1);
  }

  @Test
  void aSessionRevokedElsewhereIsUnknownNotSuspicious() {
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    service.validate(issued.token().value());
    String forged = issued.token().value().substring(0, 23) + "A".repeat(43);
    backend.revokeAll("alice", null);

    assertThat(service.validate(forged).isValid()).isFalse();

    assertThat(events.suspicious).isEmpty();
    assertThat(node.copies).doesNotContainKey(issued.session().id());
  }

  @Test
  void aStoreWithoutCopiesIsNotAskedTwice() {
    ReferenceSessionStore plain = new ReferenceSessionStore();
    int[] lookups = {0};
    SessionService direct = SessionService.builder(new ForwardingSessionStore(plain) {
          @Override
          public @Nullable StoredSession findById(SessionId id) {
            lookups[0]++;
            return super.findById(id);
          }
        }).clock(clock).listener(events).build();
    IssuedSession own = direct.issue("bob", ClientInfo.empty());

    assertThat(direct.validate(own.token().value().substring(0, 23) + "A".repeat(43)).isValid()).isFalse();

    assertThat(lookups[0]).isEqualTo(1);
    assertThat(events.suspicious).hasSize(1);
  }
}
