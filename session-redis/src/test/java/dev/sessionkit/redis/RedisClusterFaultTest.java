package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.SessionId;
import dev.sessionkit.testsupport.Await;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Fail-closed on a Redis Cluster: a master that stops answering (CLIENT PAUSE on the master of the
 * subject's slot) makes every call on that slot fail with STORE_UNAVAILABLE within the command
 * timeout, and the store answers again once the master does; a cluster that cannot be reached at
 * all fails the build the same way.
 */
class RedisClusterFaultTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration SLACK = Duration.ofSeconds(1);
  private static final InvalidationListener IGNORED = new InvalidationListener() {
    @Override
    public void invalidate(SessionId id) {}

    @Override
    public void invalidateAll() {}
  };

  @Test
  void callsOnAStalledMasterFailClosedWithinTheTimeoutAndRecover() {
    String prefix = TestRedis.freshPrefix();
    try (RedisSessionStore store = TestRedisCluster.CLUSTER.storeBuilder().keyPrefix(prefix)
            .commandTimeout(TIMEOUT).build();
        RedisInvalidationSource source = TestRedisCluster.CLUSTER.sourceBuilder().keyPrefix(prefix)
            .commandTimeout(TIMEOUT).build();
        StatefulRedisClusterConnection<byte[], byte[]> admin = TestRedisCluster.connect()) {
      SessionService service = SessionService.builder(store).build();
      IssuedSession kept = service.issue("alice", ClientInfo.empty());
      IssuedSession other = service.issue("alice", ClientInfo.empty());
      String token = kept.token().value();
      int slot = admin.sync().clusterKeyslot(new KeyLayout(prefix).index("alice")).intValue();
      String master = TestRedisCluster.client().getPartitions().getPartitionBySlot(slot).getNodeId();

      admin.getConnection(master).sync().clientPause(3_000);
      failsClosed(token, () -> service.validate(token));
      failsClosed(token, () -> service.issue("alice", ClientInfo.empty()));
      failsClosed(token, () -> service.forSubject("alice").count());
      // A call that timed out may still run when the master resumes: revoke the other session.
      failsClosed(token, () -> service.forSubject("alice").revoke(other.session().id().value()));
      failsClosed(token, () -> source.poll(IGNORED));

      Await.until("the master answers again", () -> {
        try {
          return service.validate(token).isValid();
        } catch (SessionException stillPaused) {
          return false;
        }
      }, Duration.ofSeconds(20));
      assertThat(service.forSubject("alice").list(dev.sessionkit.Pagination.firstPage()).items())
          .extracting(s -> s.id()).contains(kept.session().id());
    } finally {
      TestRedisCluster.CLUSTER.deleteAll(prefix);
    }
  }

  @Test
  void anUnreachableClusterFailsTheBuildWithStoreUnavailable() {
    List<String> nowhere = List.of("redis://127.0.0.1:1");
    for (ThrowingCallable build : List.<ThrowingCallable>of(
        () -> RedisSessionStore.builder().clusterUris(nowhere).commandTimeout(TIMEOUT).build(),
        () -> RedisInvalidationSource.builder().clusterUris(nowhere).commandTimeout(TIMEOUT).build())) {
      SessionException e = catchThrowableOfType(SessionException.class, build);
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }
  }

  private static void failsClosed(String token, ThrowingCallable call) {
    long began = System.nanoTime();
    SessionException e = catchThrowableOfType(SessionException.class, call);
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertThat(e).as("a call on the stalled master fails closed").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(took).as("how long the failed call took").isLessThan(TIMEOUT.plus(SLACK));
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(token.substring(23));
    }
  }
}
