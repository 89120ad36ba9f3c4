package dev.sessionkit.benchmarks;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.SessionService;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

/**
 * Bytes per session in Redis: {@code used_memory} of {@code INFO memory} before and after logging in
 * N sessions (100,000 by default, the first argument overrides) of N / 4 users, every session with a
 * browser's client info (IP address, a Chrome user agent, browser, operating system, device type),
 * everything the store keeps included (the session hashes, the per-user indexes, Spring's expiry keys
 * and sets). Our {@code RedisSessionStore} first, then Spring Session's {@code
 * RedisIndexedSessionRepository} holding the same client info as session attributes (as an
 * application on Spring would store it), each under a key name of its own, whose keys are deleted
 * afterwards. Redis is shared: the delta also holds whatever other clients did meanwhile, so the
 * program prints both readings; run it twice.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.sessionkit.benchmarks.RedisMemoryFootprint}
 */
public final class RedisMemoryFootprint {
  static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

  private RedisMemoryFootprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    double ours = ours(n);
    double spring = spring(n);
    System.out.printf(
        Locale.ROOT,
        "Sessions: %,d of %,d users%nREDIS: %,.0f bytes/session%nSPRING_REDIS: %,.0f bytes/session%n"
            + "Ratio REDIS/SPRING_REDIS: %.2f%n",
        n, users(n), ours, spring, ours / spring);
  }

  static double ours(int n) {
    RedisClient client = RedisServer.client();
    String name = RedisServer.uniqueName("skmem");
    try (SessionStore store = RedisSessionStore.builder().client(client).keyPrefix(name + ":").build()) {
      SessionService service = SessionService.builder(store).build();
      return perSession("REDIS", client, n, i -> service.issue(subject(i, n), client(i)));
    } finally {
      RedisServer.deleteKeys(client, name);
      client.shutdown();
    }
  }

  static double spring(int n) {
    SpringRedisBackend backend = new SpringRedisBackend();
    try {
      RedisIndexedSessionRepository repository = backend.repository();
      RedisClient client = RedisServer.client();
      try {
        return perSession("SPRING_REDIS", client, n, i -> {
          RedisIndexedSessionRepository.RedisSession session = repository.createSession();
          ClientInfo info = client(i);
          session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, subject(i, n));
          session.setAttribute("ipAddress", info.ipAddress());
          session.setAttribute("userAgent", info.userAgent());
          session.setAttribute("browser", info.browser());
          session.setAttribute("operatingSystem", info.operatingSystem());
          session.setAttribute("deviceType", String.valueOf(info.deviceType()));
          repository.save(session);
        });
      } finally {
        client.shutdown();
      }
    } finally {
      backend.close();
    }
  }

  /** Logs in {@code n} sessions with {@code login} and returns the growth of used_memory per session. */
  private static double perSession(String what, RedisClient client, int n, IntConsumer login) {
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      long before = RedisServer.usedMemory(redis);
      for (int i = 0; i < n; i++) {
        login.accept(i);
      }
      long after = RedisServer.usedMemory(redis);
      System.out.printf(Locale.ROOT, "%s: used_memory %,d before, %,d after%n", what, before, after);
      return (after - before) / (double) n;
    }
  }

  private static int users(int n) {
    return Math.max(1, n / Fixtures.SESSIONS_PER_USER);
  }

  private static String subject(int i, int n) {
    return "user-" + (i % users(n));
  }

  static ClientInfo client(int i) {
    return ClientInfo.builder()
        .ipAddress("203.0.113." + (i & 0xFF))
        .userAgent(USER_AGENT)
        .browser("Chrome 131")
        .operatingSystem("Windows 10")
        .deviceType(DeviceType.DESKTOP)
        .build();
  }
}
