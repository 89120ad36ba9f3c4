package dev.sessionkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI's outcome values: what each one says, equality, and a text without secrets. */
class OutcomeValuesTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Session session(long version) {
    return new Session(SessionId.of("AAAAAAAAAAAAAAAAAAAAAA"), "alice", T, T, T.plusSeconds(60), T.plusSeconds(60),
        version, ClientInfo.empty(), Map.of());
  }

  @Test
  void createOutcomes() {
    CreateOutcome refused = CreateOutcome.refused();
    CreateOutcome plain = CreateOutcome.created(List.of());
    CreateOutcome evicting = CreateOutcome.created(List.of(session(1)));

    assertThat(refused.created()).isFalse();
    assertThat(refused.evicted()).isEmpty();
    assertThat(plain.created()).isTrue();
    assertThat(evicting.evicted()).containsExactly(session(1));
    assertThat(evicting).isEqualTo(CreateOutcome.created(List.of(session(1)))).isNotEqualTo(plain)
        .hasSameHashCodeAs(CreateOutcome.created(List.of(session(1))));
    assertThat(plain).isNotEqualTo(refused).isNotEqualTo("created");
    assertThat(plain.hashCode()).isNotEqualTo(refused.hashCode());
    assertThat(refused).hasToString("CreateOutcome[refused]");
    assertThat(evicting).hasToString("CreateOutcome[created, evicted=1]");
  }

  @Test
  void attributeUpdates() {
    AttributeUpdate updated = AttributeUpdate.updated(session(3));
    AttributeUpdate conflict = AttributeUpdate.conflict(3);
    AttributeUpdate conflictAtZero = AttributeUpdate.conflict(0);
    AttributeUpdate notFound = AttributeUpdate.notFound();

    assertThat(updated.isUpdated()).isTrue();
    assertThat(updated.isConflict()).isFalse();
    assertThat(updated.session()).isEqualTo(session(3));
    assertThat(updated.currentVersion()).isEqualTo(3);
    assertThat(conflict.isUpdated()).isFalse();
    assertThat(conflict.isConflict()).isTrue();
    assertThat(conflict.session()).isNull();
    assertThat(conflictAtZero.isConflict()).isTrue();
    assertThat(notFound.isUpdated()).isFalse();
    assertThat(notFound.isConflict()).isFalse();
    assertThat(notFound.currentVersion()).isEqualTo(-1);

    assertThat(conflict).isEqualTo(AttributeUpdate.conflict(3)).isNotEqualTo(updated).isNotEqualTo(notFound)
        .hasSameHashCodeAs(AttributeUpdate.conflict(3));
    assertThat(conflict).isNotEqualTo(AttributeUpdate.conflict(4)).isNotEqualTo("conflict");
    assertThat(conflict.hashCode()).isNotEqualTo(AttributeUpdate.conflict(4).hashCode());
    assertThat(updated).hasToString("AttributeUpdate[updated, version=3]");
    assertThat(conflict).hasToString("AttributeUpdate[conflict, version=3]");
    assertThat(notFound).hasToString("AttributeUpdate[not found]");
  }
}
