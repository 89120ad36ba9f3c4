package dev.sessionkit.caffeine;

import dev.sessionkit.SessionId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The ids of one subject's sessions, compact and O(1) per operation at any count. Not thread-safe:
 * the subject's lock guards it.
 *
 * <p>Up to {@link #PACKED_MAX} ids sit packed at the front of an array of the next power of two (4
 * sessions: 4 slots), and are found by a scan of at most 8. Beyond that the array is an
 * open-addressing table with linear probing, at most 3/4 full, grown and shrunk by powers of two, so
 * add, remove and contains stay constant-time for a subject with 10,000 sessions too. Removal in the
 * table shifts later entries back (no tombstones), so a table never fills up with dead slots. The
 * table keeps each id's hash in a parallel array (as ConcurrentHashMap keeps it in its nodes): a
 * probe past other ids compares ints instead of loading each id and its string, up to three cache
 * misses per probe in a large table. Packed sets have no such array: small subjects pay nothing.
 */
final class SessionIdSet implements Iterable<SessionId> {
  /** The most ids kept packed; more make the array a hash table. */
  static final int PACKED_MAX = 8;

  private static final @Nullable SessionId[] EMPTY = {};
  private static final int[] PACKED = {};

  private @Nullable SessionId[] slots = EMPTY;
  /** In a table, the spread hash of the id in each slot; empty while packed. */
  private int[] hashes = PACKED;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** For tests: the length of the backing array. */
  int capacity() {
    return slots.length;
  }

  boolean contains(SessionId id) {
    return indexOf(id) >= 0;
  }

  /** @return false when the id was there already */
  boolean add(SessionId id) {
    if (contains(id)) {
      return false;
    }
    if (capacityFor(size + 1) > slots.length) {
      rebuild(size + 1);
    }
    insert(id);
    size++;
    return true;
  }

  /** @return false when the id was not there */
  boolean remove(SessionId id) {
    int i = indexOf(id);
    if (i < 0) {
      return false;
    }
    if (isHashed()) {
      deleteShifting(i);
      size--;
      if (size <= slots.length / 8) {
        rebuild(size);
      }
    } else {
      size--;
      slots[i] = slots[size];
      slots[size] = null;
    }
    return true;
  }

  /** A copy, for callers that change the set while they walk its ids. */
  List<SessionId> toList() {
    List<SessionId> copy = new ArrayList<>(size);
    for (SessionId id : this) {
      copy.add(id);
    }
    return copy;
  }

  /** Walks the ids in no order; the set must not change meanwhile. */
  @Override
  public Iterator<SessionId> iterator() {
    return new Iterator<>() {
      private int next = skipEmpty(0);

      @Override
      public boolean hasNext() {
        return next < slots.length;
      }

      @Override
      public SessionId next() {
        if (next >= slots.length) {
          throw new NoSuchElementException();
        }
        SessionId id = slots[next];
        next = skipEmpty(next + 1);
        return java.util.Objects.requireNonNull(id);
      }
    };
  }

  private int skipEmpty(int from) {
    int i = from;
    while (i < slots.length && slots[i] == null) {
      i++;
    }
    return i;
  }

  private boolean isHashed() {
    return slots.length > PACKED_MAX;
  }

  /** The array length that holds {@code count} ids: the next power of two, or twice as many slots past {@link #PACKED_MAX} once that is more than 3/4 full. */
  static int capacityFor(int count) {
    if (count <= 1) {
      return count;
    }
    int capacity = Integer.highestOneBit(count - 1) << 1;
    if (capacity <= PACKED_MAX) {
      return capacity;
    }
    return count > capacity / 4 * 3 ? capacity << 1 : capacity;
  }

  private void rebuild(int count) {
    @Nullable SessionId[] old = slots;
    int capacity = capacityFor(count);
    slots = new SessionId[capacity];
    hashes = capacity > PACKED_MAX ? new int[capacity] : PACKED;
    int packed = 0;
    for (SessionId id : old) {
      if (id != null) {
        if (isHashed()) {
          insert(id);
        } else {
          slots[packed++] = id;
        }
      }
    }
  }

  /** Puts an id that is not there into a free slot; the array has room. */
  private void insert(SessionId id) {
    if (!isHashed()) {
      slots[size] = id;
      return;
    }
    int mask = slots.length - 1;
    int hash = spread(id);
    int i = hash & mask;
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = id;
    hashes[i] = hash;
  }

  private int indexOf(SessionId id) {
    if (!isHashed()) {
      for (int i = 0; i < size; i++) {
        if (id.equals(slots[i])) {
          return i;
        }
      }
      return -1;
    }
    int mask = slots.length - 1;
    int hash = spread(id);
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      SessionId at = slots[i];
      if (at == null) {
        return -1;
      }
      if (hashes[i] == hash && at.equals(id)) {
        return i;
      }
    }
  }

  /** Empties slot {@code hole}, moving back each later entry of the run whose home allows it. */
  private void deleteShifting(int removed) {
    int mask = slots.length - 1;
    int hole = removed;
    for (int j = (removed + 1) & mask; ; j = (j + 1) & mask) {
      SessionId at = slots[j];
      if (at == null) {
        break;
      }
      int home = hashes[j] & mask;
      // It may fill the hole when its home is not between the hole (exclusive) and j, cyclically.
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        slots[hole] = at;
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    slots[hole] = null;
  }

  private static int spread(SessionId id) {
    int h = id.hashCode();
    return h ^ (h >>> 16);
  }
}
