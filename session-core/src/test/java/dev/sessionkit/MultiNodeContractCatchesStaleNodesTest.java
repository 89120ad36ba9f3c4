package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.testkit.MultiNodeContract;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The multi-node contract can fail: a second node that caches lookups forever (the near-cache
 * without invalidation that the contract exists to stop) fails it, through the JUnit launcher.
 */
class MultiNodeContractCatchesStaleNodesTest {

  /** Remembers every session it found, and never forgets: revokes on the other node go unseen. */
  static final class StaleCache extends ForwardingSessionStore {
    private final Map<SessionId, StoredSession> seen = new ConcurrentHashMap<>();

    StaleCache(SessionStore delegate) {
      super(delegate);
    }

    @Override
    public @Nullable StoredSession findById(SessionId id) {
      StoredSession cached = seen.get(id);
      if (cached != null) {
        return cached;
      }
      StoredSession found = super.findById(id);
      if (found != null) {
        seen.put(id, found);
      }
      return found;
    }
  }

  /** Runs only through the launcher below (its name keeps surefire from picking it up). */
  static class StaleSecondNode extends MultiNodeContract {
    @Override
    public SessionStore newStore(Clock clock) {
      return new ReferenceSessionStore();
    }

    @Override
    public SessionStore newNodeOf(SessionStore first, Clock clock) {
      return new StaleCache(first);
    }
  }

  @Test
  void aNodeThatNeverForgetsFailsTheContract() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(StaleSecondNode.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();

    assertThat(summary.getTestsFoundCount()).isGreaterThanOrEqualTo(9);
    assertThat(summary.getFailures())
        .extracting(failure -> failure.getTestIdentifier().getDisplayName())
        .as("the checks that a revoke and a rotation reach the other node")
        .contains("aSessionRevokedOnOneNodeIsRejectedOnTheOther()",
            "aRotationOnOneNodeKillsTheOldTokenOnTheOther()",
            "revokingAllOthersAndAListOnOneNodeReachesTheOther()");
  }
}
