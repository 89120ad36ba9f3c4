package dev.sessionkit.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a {@link JdbcInvalidationSource} stands in the change log. Sequences are handed out in order
 * but commit out of order, and a rollback leaves a hole for good: so the position is the highest
 * sequence up to which every sequence is settled (read, or given up on as a hole), and the sequences
 * read above it are remembered, each with the time it was first read, so that rereading from the
 * position delivers none of them twice.
 *
 * <p>A hole below a read sequence has been open at least since that sequence was first read. Once that
 * is longer ago than the gap timeout (which exceeds any write transaction), the hole is taken for a
 * rollback and passed over; the caller cannot prove that nothing was missed there and says so with
 * {@code invalidateAll}.
 */
final class ChangeLogCursor {
  private long position;
  private final TreeMap<Long, Instant> readAbove = new TreeMap<>();

  /**
   * @param position every sequence up to here is settled
   * @param readAbove sequences above it already read (or, at a start, already logged: not delivered)
   * @param now when they were read
   */
  ChangeLogCursor(long position, Iterable<Long> readAbove, Instant now) {
    this.position = position;
    for (long seq : readAbove) {
      if (seq > position) {
        this.readAbove.put(seq, now);
      }
    }
  }

  long position() {
    return position;
  }

  /** The sequences read above the position, lowest first. */
  Iterable<Long> readAbove() {
    return readAbove.keySet();
  }

  /**
   * Notes a sequence read from the log.
   *
   * @return true the first time it is read (deliver it), false when it was read or settled before
   */
  boolean firstRead(long seq, Instant now) {
    if (seq <= position || readAbove.containsKey(seq)) {
      return false;
    }
    readAbove.put(seq, now);
    return true;
  }

  /**
   * Moves the position over the sequences read right above it, and over holes open longer than
   * {@code gapTimeout}.
   *
   * @return true when a hole was passed over
   */
  boolean advance(Instant now, Duration gapTimeout) {
    boolean passedHole = false;
    while (!readAbove.isEmpty()) {
      Map.Entry<Long, Instant> lowest = readAbove.firstEntry();
      if (lowest.getKey() != position + 1) {
        if (Duration.between(lowest.getValue(), now).compareTo(gapTimeout) <= 0) {
          break; // a transaction may still hold the missing sequence
        }
        passedHole = true;
      }
      position = lowest.getKey();
      readAbove.pollFirstEntry();
    }
    return passedHole;
  }
}
