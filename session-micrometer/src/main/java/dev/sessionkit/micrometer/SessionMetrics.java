package dev.sessionkit.micrometer;

import dev.sessionkit.InvalidTokenReason;
import dev.sessionkit.RevocationReason;
import dev.sessionkit.Session;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionService;
import dev.sessionkit.SessionServiceBuilder;
import dev.sessionkit.spi.SessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts session events into a {@link MeterRegistry}: register it with {@link
 * SessionServiceBuilder#listener}. Every counter is registered when this listener is made, so the
 * request path ({@link #tokenAccepted}, {@link #tokenRejected}) increments a counter held in a field
 * or an array slot: no registry lookup, no allocation.
 *
 * <p>The meters, in Micrometer's naming (Prometheus shows them with {@code _} and a {@code _total}
 * suffix):
 *
 * <ul>
 *   <li>{@value #ISSUED}: sessions issued;
 *   <li>{@value #VALIDATIONS}, tagged {@code outcome}: {@code valid} for each token {@link
 *       SessionService#validate} accepted, and {@code malformed}, {@code unknown}, {@code
 *       wrong_secret}, {@code expired} for each token refused (by validate, or by the check {@link
 *       SessionService#rotate} makes first);
 *   <li>{@value #ROTATIONS}: secrets rotated;
 *   <li>{@value #REVOKED}, tagged {@code reason}: one of {@link RevocationReason} in lower case
 *       ({@code logout}, {@code revoked_by_user}, {@code revoked_by_admin}, {@code cap_eviction},
 *       {@code all_of_subject});
 *   <li>{@value #PURGED}: expired sessions deleted by purges;
 *   <li>{@value #CAP_EVICTIONS}: sessions pushed out by a login at the subject's cap (also counted
 *       under {@value #REVOKED} with reason {@code cap_eviction});
 *   <li>{@value #CAP_REFUSALS}: logins refused at the subject's cap.
 * </ul>
 *
 * No meter is tagged with a subject or a session id: that would make one time series per user, and
 * put who-is-online in the metrics store.
 *
 * <p>Store call latency and the stored-sessions gauge come from {@link MeteredSessionStore}; {@link
 * #instrument} sets up both.
 */
public final class SessionMetrics implements SessionListener {
  /** Counter of sessions issued. */
  public static final String ISSUED = "sessionkit.sessions.issued";
  /** Counter of token checks, tagged {@value #OUTCOME}. */
  public static final String VALIDATIONS = "sessionkit.sessions.validations";
  /** Counter of rotations. */
  public static final String ROTATIONS = "sessionkit.sessions.rotations";
  /** Counter of revoked sessions, tagged {@value #REASON}. */
  public static final String REVOKED = "sessionkit.sessions.revoked";
  /** Counter of expired sessions deleted by purges. */
  public static final String PURGED = "sessionkit.sessions.purged";
  /** Counter of sessions evicted by a login at the subject's cap. */
  public static final String CAP_EVICTIONS = "sessionkit.sessions.cap.evictions";
  /** Counter of logins refused at the subject's cap. */
  public static final String CAP_REFUSALS = "sessionkit.sessions.cap.refusals";
  /** The tag of {@value #VALIDATIONS}. */
  public static final String OUTCOME = "outcome";
  /** The tag of {@value #REVOKED}. */
  public static final String REASON = "reason";
  /** The {@value #OUTCOME} of an accepted token. */
  public static final String VALID = "valid";

  private static final String VALIDATIONS_HELP = "Tokens checked, by outcome";

  private final Counter issued;
  private final Counter valid;
  /** By {@link InvalidTokenReason#ordinal()}. */
  private final Counter[] refused;
  private final Counter rotations;
  /** By {@link RevocationReason#ordinal()}. */
  private final Counter[] revoked;
  private final Counter purged;
  private final Counter capEvictions;
  private final Counter capRefusals;

  private SessionMetrics(MeterRegistry registry, Tags tags) {
    issued = counter(registry, ISSUED, "Sessions issued", tags);
    valid = counter(registry, VALIDATIONS, VALIDATIONS_HELP, tags.and(OUTCOME, VALID));
    InvalidTokenReason[] reasons = InvalidTokenReason.values();
    refused = new Counter[reasons.length];
    for (InvalidTokenReason reason : reasons) {
      refused[reason.ordinal()] =
          counter(registry, VALIDATIONS, VALIDATIONS_HELP, tags.and(OUTCOME, tagValue(reason)));
    }
    rotations = counter(registry, ROTATIONS, "Session secrets rotated", tags);
    RevocationReason[] why = RevocationReason.values();
    revoked = new Counter[why.length];
    for (RevocationReason reason : why) {
      revoked[reason.ordinal()] =
          counter(registry, REVOKED, "Sessions revoked, by reason", tags.and(REASON, tagValue(reason)));
    }
    purged = counter(registry, PURGED, "Expired sessions deleted by purges", tags);
    capEvictions =
        counter(registry, CAP_EVICTIONS, "Sessions evicted by a login at the subject's cap", tags);
    capRefusals = counter(registry, CAP_REFUSALS, "Logins refused at the subject's cap", tags);
  }

  /**
   * Registers the session counters and returns the listener that feeds them.
   *
   * @param registry where the counters live
   * @param tags tags added to every counter (an application or instance name, say); never a
   *     subject or a session id
   * @return the listener, for {@link SessionServiceBuilder#listener}
   */
  public static SessionMetrics listener(MeterRegistry registry, Tag... tags) {
    return listener(registry, Tags.of(tags));
  }

  /**
   * Registers the session counters and returns the listener that feeds them.
   *
   * @param registry where the counters live
   * @param tags tags added to every counter
   * @return the listener, for {@link SessionServiceBuilder#listener}
   */
  public static SessionMetrics listener(MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    return new SessionMetrics(registry, Tags.of(Objects.requireNonNull(tags, "tags")));
  }

  /**
   * Installs both parts in one call: the store, wrapped to time its calls and gauge its size, and the
   * listener. Build the service on {@link Instrumented#store()} (not on the unwrapped store) and
   * register {@link Instrumented#listener()}, or start from {@link Instrumented#serviceBuilder()},
   * which does both; close {@link Instrumented#store()} with the application.
   *
   * @param store the application's store
   * @param registry where the meters live
   * @param tags tags added to every meter
   * @return the metered store and the listener
   */
  public static Instrumented instrument(SessionStore store, MeterRegistry registry, Tag... tags) {
    Tags common = Tags.of(tags);
    return new Instrumented(new MeteredSessionStore(store, registry, common), listener(registry, common));
  }

  /**
   * The two parts {@link #instrument} sets up.
   *
   * @param store the application's store behind a {@link MeteredSessionStore}
   * @param listener the session counters
   */
  public record Instrumented(MeteredSessionStore store, SessionMetrics listener) {
    /**
     * @param store the metered store
     * @param listener the listener
     */
    public Instrumented {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(listener, "listener");
    }

    /**
     * A service builder on the metered store with the listener registered; set the policy, clock and
     * anything else as usual.
     *
     * @return a new builder
     */
    public SessionServiceBuilder serviceBuilder() {
      return SessionService.builder(store).listener(listener);
    }
  }

  /** Counts an issued session. */
  @Override
  public void sessionCreated(Session session) {
    issued.increment();
  }

  /** Counts a rotation. */
  @Override
  public void sessionRotated(Session session) {
    rotations.increment();
  }

  /** Counts a revoked session by reason; a cap eviction also counts as one. */
  @Override
  public void sessionRevoked(Session session, RevocationReason reason) {
    revoked[reason.ordinal()].increment();
    if (reason == RevocationReason.CAP_EVICTION) {
      capEvictions.increment();
    }
  }

  /** Counts a valid token: one increment of a counter held in a field. */
  @Override
  public void tokenAccepted(Session session) {
    valid.increment();
  }

  /** Counts a refused token by reason: one increment of a counter held in an array slot. */
  @Override
  public void tokenRejected(InvalidTokenReason reason) {
    refused[reason.ordinal()].increment();
  }

  /** Counts a login refused at the subject's cap (the subject is not recorded). */
  @Override
  public void issueRefused(String subject) {
    capRefusals.increment();
  }

  /** Adds a purge's deleted sessions. */
  @Override
  public void expiredSessionsPurged(int removed, Duration elapsed) {
    purged.increment(removed);
  }

  @Override
  public String toString() {
    return "SessionMetrics";
  }

  private static Counter counter(MeterRegistry registry, String name, String help, Tags tags) {
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }

  /** {@code WRONG_SECRET} becomes {@code wrong_secret}. */
  static String tagValue(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
