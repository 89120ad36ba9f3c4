package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionService;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

/** Scripts run by EVALSHA, and by EVAL when the server forgot them (restart, failover, SCRIPT FLUSH). */
class RedisScriptCacheTest {

  @Test
  void aFlushedScriptCacheIsRefilledByTheNextCall() {
    String prefix = TestRedis.freshPrefix();
    try (RedisSessionStore store = TestRedis.store(prefix);
        StatefulRedisConnection<String, String> admin = TestRedis.client().connect()) {
      SessionService service = SessionService.builder(store).build();
      IssuedSession first = service.issue("alice", ClientInfo.empty());

      admin.sync().scriptFlush();
      IssuedSession second = service.issue("alice", ClientInfo.empty());

      assertThat(service.forSubject("alice").count()).isEqualTo(2);
      assertThat(service.validate(first.token().value()).isValid()).isTrue();
      assertThat(service.validate(second.token().value()).isValid()).isTrue();
    } finally {
      TestRedis.deleteAll(prefix);
    }
  }
}
