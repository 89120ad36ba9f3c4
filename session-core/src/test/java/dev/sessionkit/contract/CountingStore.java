package dev.sessionkit.contract;

import dev.sessionkit.spi.SessionStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a store and counts the calls that reach it. */
final class CountingStore {
  final AtomicInteger calls = new AtomicInteger();
  final SessionStore store;

  CountingStore(SessionStore delegate) {
    this.store =
        (SessionStore)
            Proxy.newProxyInstance(
                SessionStore.class.getClassLoader(),
                new Class<?>[] {SessionStore.class},
                (proxy, method, args) -> {
                  if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(delegate, args);
                  }
                  calls.incrementAndGet();
                  try {
                    return method.invoke(delegate, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }
}
