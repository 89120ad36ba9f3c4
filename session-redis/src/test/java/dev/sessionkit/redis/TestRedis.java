package dev.sessionkit.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Redis the tests use: 127.0.0.1:6379 unless SESSIONKIT_REDIS_URL or -Dsessionkit.redis.url
 * says otherwise. One client per test JVM; each test works under a fresh key prefix and deletes it
 * afterwards. When Redis is down the tests fail (the connect throws), they never skip.
 */
final class TestRedis {
  static final String URL = System.getProperty("sessionkit.redis.url",
      System.getenv().getOrDefault("SESSIONKIT_REDIS_URL", "redis://127.0.0.1:6379"));
  private static RedisClient client;

  /** The standalone Redis as a target of the shared suites. */
  static final RedisTarget STANDALONE = new RedisTarget() {
    @Override
    public RedisSessionStore.Builder storeBuilder() {
      return RedisSessionStore.builder().client(client());
    }

    @Override
    public RedisInvalidationSource.Builder sourceBuilder() {
      return RedisInvalidationSource.builder().client(client());
    }

    @Override
    public void deleteAll(String prefix) {
      TestRedis.deleteAll(prefix);
    }

    @Override
    public List<Object> dump(String prefix) {
      return TestRedis.dump(prefix);
    }
  };

  private TestRedis() {}

  static synchronized RedisClient client() {
    if (client == null) {
      client = RedisClient.create(URL);
    }
    return client;
  }

  /** @return a prefix no other test uses */
  static String freshPrefix() {
    return "skt:" + UUID.randomUUID().toString().substring(0, 13) + ":";
  }

  static RedisSessionStore store(String prefix) {
    return RedisSessionStore.builder().client(client()).keyPrefix(prefix).build();
  }

  /** Deletes every key under the prefix. */
  static void deleteAll(String prefix) {
    try (StatefulRedisConnection<byte[], byte[]> c = client().connect(ByteArrayCodec.INSTANCE)) {
      deleteAll(c.sync(), prefix);
    }
  }

  /** Deletes every key under the prefix; on a cluster connection, on every node. */
  static void deleteAll(RedisClusterCommands<byte[], byte[]> redis, String prefix) {
    for (byte[] key : keys(redis, prefix)) {
      redis.del(key);
    }
  }

  /**
   * @param redis a standalone connection's commands, or a cluster connection's, whose SCAN walks
   *     every master
   * @return every key under the prefix
   */
  static List<byte[]> keys(RedisClusterCommands<byte[], byte[]> redis, String prefix) {
    List<byte[]> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<byte[]> page = redis.scan(cursor, ScanArgs.Builder.limit(1000)
          .match(prefix.replace("*", "\\*") + "*"));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  /** @return every key, member, field and value under the prefix, as stored */
  static List<Object> dump(String prefix) {
    try (StatefulRedisConnection<byte[], byte[]> c = client().connect(ByteArrayCodec.INSTANCE)) {
      return dump(c.sync(), prefix);
    }
  }

  /** @return every key, member, field and value under the prefix, as stored */
  static List<Object> dump(RedisClusterCommands<byte[], byte[]> redis, String prefix) {
    List<Object> out = new ArrayList<>();
    for (byte[] key : keys(redis, prefix)) {
      out.add(key);
      switch (redis.type(key)) {
        case "hash" -> redis.hgetall(key).forEach((f, v) -> {
          out.add(f);
          out.add(v);
        });
        case "zset" -> out.addAll(redis.zrange(key, 0, -1));
        case "stream" -> {
          for (StreamMessage<byte[], byte[]> m : redis.xrange(key, io.lettuce.core.Range.create("-", "+"))) {
            m.getBody().forEach((f, v) -> out.add(v));
          }
        }
        default -> out.add(("unexpected type of " + new String(key, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
