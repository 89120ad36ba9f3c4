package dev.sessionkit.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

/**
 * The peer for the Redis store: Spring Session's {@link RedisIndexedSessionRepository} (the one with a
 * principal-name index) over Lettuce through spring-data-redis's {@link LettuceConnectionFactory},
 * set up as Spring Session's own configuration does (string keys and hash keys, JDK-serialized
 * values), under a key namespace of its own per run whose keys are deleted at close. Keyspace
 * notifications stay off (Redis's default), so no listener is registered, and Spring's cleanup job is
 * not scheduled ({@link #purgeExpired} runs it once).
 */
final class SpringRedisBackend extends SpringIndexedBackend {
  private final LettuceConnectionFactory factory;
  private final RedisIndexedSessionRepository spring;
  private final String namespace;
  /** For {@link #addExpired} and the deletion at close: ours, not Spring's. */
  private final RedisClient client;

  private record Parts(LettuceConnectionFactory factory, RedisIndexedSessionRepository spring, String namespace) {}

  SpringRedisBackend() {
    this(parts());
  }

  private SpringRedisBackend(Parts parts) {
    super(typed(parts.spring()));
    this.factory = parts.factory();
    this.spring = parts.spring();
    this.namespace = parts.namespace();
    this.client = RedisServer.client();
  }

  private static Parts parts() {
    RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(RedisServer.uri());
    LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
    factory.afterPropertiesSet();
    factory.start();
    RedisTemplate<String, Object> template = new RedisTemplate<>();
    template.setConnectionFactory(factory);
    template.setKeySerializer(new StringRedisSerializer());
    template.setHashKeySerializer(new StringRedisSerializer());
    template.afterPropertiesSet();
    // Not afterPropertiesSet(): that would schedule Spring's cleanup job in the middle of runs.
    RedisIndexedSessionRepository spring = new RedisIndexedSessionRepository(template);
    String namespace = RedisServer.uniqueName("sbench");
    spring.setRedisKeyNamespace(namespace);
    spring.setDefaultMaxInactiveInterval(Duration.ofDays(7));
    return new Parts(factory, spring, namespace);
  }

  /** The run's key namespace (Spring's keys start with it and a colon). */
  String namespace() {
    return namespace;
  }

  /** The repository, for the memory measurement's sessions with client info attributes. */
  RedisIndexedSessionRepository repository() {
    return spring;
  }

  /**
   * Sessions saved by Spring, whose keys are then expired by Redis: the state Spring's data reaches
   * {@code maxInactiveInterval} + 5 minutes after the last request (Spring lets the session hash
   * outlive the session by 5 minutes). With keyspace notifications off nothing removes their ids from
   * the principal-name index, which is what Spring's {@code findByPrincipalName} then reads. Key
   * names are Spring's own layout (namespace {@code :sessions:} id, and {@code :sessions:expires:} id);
   * each {@code PEXPIRE} must find its key, so a change of that layout fails here, not silently.
   */
  @Override
  public void addExpired(String subject, int count) {
    String[] keys = new String[2 * count];
    for (int i = 0; i < count; i++) {
      String id = issue(subject);
      keys[2 * i] = namespace + ":sessions:" + id;
      keys[2 * i + 1] = namespace + ":sessions:expires:" + id;
    }
    try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8)) {
      RedisCommands<String, String> redis = connection.sync();
      for (String key : keys) {
        if (!redis.pexpire(key, 1)) {
          throw new IllegalStateException("Spring Session's key layout changed: no key " + key);
        }
      }
      // Reading an expired key deletes it; the loop ends once Redis holds none of them.
      while (redis.exists(keys) > 0) {
        LockSupport.parkNanos(1_000_000);
      }
    }
  }

  /** Spring's cleanup returns nothing; -1 says "not counted" (counting would add to the time). */
  @Override
  public int purgeExpired() {
    spring.cleanUpExpiredSessions();
    return -1;
  }

  @Override
  public void close() {
    factory.destroy();
    RedisServer.deleteKeys(client, namespace);
    client.shutdown();
  }

  @SuppressWarnings("unchecked")
  private static FindByIndexNameSessionRepository<Session> typed(RedisIndexedSessionRepository spring) {
    return (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) spring;
  }
}
