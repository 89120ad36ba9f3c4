package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.testkit.Together;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The issue's leak test at its scale: 100,000 sessions of 1,000 users end every way a session ends
 * (logout, revoke-others, rotation, cap eviction, expiry) with keyspace notifications off; after one
 * purge no index member names a missing session, no session, index or due entry is left, and Redis's
 * memory is back where it started. It runs on a redis-server of its own, so that used_memory measures
 * this test alone and not the other tests sharing 6379. Keys are found by SCAN and told apart by TYPE
 * ({@link KeyCensus}), never by their names.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
class RedisIndexLeakTest {
  private static final int USERS = 1_000;
  private static final int LOGINS_PER_USER = 100;
  private static final int CAP = 90;
  private static final int THREADS = 8;

  private final String prefix = TestRedis.freshPrefix();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private RedisServerProcess server;
  private RedisClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = RedisServerProcess.inMemory();
    client = RedisClient.create(server.uri());
  }

  @AfterEach
  void stopServer() throws IOException {
    try {
      client.shutdown();
    } finally {
      server.close();
    }
  }

  @Test
  void afterOnePurgeNoIndexMemberIsDanglingAndMemoryIsBack() throws Exception {
    try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
      RedisCommands<byte[], byte[]> redis = c.sync();
      // Redis 7 gives each command a latency histogram of 24.7 kB the first time it runs (measured by
      // hand: INFO, MEMORY USAGE, SLOWLOG LEN each); on this server of the test's own, off, so that
      // used_memory measures keys and not which commands ran since the starting reading.
      redis.configSet("latency-tracking", "no");
      try (RedisSessionStore warmUp = store()) {
        warmUpEveryScript(service(warmUp), redis);
      }
      assertThat(notifications(redis)).as("keyspace notifications, before the run").isEmpty();
      redis.slowlogReset();
      long before = settledMemory(redis, 0, Duration.ofSeconds(1));
      String breakdownBefore = breakdown(redis);
      RedisSessionStore store = store(); // connected after the starting reading, closed before the last
      SessionService service = service(store);

      long began = System.nanoTime();
      AtomicInteger issued = new AtomicInteger();
      Together.run(THREADS, thread -> {
        for (int u = thread; u < USERS; u += THREADS) {
          endEveryWay(service, "user-" + u, u, LOGINS_PER_USER, issued);
        }
      });
      Duration endings = Duration.ofNanos(System.nanoTime() - began);
      assertThat(notifications(redis)).as("keyspace notifications, during the run").isEmpty();
      long full = usedMemory(redis);
      KeyCensus atFull = KeyCensus.of(client, prefix);
      TestFigures.of(getClass()).record(String.format(Locale.ROOT, "MEMORY USAGE of every key (sessions,"
          + " indexes, due sets, change log) over %d sessions of %d users: %d bytes per session; keys %s",
          atFull.sessions(), USERS, atFull.memoryUsage(client) / atFull.sessions(), atFull.counts()));

      clock.advance(Duration.ofHours(2)); // everything left expires
      long purgeBegan = System.nanoTime();
      int purged = service.purgeExpired();
      Duration purge = Duration.ofNanos(System.nanoTime() - purgeBegan);

      KeyCensus afterPurge = KeyCensus.of(client, prefix);
      List<String> dangling = atFull.danglingMembers(client, RedisIndexLeakTest::isSubject);
      List<String> danglingAfter = afterPurge.danglingMembers(client, RedisIndexLeakTest::isSubject);
      assertThat(danglingAfter).as("dangling index members").isEmpty();
      assertThat(afterPurge.counts()).as("only the bounded change log is left").containsOnlyKeys("stream");
      afterPurge.keys("stream").forEach(redis::del);
      store.close(); // its connection's buffers are Redis memory too, as they were not at the start
      // Redis keeps the last 128 commands slower than 10 ms with their arguments (a script's are a
      // session's fields): a bounded diagnostic of the server's, not the store's memory.
      long slowCommands = redis.slowlogLen();
      redis.slowlogReset();
      long after = settledMemory(redis, before, Duration.ofSeconds(3));
      TestFigures.of(getClass()).record("INFO memory before: " + breakdownBefore + "; after: " + breakdown(redis));
      TestFigures.of(getClass()).record(String.format(Locale.ROOT, "leak test: %d logins over %d users"
              + " (%d threads) in %d ms, keyspace notifications off; before the purge %d index members"
              + " named no session; one purge of %d sessions in %d ms left %d dangling; used_memory %d before,"
              + " %d full, %d after (%+.2f%%), %d slow-log entries dropped before the last reading",
          issued.get(), USERS, THREADS, endings.toMillis(), dangling.size(), purged, purge.toMillis(), danglingAfter.size(),
          before, full, after, 100.0 * (after - before) / before, slowCommands));
      assertThat(issued.get()).isEqualTo(USERS * LOGINS_PER_USER);
      // Lower is no leak: the first reading may still hold buffers Redis shrinks later.
      assertThat((double) (after - before) / before).as("memory back within 1%").isLessThan(0.01);
    }
  }

  private RedisSessionStore store() {
    return RedisSessionStore.builder().client(client).keyPrefix(prefix).changeLogLength(100).build();
  }

  private SessionService service(RedisSessionStore store) {
    return SessionService.builder(store).clock(clock).policy(SessionPolicy.builder()
        .idleTimeout(Duration.ofHours(1)).touchInterval(Duration.ofMinutes(1))
        .maxSessionsPerSubject(CAP, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build()).build();
  }

  /** A user's logins (at 100, the last ten evict the first ten); then the last one ends as its number says. */
  private void endEveryWay(SessionService service, String user, int u, int logins, AtomicInteger issued) {
    IssuedSession last = null;
    for (int n = 0; n < logins; n++) {
      last = service.issue(user, typicalClient());
      issued.incrementAndGet();
    }
    switch (u % 4) {
      case 0 -> service.signOut(last.session());
      case 1 -> service.forCurrent(service.validate(last.token().value()).orThrow()).revokeOthers();
      case 2 -> service.rotate(last.token().value());
      default -> { } // left to expire
    }
  }

  private static boolean isSubject(String member) {
    return member.startsWith("user-") || member.equals("warm-up");
  }

  private static String notifications(RedisCommands<byte[], byte[]> redis) {
    String flags = redis.configGet("notify-keyspace-events").get("notify-keyspace-events");
    return flags == null ? "" : flags;
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
        Map.of("k", "v"));
    service.forSubject("warm-up").list(Pagination.page(1, 10));
    service.forSubject("warm-up").revoke(two.session().id().value());
    service.forSubject("warm-up").revokeAll();
    service.purgeExpired();
    KeyCensus.of(client, prefix).keys("stream").forEach(redis::del);
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

  /** The parts of used_memory INFO names, and the key count. */
  private static String breakdown(RedisCommands<byte[], byte[]> redis) {
    StringBuilder parts = new StringBuilder();
    for (String line : (redis.info("memory") + redis.info("keyspace")).split("\r?\n")) {
      if (line.matches("(used_memory_(dataset|overhead|scripts|startup)|mem_clients_normal|mem_not_counted_for_evict"
          + "|used_memory_vm_total|db0):.*")) {
        parts.append(line).append(' ');
      }
    }
    return parts.toString().trim();
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
