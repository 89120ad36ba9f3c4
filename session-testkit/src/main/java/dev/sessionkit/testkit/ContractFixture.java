package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every contract class starts from: a fresh store on a {@link FakeClock}, and a real {@link
 * SessionService} on top of it with a recording listener. Stores do not implement this directly; they
 * extend {@link SessionStoreContract}.
 */
public abstract class ContractFixture {
  /** Where every test's clock starts. */
  protected static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  /** The absolute lifetime of {@link #policy()}. */
  protected static final Duration ABSOLUTE = Duration.ofDays(30);
  /** The idle timeout of {@link #policy()}. */
  protected static final Duration IDLE = Duration.ofHours(1);
  /** The touch interval of {@link #policy()}. */
  protected static final Duration TOUCH = Duration.ofMinutes(1);

  /** The test's clock, fresh for every test at {@link #START}. */
  protected FakeClock clock;
  /** The store under test, fresh and empty for every test. */
  protected SessionStore store;
  /** What {@link #service} told its listener. */
  protected RecordingListener events;
  /** A real service on {@link #store} with {@link #policy()}. */
  protected SessionService service;

  /**
   * The store kind under test; {@link SessionStoreContract} supplies itself.
   *
   * @return the factory of the store under test
   */
  protected abstract StoreFactory stores();

  /**
   * The policy of {@link #service}: 30 days absolute, 1 hour idle, touch once a minute.
   *
   * @return the policy
   */
  protected SessionPolicy policy() {
    return SessionPolicy.builder()
        .absoluteLifetime(ABSOLUTE)
        .idleTimeout(IDLE)
        .touchInterval(TOUCH)
        .build();
  }

  @BeforeEach
  void createStoreAndService() {
    clock = new FakeClock(START);
    store = stores().newStore(clock);
    events = new RecordingListener();
    service = serviceWith(policy());
  }

  @AfterEach
  void releaseStore() throws Exception {
    stores().closeStore(store);
  }

  /**
   * Another service on the same store, clock and listener, with another policy.
   *
   * @param policy the other policy
   * @return the service
   */
  protected SessionService serviceWith(SessionPolicy policy) {
    return SessionService.builder(store).policy(policy).clock(clock).listener(events).build();
  }

  /** @return the client metadata of a typical login, every field set */
  protected static ClientInfo laptop() {
    return ClientInfo.builder()
        .ipAddress("203.0.113.7")
        .userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36")
        .browser("Chrome 120")
        .operatingSystem("Windows 10")
        .deviceType(DeviceType.DESKTOP)
        .deviceName("Alice's laptop")
        .environment("web")
        .authenticationType("password")
        .fingerprint("fp_1a2b3c")
        .build();
  }

  /**
   * Issues a session on {@link #service} from {@link #laptop()}.
   *
   * @param subject who logs in
   * @return the issued session and its token
   */
  protected IssuedSession login(String subject) {
    return service.issue(subject, laptop());
  }

  /**
   * Runs {@code call} and asserts it throws a {@link SessionException} with {@code code}.
   *
   * @param code the expected code
   * @param call what should fail
   * @return the exception
   */
  protected static SessionException assertFails(ErrorCode code, ThrowingCallable call) {
    SessionException e = catchThrowableOfType(SessionException.class, call);
    assertThat(e).as("expected a SessionException with code %s", code).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    return e;
  }
}
