package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session routes on the server run with {@code sessionkit.redisUrl}: on the Redis store, on the
 * local Redis (127.0.0.1:6379 unless {@code SESSIONKIT_REDIS_URL} or {@code -Dsessionkit.redis.url}
 * says otherwise, as session-redis's tests), under a key prefix of its own per test whose keys are
 * deleted afterwards. Runs with {@code -Pdatabases}, and fails (never skips) without Redis.
 */
class RedisExampleServerEndToEndTest extends SessionRoutesEndToEndTest {
  static final String URL = System.getProperty("sessionkit.redis.url",
      System.getenv().getOrDefault("SESSIONKIT_REDIS_URL", "redis://127.0.0.1:6379"));

  /** Unique per test; the keys are found by it wherever the store places its prefix in a key name. */
  private final String name = "skex" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Override
  ServerConfig config() {
    return super.config().onRedis(URL, name + ":");
  }

  @AfterEach
  void deleteTheTestsKeys() {
    onRedis(redis -> {
      List<String> keys = keys(redis);
      return keys.isEmpty() ? 0 : redis.del(keys.toArray(new String[0]));
    });
  }

  @Test
  void theServerRunsOnRedisAndSaysSo() {
    assertThat(server.store().description())
        .startsWith("Redis store on " + ExampleStore.withoutPassword(URL)).contains(name);
    assertThat(server.store().pool()).isEmpty();
    api.token("alice", "a");
    assertThat(onRedis(redis -> (long) keys(redis).size())).as("the session is in Redis").isPositive();
  }

  private List<String> keys(RedisCommands<String, String> redis) {
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.limit(1000).match("*" + name + "*"));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  private static long onRedis(Function<RedisCommands<String, String>, Long> work) {
    RedisClient client = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return work.apply(connection.sync());
    } finally {
      client.shutdown();
    }
  }
}
