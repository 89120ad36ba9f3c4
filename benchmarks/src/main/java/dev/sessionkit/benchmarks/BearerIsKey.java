package dev.sessionkit.benchmarks;

import java.util.UUID;

/**
 * A backend whose bearer is a random UUID that is itself the lookup key (the bare round trips,
 * Spring Session's session ids): nothing is hashed, so a wrong secret is an unknown key.
 */
interface BearerIsKey extends Backend {
  @Override
  default String unknownBearer() {
    return UUID.randomUUID().toString();
  }

  @Override
  default String wrongSecret(String valid) {
    return unknownBearer();
  }
}
