package dev.sessionkit.testkit;

import dev.sessionkit.spi.SessionStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store seen through a thin proxy that counts the calls reaching it and can fail on request:
 * the next calls of a named SPI method throw the given throwables, in order, instead of reaching the
 * store. For tests of what the service does before and instead of store calls, and when a store (or
 * what it calls) fails in ways a real backend rarely does on cue.
 */
public final class InstrumentedStore {
  private final Map<String, Deque<Throwable>> planned = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final SessionStore store;

  /** @param delegate the store that answers when no failure is planned */
  public InstrumentedStore(SessionStore delegate) {
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
                  Deque<Throwable> failures = planned.get(method.getName());
                  Throwable failure = failures == null ? null : failures.pollFirst();
                  if (failure != null) {
                    throw failure;
                  }
                  try {
                    return method.invoke(delegate, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  /**
   * Plans failures of one SPI method.
   *
   * @param method the method name, e.g. {@code "purgeExpired"}
   * @param failures what its next calls throw, in order
   * @return this
   */
  public InstrumentedStore failNext(String method, Throwable... failures) {
    planned.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(java.util.List.of(failures));
    return this;
  }

  /** @return the store to hand to the code under test */
  public SessionStore store() {
    return store;
  }

  /** @return how many SPI calls reached the proxy so far */
  public int calls() {
    return calls.get();
  }
}
