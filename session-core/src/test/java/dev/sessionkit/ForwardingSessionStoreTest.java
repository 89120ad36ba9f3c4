package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardingSessionStoreTest {

  /** Every SPI method, defaults included, reaches the delegate: a new default cannot bypass it. */
  @Test
  void forwardsEveryMethodOfTheSpi() throws Exception {
    List<String> reached = new ArrayList<>();
    Map<String, Object> answers = new HashMap<>();
    SessionStore delegate = (SessionStore) Proxy.newProxyInstance(
        SessionStore.class.getClassLoader(), new Class<?>[] {SessionStore.class},
        (proxy, method, args) -> {
          reached.add(method.getName());
          Object answer = answerFor(method.getReturnType());
          answers.put(method.getName(), answer);
          return answer;
        });
    SessionStore forwarding = new ForwardingSessionStore(delegate) {};

    List<String> expected = new ArrayList<>();
    for (Method m : SessionStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      // The token-id lookup goes through findById, so a decorator of findById alone sees it.
      expected.add(m.getName().equals("findByTokenId") ? "findById" : m.getName());
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = defaultValue(m.getParameterTypes()[i]);
      }
      Object answer = m.invoke(forwarding, args);
      assertThat(answer).as("what %s answered", m.getName()).isEqualTo(answers.get(m.getName()));
    }

    assertThat(reached).containsExactlyInAnyOrderElementsOf(expected);
    List<String> declared = new ArrayList<>();
    for (Method m : SessionStore.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        declared.add(m.getName());
      }
    }
    assertThat(ForwardingSessionStore.class.getDeclaredMethods())
        .extracting(Method::getName)
        .containsAll(declared);
  }

  /** An answer the forwarding store could not make up: not a default value of its type. */
  private static Object answerFor(Class<?> type) {
    if (type == int.class) {
      return 7;
    }
    if (type == long.class) {
      return 42L;
    }
    if (type == Optional.class) {
      return Optional.of("forwarded");
    }
    if (type == List.class) {
      return List.of();
    }
    if (type == CreateOutcome.class) {
      return CreateOutcome.refused();
    }
    if (type == SessionId.class) {
      return SessionId.of("forwardedAAAAAAAAAAAAA");
    }
    if (type == AttributeUpdate.class) {
      return AttributeUpdate.conflict(9);
    }
    return null;
  }

  static final class Named extends ForwardingSessionStore {
    Named(SessionStore delegate) {
      super(delegate);
    }
  }

  @Test
  void describesItselfWithItsDelegate() {
    SessionStore reference = new ReferenceSessionStore();
    assertThat(new Named(reference)).hasToString("Named[" + reference + "]");
  }

  @Test
  void aDecoratorOfFindByIdAloneSeesTokenLookups() {
    ReferenceSessionStore reference = new ReferenceSessionStore();
    List<SessionId> seen = new ArrayList<>();
    SessionStore decorated = new ForwardingSessionStore(reference) {
      @Override
      public StoredSession findById(SessionId id) {
        seen.add(id);
        return super.findById(id);
      }
    };
    SessionService service = SessionService.builder(decorated).build();
    IssuedSession issued = service.issue("alice", ClientInfo.empty());

    assertThat(service.validate(issued.token().value()).isValid()).isTrue();
    assertThat(seen).containsExactly(issued.session().id());
  }

  private static Object defaultValue(Class<?> type) {
    if (type == TokenIdKey.class) {
      return new TokenIdKey("AAAAAAAAAAAAAAAAAAAAAA." + "A".repeat(43));
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }
}
