package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.TestFigures;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The issue's leak test, scaled down to keep the class short: sessions of many users end every way a
 * session ends (logout, revoke-others, rotation, cap eviction, expiry) with keyspace notifications
 * off; after one purge no index member names a missing session, no index or due entry is left, and
 * Redis's memory is back where it started.
 */
class RedisIndexLeakTest {
  private static final int USERS = 100;
  private static final int LOGINS_PER_USER = 60;
  private static final int CAP = 50;

  private final String prefix = TestRedis.freshPrefix();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

  @AfterEach
  void cleanUp() {
    TestRedis.deleteAll(prefix);
  }

  @Test
  void afterOnePurgeNoIndexMemberIsDanglingAndMemoryIsBack() {
    try (StatefulRedisConnection<byte[], byte[]> c = TestRedis.client().connect(ByteArrayCodec.INSTANCE);
        RedisSessionStore store = RedisSessionStore.builder().client(TestRedis.client()).keyPrefix(prefix)
            .changeLogLength(100).build()) {
      RedisCommands<byte[], byte[]> redis = c.sync();
      assertThat(redis.configGet("notify-keyspace-events").values())
          .as("keyspace notifications are off").allMatch(v -> v == null || v.isEmpty());
      SessionService service = SessionService.builder(store).clock(clock).policy(SessionPolicy.builder()
          .idleTimeout(Duration.ofHours(1)).touchInterval(Duration.ofMinutes(1))
          .maxSessionsPerSubject(CAP, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build()).build();
      warmUpEveryScript(service, redis);
      long before = settledMemory(redis, 0, Duration.ofSeconds(1));

      int issued = 0;
      for (int u = 0; u < USERS; u++) {
        String user = "user-" + u;
        List<IssuedSession> mine = new ArrayList<>();
        for (int n = 0; n < LOGINS_PER_USER; n++) { // the last ten evict the first ten
          mine.add(service.issue(user, typicalClient()));
          issued++;
        }
        IssuedSession last = mine.get(mine.size() - 1);
        switch (u % 4) {
          case 0 -> service.signOut(last.session());
          case 1 -> service.forCurrent(service.validate(last.token().value()).orThrow()).revokeOthers();
          case 2 -> service.rotate(last.token().value());
          default -> { } // left to expire
        }
      }
      long full = usedMemory(redis);
      long keyBytes = 0;
      long sessions = 0;
      for (byte[] key : TestRedis.keys(redis, prefix)) {
        keyBytes += redis.memoryUsage(key);
        sessions += new String(key, StandardCharsets.UTF_8).startsWith(prefix + "s:") ? 1 : 0;
      }
      TestFigures.of(getClass()).record(String.format("MEMORY USAGE of every key (sessions, indexes, due set,"
          + " change log) over %d sessions of %d users: %d bytes per session", sessions, USERS, keyBytes / sessions));

      clock.advance(Duration.ofHours(2)); // everything left expires
      int purged = service.purgeExpired();

      assertThat(danglingIndexMembers(redis)).isZero();
      List<String> left = new ArrayList<>();
      for (byte[] key : TestRedis.keys(redis, prefix)) {
        left.add(new String(key, StandardCharsets.UTF_8).substring(prefix.length()));
      }
      assertThat(left).as("only the bounded change log is left").containsOnly("changes");
      redis.del((prefix + "changes").getBytes(StandardCharsets.UTF_8));
      store.close(); // its connection's buffers are Redis memory too
      long after = settledMemory(redis, before, Duration.ofSeconds(3));
      TestFigures.of(getClass()).record(String.format("leak test: %d logins over %d users, %d purged;"
          + " used_memory %d before, %d full, %d after (%+.2f%%)", issued, USERS, purged, before, full, after,
          100.0 * (after - before) / before));
      // Lower is no leak: the first reading may still hold buffers Redis shrinks later.
      assertThat((double) (after - before) / before).as("memory back within 1%").isLessThan(0.01);
    }
  }

  /**
   * Runs every script once, so that the server's script cache (Redis memory too) is filled before
   * the first measurement, then leaves nothing behind.
   */
  private void warmUpEveryScript(SessionService service, RedisCommands<byte[], byte[]> redis) {
    IssuedSession one = service.issue("warm-up", typicalClient());
    IssuedSession two = service.issue("warm-up", typicalClient());
    clock.advance(Duration.ofMinutes(2));
    service.validate(one.token().value()); // touch
    IssuedSession rotated = service.rotate(one.token().value());
    service.forSubject("warm-up").updateAttributes(rotated.session().id().value(), rotated.session().version(),
        java.util.Map.of("k", "v"));
    service.forSubject("warm-up").list(dev.sessionkit.Pagination.page(1, 10));
    service.forSubject("warm-up").revoke(two.session().id().value());
    service.forSubject("warm-up").revokeAll();
    service.purgeExpired();
    redis.del((prefix + "changes").getBytes(StandardCharsets.UTF_8));
  }

  private long danglingIndexMembers(RedisCommands<byte[], byte[]> redis) {
    long dangling = 0;
    for (byte[] key : TestRedis.keys(redis, prefix + "u:")) {
      for (byte[] id : redis.zrange(key, 0, -1)) {
        if (redis.exists((prefix + "s:" + new String(id, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)) == 0) {
          dangling++;
        }
      }
    }
    return dangling;
  }

  /**
   * The lowest used_memory seen within {@code atMost}, or the first reading within 0.2% of {@code target}: Redis
   * shrinks its emptied key and expiry tables and idle clients' buffers in its background cron
   * (10 times a second by default), not at the moment keys are deleted.
   */
  private static long settledMemory(RedisCommands<byte[], byte[]> redis, long target, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    long lowest = usedMemory(redis);
    while (lowest - target > target / 500 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // Redis's cron runs 10 times a second
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        break;
      }
      lowest = Math.min(lowest, usedMemory(redis));
    }
    return lowest;
  }

  private static long usedMemory(RedisCommands<byte[], byte[]> redis) {
    for (String line : redis.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("no used_memory in INFO memory");
  }

  private static ClientInfo typicalClient() {
    return ClientInfo.builder().ipAddress("203.0.113.7")
        .userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36")
        .browser("Chrome 120").operatingSystem("Windows 10").deviceType(DeviceType.DESKTOP).build();
  }
}
