package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.internal.SecretHasher;
import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The secret a caller presents is decoded into per-thread scratch space for the hash compare; it must
 * be zeroed once the check is over, whatever the outcome, even when the store fails.
 */
class PresentedSecretLifetimeTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FailingStore store = new FailingStore();
  private final SessionService service = SessionService.builder(store).clock(clock).build();

  @Test
  void noSecretOutlivesAValidationOrARotation() {
    String token = service.issue("alice", ClientInfo.empty()).token().value();
    String other = service.issue("bob", ClientInfo.empty()).token().value();
    String wrongSecret = token.substring(0, 23) + other.substring(23);
    String unknownId = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

    assertThat(service.validate(token).isValid()).isTrue();
    assertThat(SecretHasher.scratchIsClear()).as("after a valid token").isTrue();
    assertThat(service.validate(wrongSecret).isValid()).isFalse();
    assertThat(SecretHasher.scratchIsClear()).as("after a wrong secret").isTrue();
    assertThat(service.validate(unknownId).isValid()).isFalse();
    assertThat(SecretHasher.scratchIsClear()).as("after an unknown id").isTrue();
    assertThat(service.validate(token.substring(0, 65) + '=').isValid()).isFalse();
    assertThat(SecretHasher.scratchIsClear()).as("after a malformed secret").isTrue();
    service.rotate(token);
    assertThat(SecretHasher.scratchIsClear()).as("after a rotation").isTrue();
  }

  @Test
  void noSecretOutlivesAFailingStore() {
    String token = service.issue("alice", ClientInfo.empty()).token().value();
    store.failing = true;

    assertThatThrownBy(() -> service.validate(token)).isInstanceOf(SessionException.class);
    assertThat(SecretHasher.scratchIsClear()).isTrue();
  }

  @Test
  void aMalformedSecretNeverMatches() {
    String token = service.issue("alice", ClientInfo.empty()).token().value();
    String malformed = token.substring(0, 65) + '=';

    assertThat(SecretHasher.matches(malformed, new byte[32])).isFalse();
    assertThat(SecretHasher.matches(malformed, null)).isFalse();
  }

  private static final class FailingStore extends ForwardingSessionStore {
    volatile boolean failing;

    FailingStore() {
      super(new ReferenceSessionStore());
    }

    @Override
    public @Nullable StoredSession findByTokenId(TokenIdKey key) {
      if (failing) {
        throw new SessionException(ErrorCode.STORE_UNAVAILABLE, "the store is down");
      }
      return super.findByTokenId(key);
    }
  }
}
