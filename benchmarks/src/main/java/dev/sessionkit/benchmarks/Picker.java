package dev.sessionkit.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Picks array indexes at random, per thread, without allocating or sharing a cache line: a xorshift
 * step and a multiply-shift into range (no division). Each benchmark thread gets its own seed, so two
 * threads do not walk the same sequence.
 */
@State(Scope.Thread)
public class Picker {
  private int x;

  @Setup
  public void seed() {
    x = ThreadLocalRandom.current().nextInt() | 1;
  }

  /**
   * @param n the bound, positive
   * @return a pseudo-random index in {@code [0, n)}
   */
  public int next(int n) {
    int v = x;
    v ^= v << 13;
    v ^= v >>> 17;
    v ^= v << 5;
    x = v;
    return (int) (((v & 0xFFFF_FFFFL) * n) >>> 32);
  }
}
