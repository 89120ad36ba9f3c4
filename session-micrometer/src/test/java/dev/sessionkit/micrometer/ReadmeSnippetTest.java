package dev.sessionkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.caffeine.CaffeineSessionStore;
import dev.sessionkit.spi.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The usage snippet of the module's README.md, as written there. */
class ReadmeSnippetTest {

  @Test
  void theReadmeSnippetCompilesAndCounts() {
    MeterRegistry registry = new SimpleMeterRegistry(); // or the application's registry
    SessionStore store = CaffeineSessionStore.builder().build();

    SessionMetrics.Instrumented metrics = SessionMetrics.instrument(store, registry, Tag.of("app", "shop"));
    SessionService sessions = metrics.serviceBuilder() // the metered store, the listener registered
        .policy(SessionPolicy.defaults())
        .build();

    sessions.validate(sessions.issue("alice", ClientInfo.empty()).token().value());
    assertThat(registry.get(SessionMetrics.VALIDATIONS).tags("app", "shop", "outcome", "valid").counter().count())
        .isEqualTo(1);

    // ... at shutdown: closes the store and removes the gauge
    metrics.store().close();
    assertThat(registry.find(MeteredSessionStore.STORED).gauge()).isNull();
  }
}
