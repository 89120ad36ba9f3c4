package dev.sessionkit.jdbc;

import dev.sessionkit.testkit.TestFigures;
import org.junit.jupiter.api.Test;

/** Three near-cached nodes on one in-memory H2 database: no notifications, the poll alone. */
class H2PropagationTest extends AbstractPropagationTest {
  private static final TestFigures FIGURES = TestFigures.of(H2PropagationTest.class);

  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }

  @Override
  TestFigures figures() {
    return FIGURES;
  }

  @Test
  void otherNodesRefuseRevokedTokensWithinTheBoundByPollingAlone() {
    measure("H2, polling the change log", false, () -> {});
  }
}
