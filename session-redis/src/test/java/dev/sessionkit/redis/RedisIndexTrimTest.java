package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testsupport.Await;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Session keys that Redis itself expired (their deadline plus the retention passed, no purge ran,
 * no keyspace notification) leave index members behind only until the next write to the subject.
 */
class RedisIndexTrimTest {

  @Test
  void theNextWriteToTheSubjectDropsMembersWhoseKeysRedisExpired() {
    String prefix = TestRedis.freshPrefix();
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (RedisSessionStore store = RedisSessionStore.builder().client(TestRedis.client()).keyPrefix(prefix)
            .expiredRetention(Duration.ofMillis(1)).build();
        StatefulRedisConnection<String, String> c = TestRedis.client().connect()) {
      RedisCommands<String, String> redis = c.sync();
      SessionService service = SessionService.builder(store).clock(clock).policy(SessionPolicy.builder()
          .idleTimeout(Duration.ofMillis(300)).touchInterval(Duration.ofMillis(100)).build()).build();
      for (int i = 0; i < 3; i++) {
        service.issue("erin", ClientInfo.empty());
      }
      String slot = prefix + SlotTags.hashTag(SlotTags.ofSubject("erin"));
      String index = slot + "u:erin";
      Await.until("Redis expired the three session keys",
          () -> redis.keys(slot + "s:*").isEmpty(), Duration.ofSeconds(10));
      assertThat(redis.zcard(index)).as("no write yet: the members are still there").isEqualTo(3);

      clock.advance(Duration.ofSeconds(1));
      IssuedSession next = service.issue("erin", ClientInfo.empty());

      assertThat(redis.zrange(index, 0, -1)).containsExactly(next.session().id().value());
      assertThat(redis.zscore(slot + "due", "erin"))
          .isEqualTo((double) next.session().effectiveExpiresAt().toEpochMilli());
    } finally {
      TestRedis.deleteAll(prefix);
    }
  }
}
