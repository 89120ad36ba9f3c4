package dev.sessionkit.benchmarks;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionService;
import dev.sessionkit.caffeine.CaffeineSessionStore;
import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jol.info.GraphStats;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

/**
 * Bytes per session held in memory, measured by walking the object graph with JOL: the Caffeine store
 * at N sessions (1,000,000 by default, the first argument overrides), and Spring Session's {@code
 * MapSessionRepository} holding the same sessions (principal name, IP and user agent as attributes),
 * and the near-cache's share of a copy per session.
 *
 * <p>"Beyond the session's own fields" is the store's graph minus the graph of the {@code Session}
 * records themselves (their ids, strings, instants, client info): what the store adds per session, i.e.
 * the secret hash, the holder, Caffeine's node and table slot, and the per-user index entry. Strings
 * are fresh per session, as they are when they come from requests.
 *
 * <p>Run: {@code java -Xmx8g -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar
 * dev.sessionkit.benchmarks.MemoryFootprint}
 */
public final class MemoryFootprint {
  static {
    // JOL's default way to find field offsets is refused by JDK 17's strong encapsulation.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private MemoryFootprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Report ours = caffeine(n);
    Report near = nearCache(n);
    Report spring = springMap(n);
    System.out.printf(
        Locale.ROOT,
        "NEAR_CACHE copies: %,.1f bytes/session beyond the session's own fields (the cache's nodes,"
            + " the holder and the secret hash)%n",
        (near.total - near.sessions) / n);
    System.out.printf(
        Locale.ROOT,
        "Sessions: %,d%n"
            + "CAFFEINE store: %,.1f bytes/session in all; session records alone %,.1f; store overhead"
            + " beyond the session's own fields %,.1f bytes/session%n"
            + "SPRING_MAP (MapSessionRepository): %,.1f bytes/session in all%n"
            + "Ratio CAFFEINE/SPRING_MAP in all: %.2f%n",
        n,
        ours.total / n,
        ours.sessions / n,
        (ours.total - ours.sessions) / n,
        spring.total / n,
        ours.total / spring.total);
  }

  /** The size in bytes of everything reachable from {@code root}, the root included. */
  static double bytes(Object root) {
    // Wrapped: JOL's varargs would otherwise take an array argument as a list of roots.
    return GraphStats.parseInstance(new Object[] {root}).totalSize();
  }

  static Report caffeine(int n) {
    BenchClock clock = new BenchClock();
    // Maintenance on the calling thread: the graph walk must not wander into the common pool.
    SessionStore empty =
        CaffeineSessionStore.builder().maximumSize(Impl.MAX_SESSIONS).clock(clock).executor(Runnable::run).build();
    SessionStore store =
        CaffeineSessionStore.builder().maximumSize(Impl.MAX_SESSIONS).clock(clock).executor(Runnable::run).build();
    SessionService service = SessionService.builder(store).clock(clock).build();
    Session[] sessions = new Session[n];
    for (int i = 0; i < n; i++) {
      sessions[i] = service.issue(subject(i, n), client(i)).session();
    }
    double total = bytes(store) - bytes(empty);
    double records = bytes(sessions) - bytes(new Session[n]);
    return new Report(total, records);
  }

  /**
   * The near-cache holding a copy of each of {@code n} sessions. Its copies are loaded from a Caffeine
   * store, so the graph walk would find the same objects from both: the near-cache's own share is its
   * graph minus the delegate's, plus the holder and hash of each copy (which a database-backed
   * delegate makes anew for every load).
   */
  static Report nearCache(int n) {
    BenchClock clock = new BenchClock();
    SessionStore delegate =
        CaffeineSessionStore.builder().maximumSize(Impl.MAX_SESSIONS).clock(clock).executor(Runnable::run).build();
    SessionService service = SessionService.builder(delegate).clock(clock).build();
    SessionId[] ids = new SessionId[n];
    Session[] sessions = new Session[n];
    for (int i = 0; i < n; i++) {
      sessions[i] = service.issue(subject(i, n), client(i)).session();
      ids[i] = sessions[i].id();
    }
    NearCacheSessionStore near = NearCacheSessionStore.builder(delegate)
        .invalidationSource(listener -> {})
        .maximumSize(Impl.MAX_SESSIONS)
        .clock(clock)
        .executor(Runnable::run)
        .build();
    StoredSession[] copies = new StoredSession[n];
    for (int i = 0; i < n; i++) {
      copies[i] = Objects.requireNonNull(near.findById(ids[i]));
    }
    double cacheStructure = bytes(near) - bytes(delegate);
    double holdersAndHashes =
        (bytes(copies) - bytes(new StoredSession[n])) - (bytes(sessions) - bytes(new Session[n]));
    near.close();
    return new Report(cacheStructure + holdersAndHashes, 0);
  }

  static Report springMap(int n) {
    ConcurrentHashMap<String, org.springframework.session.Session> map = new ConcurrentHashMap<>();
    MapSessionRepository repository = new MapSessionRepository(map);
    repository.setDefaultMaxInactiveInterval(Duration.ofDays(7));
    for (int i = 0; i < n; i++) {
      MapSession session = repository.createSession();
      session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, subject(i, n));
      session.setAttribute("ip", new String("203.0.113." + (i & 0xFF)));
      session.setAttribute("userAgent", new String(SessionkitBackend.USER_AGENT));
      repository.save(session);
    }
    return new Report(bytes(map), Double.NaN);
  }

  private static String subject(int i, int n) {
    return "user-" + (i % Math.max(1, n / Fixtures.SESSIONS_PER_USER));
  }

  private static ClientInfo client(int i) {
    return ClientInfo.builder()
        .ipAddress("203.0.113." + (i & 0xFF))
        .userAgent(new String(SessionkitBackend.USER_AGENT))
        .build();
  }

  record Report(double total, double sessions) {}
}
