package dev.sessionkit.caffeine;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The store's operations as a linearizability checker calls them: small integer parameters pick one
 * of six session ids (three per subject) and one of three secret hashes, and every result is a plain
 * value (a string or a number) so that a concurrent history can be compared with a sequential one.
 * The clock stands still: expiry is not what this checks, atomicity is.
 */
@Param(name = "id", gen = IntGen.class, conf = "0:5")
@Param(name = "subject", gen = IntGen.class, conf = "0:1")
@Param(name = "hash", gen = IntGen.class, conf = "0:2")
@Param(name = "version", gen = IntGen.class, conf = "1:3")
public abstract class StoreOperations {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] SUBJECTS = {"alice", "bob"};
  private static final SubjectCap CAP = new SubjectCap(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);

  private final SessionStore store;

  protected StoreOperations(SessionStore store) {
    this.store = store;
  }

  private static SessionId id(int i) {
    return SessionId.of("AAAAAAAAAAAAAAAAAAAA" + "ABCDEF".charAt(i) + "A");
  }

  /** Ids 0-2 belong to alice, 3-5 to bob. */
  private static String owner(int i) {
    return SUBJECTS[i / 3];
  }

  private static byte[] hash(int h) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) (h + 1));
    return bytes;
  }

  private static String ids(List<Session> sessions) {
    return sessions.stream().map(s -> s.id().value().substring(20, 21)).sorted().toList().toString();
  }

  @Operation
  public String create(@Param(name = "id") int i) {
    // Created one millisecond apart by id, so the cap's least-recently-used order is fixed.
    Instant at = NOW.plusMillis(i);
    Session s = new Session(id(i), owner(i), at, at, NOW.plusSeconds(3600), NOW.plusSeconds(600), 1,
        ClientInfo.empty(), Map.of());
    try {
      CreateOutcome outcome = store.create(new StoredSession(s, hash(0)), CAP, NOW);
      return outcome.created() ? "evicted " + ids(outcome.evicted()) : "refused";
    } catch (SessionException e) {
      return e.code().name();
    }
  }

  @Operation
  public String find(@Param(name = "id") int i) {
    StoredSession found = store.findById(id(i));
    return found == null ? "none" : "v" + found.session().version() + " h" + found.secretHash()[0];
  }

  @Operation
  public boolean touch(@Param(name = "id") int i) {
    return store.touch(id(i), NOW.plusMillis(10), NOW.plusSeconds(700)).isPresent();
  }

  @Operation
  public String rotate(@Param(name = "id") int i, @Param(name = "hash") int from, @Param(name = "hash") int to) {
    return store.rotate(id(i), hash(from), hash(to), NOW.plusMillis(20), NOW.plusSeconds(800))
        .map(s -> "v" + s.version()).orElse("none");
  }

  @Operation
  public String updateAttributes(@Param(name = "subject") int subject, @Param(name = "id") int i,
      @Param(name = "version") int version) {
    AttributeUpdate update = store.updateAttributes(SUBJECTS[subject], id(i), version, Map.of("v", "" + version), NOW);
    Session updated = update.session();
    return updated != null ? "v" + updated.version() : update.isConflict() ? "conflict" : "none";
  }

  @Operation
  public String revoke(@Param(name = "subject") int subject, @Param(name = "id") int i) {
    return ids(store.revoke(SUBJECTS[subject], List.of(id(i))));
  }

  @Operation
  public String revokeAllBut(@Param(name = "subject") int subject, @Param(name = "id") int keep) {
    return ids(store.revokeAll(SUBJECTS[subject], id(keep)));
  }

  @Operation
  public long count(@Param(name = "subject") int subject) {
    return store.count(SUBJECTS[subject], NOW);
  }

  @Operation
  public String list(@Param(name = "subject") int subject) {
    return store.list(new SessionQuery(SUBJECTS[subject], NOW, SortField.CREATED, SortDirection.ASCENDING, 0, 10, null))
        .stream().map(s -> s.id().value().substring(20, 21) + s.version()).toList().toString();
  }
}
