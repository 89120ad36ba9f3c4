package dev.sessionkit.examples;

import dev.sessionkit.caffeine.CaffeineSessionStore;
import dev.sessionkit.spi.SessionStore;

/** The store the example runs on, chosen by configuration, and what must be closed with it. */
record ExampleStore(SessionStore store, String description, AutoCloseable resources) implements AutoCloseable {

  static ExampleStore open(ServerConfig config) {
    return new ExampleStore(CaffeineSessionStore.builder().build(), "in-memory Caffeine store", () -> {});
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the store failed", e);
    }
  }
}
