package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.SubjectSessions;
import dev.sessionkit.testkit.FakeClock;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * On a Redis Cluster, every key a subject's operations write (its sessions' hashes, its index, its
 * tag's due set and change stream) is in one hash slot, as Redis itself computes it (CLUSTER
 * KEYSLOT); and subjects of different tags land on every master.
 */
class RedisClusterPlacementTest {
  private static final int SUBJECTS = 48;

  @Test
  void everyKeyOfASubjectSharesOneSlotAndTheSubjectsSpreadOverAllMasters() {
    String prefix = TestRedis.freshPrefix();
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (RedisSessionStore store = TestRedisCluster.CLUSTER.store(prefix);
        StatefulRedisClusterConnection<byte[], byte[]> c = TestRedisCluster.connect()) {
      SessionService service = SessionService.builder(store).clock(clock).policy(SessionPolicy.builder()
          .maxSessionsPerSubject(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build()).build();
      for (int i = 0; i < SUBJECTS; i++) {
        exerciseEveryWrite(service, clock, "user" + i);
      }
      store.purgeExpired(clock.instant(), 100);

      RedisAdvancedClusterCommands<byte[], byte[]> redis = c.sync();
      Map<String, Set<Long>> slotsBySubject = new HashMap<>();
      for (byte[] key : TestRedis.keys(redis, prefix)) {
        String name = new String(key, StandardCharsets.UTF_8);
        String rest = name.substring(name.indexOf('}') + 1);
        long slot = redis.clusterKeyslot(key);
        if (rest.startsWith("s:")) {
          String subject = new String(redis.hget(key, new byte[] {'u'}), StandardCharsets.UTF_8);
          slotsBySubject.computeIfAbsent(subject, s -> new HashSet<>()).add(slot);
        } else if (rest.startsWith("u:")) {
          slotsBySubject.computeIfAbsent(rest.substring(2), s -> new HashSet<>()).add(slot);
        }
      }
      assertThat(slotsBySubject).hasSize(SUBJECTS);
      Set<String> masters = new TreeSet<>();
      for (Map.Entry<String, Set<Long>> subject : slotsBySubject.entrySet()) {
        int tag = SlotTags.ofSubject(subject.getKey());
        long due = redis.clusterKeyslot(new KeyLayout(prefix).due(tag));
        long changes = redis.clusterKeyslot(new KeyLayout(prefix).changes(tag));
        assertThat(subject.getValue()).as("slots of %s's sessions and index", subject.getKey())
            .containsExactly(due);
        assertThat(changes).isEqualTo(due);
        masters.add(TestRedisCluster.client().getPartitions().getPartitionBySlot((int) due).getNodeId());
      }
      Set<String> allMasters = new TreeSet<>();
      for (RedisClusterNode node : TestRedisCluster.client().getPartitions()) {
        if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
          allMasters.add(node.getNodeId());
        }
      }
      assertThat(allMasters).hasSize(3);
      assertThat(masters).as("masters holding some subject's keys").isEqualTo(allMasters);
      for (String master : allMasters) {
        assertThat(TestRedis.keys(c.getConnection(master).sync(), prefix))
            .as("keys on master %s", master).isNotEmpty();
      }
    } finally {
      TestRedisCluster.CLUSTER.deleteAll(prefix);
    }
  }

  /** Create, cap eviction, rotation, attributes, touch, list, revoke: every script on the subject. */
  private static void exerciseEveryWrite(SessionService service, FakeClock clock, String subject) {
    IssuedSession first = service.issue(subject, ClientInfo.empty());
    IssuedSession second = service.issue(subject, ClientInfo.empty());
    clock.advance(Duration.ofMinutes(2));
    String rotated = service.rotate(second.token().value()).token().value();
    service.issue(subject, ClientInfo.empty()); // evicts first
    SubjectSessions mine = service.forSubject(subject);
    mine.updateAttributes(second.session().id().value(), 2, Map.of("k", "v"));
    assertThat(service.validate(rotated).isValid()).isTrue();
    assertThat(service.validate(first.token().value()).isValid()).isFalse();
    assertThat(mine.list(Pagination.firstPage()).items()).hasSize(2);
    mine.revoke(second.session().id().value());
    assertThat(mine.count()).isEqualTo(1);
  }
}
