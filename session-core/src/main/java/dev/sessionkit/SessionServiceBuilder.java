package dev.sessionkit;

import dev.sessionkit.internal.TokenGenerator;
import dev.sessionkit.spi.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link SessionService}. Setters check their argument at once; {@link #build()} returns
 * an immutable, thread-safe service. Obtain one with {@link SessionService#builder(SessionStore)}.
 */
public final class SessionServiceBuilder {
  private final SessionStore store;
  private SessionPolicy policy = SessionPolicy.defaults();
  private Clock clock = Clock.systemUTC();
  private final List<SessionListener> listeners = new ArrayList<>();
  private UserAgentParser userAgentParser = UserAgentParser.NONE;
  private @Nullable SecureRandom secureRandom;

  SessionServiceBuilder(SessionStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @param sessionPolicy lifetimes, throttling, caps and limits
   * @return this builder
   */
  public SessionServiceBuilder policy(SessionPolicy sessionPolicy) {
    policy = Objects.requireNonNull(sessionPolicy, "policy");
    return this;
  }

  /**
   * @param timeSource the source of all time decisions; tests pass a clock they move by hand
   * @return this builder
   */
  public SessionServiceBuilder clock(Clock timeSource) {
    clock = Objects.requireNonNull(timeSource, "clock");
    return this;
  }

  /**
   * Adds a listener; listeners are called in the order added.
   *
   * @param listener the listener
   * @return this builder
   */
  public SessionServiceBuilder listener(SessionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * @param parser fills browser, OS and device type from the user agent at issue time
   * @return this builder
   */
  public SessionServiceBuilder userAgentParser(UserAgentParser parser) {
    userAgentParser = Objects.requireNonNull(parser, "userAgentParser");
    return this;
  }

  /**
   * @param random the source of ids and secrets; by default a new {@link SecureRandom}
   * @return this builder
   */
  public SessionServiceBuilder secureRandom(SecureRandom random) {
    secureRandom = Objects.requireNonNull(random, "secureRandom");
    return this;
  }

  /**
   * Builds the service.
   *
   * @return the service
   */
  public SessionService build() {
    TokenGenerator generator =
        secureRandom == null ? new TokenGenerator() : new TokenGenerator(secureRandom);
    return new DefaultSessionService(
        store, policy, clock, List.copyOf(listeners), userAgentParser, generator);
  }
}
