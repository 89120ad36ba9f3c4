package dev.sessionkit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Where a store or an invalidation source connects, as both builders take it: the application's
 * {@link RedisClient} (left open at close), or a URI for which the built object makes a client of its
 * own (shut down at close).
 */
final class RedisEndpoint {
  private @Nullable RedisClient client;
  private @Nullable RedisURI uri;

  void client(RedisClient redisClient) {
    client = Objects.requireNonNull(redisClient, "client");
    uri = null;
  }

  void uri(String redisUri) {
    Objects.requireNonNull(redisUri, "uri");
    try {
      uri = RedisURI.create(redisUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Redis URI"); // the text may hold a password
    }
    client = null;
  }

  /**
   * @param make builds the object from the client to use and the client it owns (null when the
   *     client is the application's)
   * @throws IllegalStateException when neither a client nor a URI was set
   */
  <T> T open(BiFunction<RedisClient, @Nullable RedisClient, T> make) {
    if (client != null) {
      return make.apply(client, null);
    }
    if (uri == null) {
      throw new IllegalStateException("set a RedisClient or a URI");
    }
    RedisClient owned = RedisClient.create(uri);
    return make.apply(owned, owned);
  }

  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }
}
