package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionService;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scripts run by EVALSHA, and by EVAL when the server forgot them (restart, failover, SCRIPT FLUSH).
 * Subjects of every tag are issued sessions, so on a cluster every master has to load them again.
 */
class RedisScriptCacheTest {

  /** @return the Redis to run on; the cluster leaf overrides it */
  RedisTarget target() {
    return TestRedis.STANDALONE;
  }

  /** Makes every server forget its scripts. */
  void flushScripts() {
    try (StatefulRedisConnection<String, String> admin = TestRedis.client().connect()) {
      admin.sync().scriptFlush();
    }
  }

  @Test
  void aFlushedScriptCacheIsRefilledByTheNextCall() {
    String prefix = TestRedis.freshPrefix();
    try (RedisSessionStore store = target().store(prefix)) {
      SessionService service = SessionService.builder(store).build();
      List<IssuedSession> first = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        first.add(service.issue("user" + i, ClientInfo.empty()));
      }

      flushScripts();
      for (int i = 0; i < 64; i++) {
        IssuedSession second = service.issue("user" + i, ClientInfo.empty());
        assertThat(service.forSubject("user" + i).count()).isEqualTo(2);
        assertThat(service.validate(first.get(i).token().value()).isValid()).isTrue();
        assertThat(service.validate(second.token().value()).isValid()).isTrue();
      }
    } finally {
      target().deleteAll(prefix);
    }
  }
}
