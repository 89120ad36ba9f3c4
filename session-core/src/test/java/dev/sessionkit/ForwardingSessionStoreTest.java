package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.SessionStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingSessionStoreTest {

  /** Every SPI method, defaults included, reaches the delegate: a new default cannot bypass it. */
  @Test
  void forwardsEveryMethodOfTheSpi() throws Exception {
    List<String> reached = new ArrayList<>();
    SessionStore delegate = (SessionStore) Proxy.newProxyInstance(
        SessionStore.class.getClassLoader(), new Class<?>[] {SessionStore.class},
        (proxy, method, args) -> {
          reached.add(method.getName());
          return defaultValue(method.getReturnType());
        });
    SessionStore forwarding = new ForwardingSessionStore(delegate) {};

    List<String> expected = new ArrayList<>();
    for (Method m : SessionStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      expected.add(m.getName());
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = defaultValue(m.getParameterTypes()[i]);
      }
      m.invoke(forwarding, args);
    }

    assertThat(reached).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ForwardingSessionStore.class.getDeclaredMethods())
        .extracting(Method::getName)
        .containsAll(expected);
  }

  private static Object defaultValue(Class<?> type) {
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
