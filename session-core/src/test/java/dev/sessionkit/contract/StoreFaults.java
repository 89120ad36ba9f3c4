package dev.sessionkit.contract;

import dev.sessionkit.spi.SessionStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store that fails on request: the next calls of a named SPI method throw the given throwables, in
 * order, instead of reaching the real store. For tests of what the service and its helpers do when a
 * store (or what it calls) fails in ways a real backend rarely does on cue.
 */
public final class StoreFaults {
  private final Map<String, Deque<Throwable>> planned = new ConcurrentHashMap<>();
  private final SessionStore store;

  /** @param delegate the store that answers when no failure is planned */
  public StoreFaults(SessionStore delegate) {
    this.store =
        (SessionStore)
            Proxy.newProxyInstance(
                SessionStore.class.getClassLoader(),
                new Class<?>[] {SessionStore.class},
                (proxy, method, args) -> {
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
  public StoreFaults failNext(String method, Throwable... failures) {
    planned.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(java.util.List.of(failures));
    return this;
  }

  /** @return the failing store */
  public SessionStore store() {
    return store;
  }
}
