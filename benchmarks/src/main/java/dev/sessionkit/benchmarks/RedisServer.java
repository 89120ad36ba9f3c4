package dev.sessionkit.benchmarks;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The Redis the Redis variants run on: 127.0.0.1:6379 unless {@code -Dsessionkit.redis.url} or
 * {@code SESSIONKIT_REDIS_URL} says otherwise (as session-redis's tests). The server is shared: every
 * run works under a name of its own and deletes only the keys holding that name, never the database.
 */
final class RedisServer {
  private RedisServer() {}

  static String url() {
    String url = System.getProperty("sessionkit.redis.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SESSIONKIT_REDIS_URL");
    }
    return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
  }

  static RedisURI uri() {
    return RedisURI.create(url());
  }

  /** @return a new client; its owner shuts it down */
  static RedisClient client() {
    return RedisClient.create(uri());
  }

  /**
   * A run's own name, to go into its key prefix or namespace. Deletion matches it anywhere in a key,
   * so it finds the keys wherever a store puts its prefix (a Cluster hash tag may wrap it).
   */
  static String uniqueName(String kind) {
    return kind + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Deletes every key whose name contains {@code name}; returns how many. */
  static long deleteKeys(RedisClient client, String name) {
    try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
      RedisCommands<byte[], byte[]> redis = connection.sync();
      ScanArgs match = ScanArgs.Builder.limit(10_000).match("*" + name + "*");
      long deleted = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<byte[]> page = redis.scan(cursor, match);
        List<byte[]> keys = page.getKeys();
        if (!keys.isEmpty()) {
          deleted += redis.unlink(keys.toArray(new byte[0][]));
        }
        cursor = page;
      } while (!cursor.isFinished());
      return deleted;
    }
  }

  /** {@code used_memory} of {@code INFO memory}, in bytes. */
  static long usedMemory(RedisCommands<?, ?> redis) {
    for (String line : redis.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("no used_memory in INFO memory");
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
