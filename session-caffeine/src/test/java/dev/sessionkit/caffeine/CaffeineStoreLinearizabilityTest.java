package dev.sessionkit.caffeine;

import dev.sessionkit.testkit.ReferenceSessionStore;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the Caffeine store (Lincheck): every concurrent history of creates under a cap,
 * lookups, touches, rotations, attribute updates, revokes, counts and lists must be explainable as
 * some sequential history of the reference store, the SPI written plainly. Stress testing runs real
 * threads; model checking explores interleavings at every shared-memory access and lock.
 */
@Tag("slow") // left out of mutation testing: many threads, real waits
public class CaffeineStoreLinearizabilityTest extends StoreOperations {
  public CaffeineStoreLinearizabilityTest() {
    super(CaffeineSessionStore.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .executor(Runnable::run)
        .build());
  }

  /** The sequential model: the same operations on the reference store. */
  public static final class Reference extends StoreOperations {
    public Reference() {
      super(new ReferenceSessionStore());
    }
  }

  @Test
  void stress() {
    new StressOptions()
        .iterations(50)
        .invocationsPerIteration(2_000)
        .threads(3)
        .actorsPerThread(3)
        .sequentialSpecification(Reference.class)
        .check(getClass());
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions()
        .iterations(30)
        .invocationsPerIteration(500)
        .threads(2)
        .actorsPerThread(3)
        .sequentialSpecification(Reference.class)
        .check(getClass());
  }
}
