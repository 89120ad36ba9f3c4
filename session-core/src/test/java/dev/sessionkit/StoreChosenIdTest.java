package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store chooses the id of a new session (SessionStore.newId); the service issues exactly that. */
class StoreChosenIdTest {

  /** Hands out ids from a list and remembers who asked, with which source of randomness. */
  static final class ChoosingStore extends ForwardingSessionStore {
    final List<SessionId> planned = new ArrayList<>();
    final List<String> subjects = new ArrayList<>();
    final List<SecureRandom> sources = new ArrayList<>();

    ChoosingStore() {
      super(new ReferenceSessionStore());
    }

    @Override
    public SessionId newId(String subject, SecureRandom random) {
      subjects.add(subject);
      sources.add(random);
      return planned.remove(0);
    }
  }

  @Test
  void theServiceIssuesExactlyTheIdTheStoreChose() {
    ChoosingStore store = new ChoosingStore();
    SecureRandom random = new SecureRandom();
    SessionService service = SessionService.builder(store).secureRandom(random).build();
    SessionId first = SessionId.of("Kchosen0000000000000AA");
    SessionId second = SessionId.of("Lchosen1111111111111AA");
    store.planned.addAll(List.of(first, second));

    IssuedSession a = service.issue("alice", ClientInfo.empty());
    IssuedSession b = service.issue("bob", ClientInfo.empty());

    assertThat(a.session().id()).isEqualTo(first);
    assertThat(a.token().value()).startsWith(first.value() + ".");
    assertThat(b.session().id()).isEqualTo(second);
    assertThat(store.subjects).containsExactly("alice", "bob");
    assertThat(store.sources).containsExactly(random, random);
    assertThat(service.validate(a.token().value()).session()).contains(a.session());
  }

  @Test
  void theDefaultIdIs128RandomBits() {
    SessionId id = new ReferenceSessionStore().newId("alice", new SecureRandom());

    assertThat(java.util.Base64.getUrlDecoder().decode(id.value())).hasSize(16);
    assertThat(new ReferenceSessionStore().newId("alice", new SecureRandom())).isNotEqualTo(id);
  }
}
