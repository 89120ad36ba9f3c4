package dev.sessionkit.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The keys under a prefix as the store left them, found by SCAN and told apart by TYPE alone (hash:
 * a session; sorted set: an index or a due set; stream: a change log), so that it holds whatever the
 * key names are. Commands are pipelined: a census of 100,000 keys takes seconds, not minutes. Each
 * step opens and closes its own connection, so that the buffers of its replies are not left on a
 * connection whose server's memory a test measures.
 */
final class KeyCensus {
  private static final Duration WAIT = Duration.ofMinutes(1);

  private final Map<String, List<byte[]>> keysByType = new TreeMap<>();
  /** What follows the last "s:" of each hash key's name: the ids the sessions are stored under. */
  private final Set<String> sessionIds = new HashSet<>();

  private KeyCensus() {}

  /** Scans the prefix and asks the TYPE of each key. */
  static KeyCensus of(RedisClient client, String prefix) {
    try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
      return of(connection, prefix);
    }
  }

  private static KeyCensus of(StatefulRedisConnection<byte[], byte[]> connection, String prefix) {
    KeyCensus census = new KeyCensus();
    List<byte[]> keys = TestRedis.keys(connection.sync(), prefix);
    List<RedisFuture<String>> types = new ArrayList<>();
    RedisAsyncCommands<byte[], byte[]> async = connection.async();
    keys.forEach(k -> types.add(async.type(k)));
    await(types);
    for (int i = 0; i < keys.size(); i++) {
      String type = types.get(i).toCompletableFuture().join();
      census.keysByType.computeIfAbsent(type, t -> new ArrayList<>()).add(keys.get(i));
      if (type.equals("hash")) {
        String name = text(keys.get(i));
        census.sessionIds.add(name.substring(name.lastIndexOf("s:") + 2));
      }
    }
    return census;
  }

  /** @return how many keys of each type ("hash", "zset", "stream", ...) */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    keysByType.forEach((type, keys) -> counts.put(type, keys.size()));
    return counts;
  }

  List<byte[]> keys(String type) {
    return keysByType.getOrDefault(type, List.of());
  }

  int sessions() {
    return keys("hash").size();
  }

  /**
   * The sorted-set members that name no session hash of the census (no hash key ends with {@code
   * s:<member>}): index members whose session is
   * gone. Members {@code isSubject} accepts are skipped: due sets hold subjects, not session ids.
   */
  List<String> danglingMembers(RedisClient client, Predicate<String> isSubject) {
    try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
      return danglingMembers(connection, isSubject);
    }
  }

  private List<String> danglingMembers(StatefulRedisConnection<byte[], byte[]> connection, Predicate<String> isSubject) {
    List<RedisFuture<List<byte[]>>> members = new ArrayList<>();
    keys("zset").forEach(k -> members.add(connection.async().zrange(k, 0, -1)));
    await(members);
    List<String> dangling = new ArrayList<>();
    for (RedisFuture<List<byte[]>> m : members) {
      for (byte[] member : m.toCompletableFuture().join()) {
        String name = text(member);
        if (!isSubject.test(name) && !sessionIds.contains(name)) {
          dangling.add(name);
        }
      }
    }
    return dangling;
  }

  /** @return the sum of MEMORY USAGE over every key */
  long memoryUsage(RedisClient client) {
    try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
      List<RedisFuture<Long>> usage = new ArrayList<>();
      keysByType.values().forEach(keys -> keys.forEach(k -> usage.add(connection.async().memoryUsage(k))));
      await(usage);
      return usage.stream().mapToLong(f -> f.toCompletableFuture().join()).sum();
    }
  }

  private static void await(List<? extends RedisFuture<?>> futures) {
    if (!LettuceFutures.awaitAll(WAIT, futures.toArray(new RedisFuture<?>[0]))) {
      throw new AssertionError("Redis did not answer " + futures.size() + " commands within " + WAIT);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
