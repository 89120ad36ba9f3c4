package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.ReferenceSessionStore;
import dev.sessionkit.testsupport.CapturedLogs;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** A listener that throws never undoes or fails what already happened, unless the JVM itself is broken. */
class ListenerFailureTest {
  private final ReferenceSessionStore store = new ReferenceSessionStore();

  private SessionService serviceWith(SessionListener listener) {
    return SessionService.builder(store).clock(new FakeClock(Instant.parse("2026-01-01T00:00:00Z")))
        .listener(listener).build();
  }

  @Test
  void errorsAndExceptionsFromListenersAreLoggedAndTheOperationStands() {
    CapturedLogs logs = CapturedLogs.of(SessionService.class);
    SessionService service = serviceWith(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        throw new AssertionError("listener assertion");
      }

      @Override
      public void sessionRevoked(Session session, RevocationReason reason) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void tokenRejected(InvalidTokenReason reason) {
        throw new ExceptionInInitializerError("listener class failed to load");
      }

      @Override
      public void tokenAccepted(Session session) {
        throw new IllegalArgumentException("listener bug on the hot path");
      }
    });

    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    assertThat(service.validate("junk").isValid()).isFalse();
    assertThat(service.validate(issued.token().value()).isValid()).as("a failing listener fails no validation").isTrue();
    RevocationResult revoked = service.forCurrent(issued.session()).revokeAll();

    assertThat(revoked.currentSessionRevoked()).isTrue();
    assertThat(store.all()).isEmpty();
    assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(e -> e.getThrowable().orElseThrow().getClass().getSimpleName())
        .containsExactly("AssertionError", "ExceptionInInitializerError", "IllegalArgumentException", "IllegalStateException");
  }

  @Test
  void aVirtualMachineErrorFromAListenerIsNotSwallowed() {
    SessionService service = serviceWith(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        throw new StackOverflowError("listener recursion");
      }
    });

    assertThatThrownBy(() -> service.issue("alice", ClientInfo.empty())).isInstanceOf(StackOverflowError.class);
  }
}
