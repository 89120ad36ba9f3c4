package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration mistakes fail at build time, without Redis, and never echo a URI's password. */
class StoreBuilderTest {

  @Test
  void aPrefixOutsideTheSafeCharactersIsRefused() {
    for (String bad : new String[] {"", "has space", "{tag}", "x".repeat(65), "tab\t", "star*"}) {
      assertThatThrownBy(() -> RedisSessionStore.builder().keyPrefix(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    RedisSessionStore.builder().keyPrefix("app:sessions:");
  }

  @Test
  void noClientAndNoUriIsAnIncompleteConfiguration() {
    assertThatThrownBy(() -> RedisSessionStore.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisInvalidationSource.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void durationsAndLengthsMustBePositive() {
    assertThatThrownBy(() -> RedisSessionStore.builder().commandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisSessionStore.builder().expiredRetention(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisSessionStore.builder().changeLogLength(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisInvalidationSource.builder().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMalformedUriIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> RedisSessionStore.builder().uri("nonsense://:hunter2@"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void clusterSeedsMustNameANodeAndAreNeverQuoted() {
    assertThatThrownBy(() -> RedisSessionStore.builder().clusterUris(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisInvalidationSource.builder()
            .clusterUris(List.of("redis://127.0.0.1:7001", "nonsense://:hunter2@")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }
}
