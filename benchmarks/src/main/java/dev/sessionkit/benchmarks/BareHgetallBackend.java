package dev.sessionkit.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Redis floor: one {@code HGETALL} of a session-sized hash per lookup, on one shared Lettuce
 * connection (as our store uses), under a key name of its own per run. The hash has what a session
 * hash has in size: a subject, four epoch-millisecond times, a version, a 32-byte hash and a
 * browser's IP address and user agent. No hashing, no clock, no decoding: whatever our store costs
 * above this is ours. Lookup only.
 */
final class BareHgetallBackend implements BearerIsKey {
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final RedisCommands<byte[], byte[]> redis;
  private final String name;
  private int logins;

  BareHgetallBackend() {
    this.client = RedisServer.client();
    this.connection = client.connect(ByteArrayCodec.INSTANCE);
    this.redis = connection.sync();
    this.name = RedisServer.uniqueName("skbare");
  }

  @Override
  public String issue(String subject) {
    String bearer = UUID.randomUUID().toString();
    String millis = Long.toString(System.currentTimeMillis());
    Map<byte[], byte[]> fields = new LinkedHashMap<>();
    fields.put(RedisServer.bytes("u"), RedisServer.bytes(subject));
    fields.put(RedisServer.bytes("c"), RedisServer.bytes(millis));
    fields.put(RedisServer.bytes("l"), RedisServer.bytes(millis));
    fields.put(RedisServer.bytes("e"), RedisServer.bytes(millis));
    fields.put(RedisServer.bytes("i"), RedisServer.bytes(millis));
    fields.put(RedisServer.bytes("v"), RedisServer.bytes("1"));
    fields.put(RedisServer.bytes("h"), new byte[32]);
    fields.put(RedisServer.bytes("k1"), RedisServer.bytes("203.0.113." + (logins++ & 0xFF)));
    fields.put(RedisServer.bytes("k2"), RedisServer.bytes(SessionkitBackend.USER_AGENT));
    redis.hset(key(bearer), fields);
    return bearer;
  }

  @Override
  public Object validate(String bearer) {
    Map<byte[], byte[]> hash = redis.hgetall(key(bearer));
    return hash.isEmpty() ? null : hash;
  }

  private byte[] key(String bearer) {
    return RedisServer.bytes(name + ":" + bearer);
  }

  @Override
  public void close() {
    connection.close();
    RedisServer.deleteKeys(client, name);
    client.shutdown();
  }
}
