package dev.sessionkit.examples;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits failed sign-ins per user name and per client address. Once a key has {@code limit} failures,
 * each less than {@code window} after the one before, it is locked: sign-ins with it are refused,
 * without looking at the password, for one minute; every failure after a lockout ends locks it again
 * for twice as long, up to the window. A key is forgotten a window after its last failure. A success
 * clears the user name's failures, not the address's (else one good account would let an address
 * guess at the others forever).
 *
 * <p>A sign-in counts against both keys while its password is checked, so a burst of parallel guesses
 * cannot slip past the limit before the first failure is recorded. Counts live in two bounded Caffeine
 * caches, so a flood of made-up user names costs bounded memory.
 */
final class LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  /** The limits: failures per user name and per address, how long failures count, the first lockout. */
  record Limits(int perUserName, int perAddress, Duration window, Duration firstLockout, int maxKeys) {}

  static final Limits DEFAULT = new Limits(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), 100_000);

  private final Clock clock;
  private final Limits limits;
  private final Counter userNames;
  private final Counter addresses;

  LoginThrottle(Clock clock, Limits limits) {
    this.clock = clock;
    this.limits = limits;
    this.userNames = new Counter("user name", limits.perUserName());
    this.addresses = new Counter("address", limits.perAddress());
  }

  /** A sign-in allowed to check its password; {@link #end} says how that went. */
  final class Attempt {
    private final String userName;
    private final String address;

    private Attempt(String userName, String address) {
      this.userName = userName;
      this.address = address;
    }

    void end(boolean succeeded) {
      long now = clock.millis();
      userNames.release(userName, now, succeeded ? Outcome.CLEAR : Outcome.FAILURE);
      addresses.release(address, now, succeeded ? Outcome.KEEP : Outcome.FAILURE);
    }
  }

  /**
   * Lets a sign-in check its password, or refuses it.
   *
   * @throws TooManyRequests while the user name or the address is locked, with the time left
   */
  Attempt begin(String userName, String address) {
    long now = clock.millis();
    long wait = userNames.reserve(userName, now);
    if (wait == 0) {
      wait = addresses.reserve(address, now);
      if (wait == 0) {
        return new Attempt(userName, address);
      }
      userNames.release(userName, now, Outcome.KEEP);
    }
    throw new TooManyRequests("too many failed sign-ins", Duration.ofMillis(wait));
  }

  private enum Outcome { CLEAR, KEEP, FAILURE }

  /**
   * One key's recent past.
   *
   * @param failures failed sign-ins since the key was last forgotten or cleared
   * @param checking sign-ins checking their password right now
   * @param lockouts how often the key was locked; each lockout is twice the last
   * @param lockedUntil epoch millis; refused until then
   * @param forgetAt epoch millis; the cache drops the key then
   */
  private record Strikes(int failures, int checking, int lockouts, long lockedUntil, long forgetAt) {}

  /** The strikes of one kind of key, user names or addresses. */
  private final class Counter {
    private final String kind;
    private final int limit;
    private final Cache<String, Strikes> strikes;

    Counter(String kind, int limit) {
      this.kind = kind;
      this.limit = limit;
      this.strikes = Caffeine.newBuilder()
          .maximumSize(limits.maxKeys())
          .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())) // tests move the clock
          .executor(Runnable::run) // expire and evict on the calling thread: nothing runs behind a test's back
          .expireAfter(new Expiry<String, Strikes>() {
            @Override
            public long expireAfterCreate(String key, Strikes value, long nowNanos) {
              return Math.max(0, TimeUnit.MILLISECONDS.toNanos(value.forgetAt()) - nowNanos);
            }

            @Override
            public long expireAfterUpdate(String key, Strikes value, long nowNanos, long remaining) {
              return expireAfterCreate(key, value, nowNanos);
            }

            @Override
            public long expireAfterRead(String key, Strikes value, long nowNanos, long remaining) {
              return remaining;
            }
          })
          .build();
    }

    /** Counts a password check about to start; 0, or the millis to wait when refused. */
    long reserve(String key, long now) {
      AtomicLong wait = new AtomicLong();
      strikes.asMap().compute(key, (k, s) -> {
        Strikes current = s != null ? s : new Strikes(0, 0, 0, 0, now + limits.window().toMillis());
        if (current.lockedUntil() > now) {
          wait.set(current.lockedUntil() - now);
          return current;
        }
        // Under the limit, checks in progress count as failures until they end; past it (a lockout
        // has ended), one check at a time, since its failure locks the key again.
        boolean mayCheck = current.failures() >= limit
            ? current.checking() == 0
            : current.failures() + current.checking() < limit;
        if (!mayCheck) {
          wait.set(1000); // the checks in progress decide; ask again in a second
          return current;
        }
        return new Strikes(current.failures(), current.checking() + 1, current.lockouts(),
            current.lockedUntil(), current.forgetAt());
      });
      return wait.get();
    }

    /** Ends a password check begun with {@link #reserve}. */
    void release(String key, long now, Outcome outcome) {
      strikes.asMap().compute(key, (k, s) -> {
        Strikes current = s != null ? s : new Strikes(0, 1, 0, 0, now); // forgotten while checking
        int checking = Math.max(0, current.checking() - 1);
        switch (outcome) {
          case CLEAR:
            return checking == 0 ? null : new Strikes(0, checking, 0, 0, current.forgetAt());
          case KEEP:
            if (current.failures() == 0 && checking == 0) {
              return null; // nothing to remember
            }
            return new Strikes(current.failures(), checking, current.lockouts(), current.lockedUntil(),
                current.forgetAt());
          default:
            int failures = current.failures() + 1;
            long forgetAt = now + limits.window().toMillis();
            if (failures < limit) {
              return new Strikes(failures, checking, current.lockouts(), current.lockedUntil(), forgetAt);
            }
            int lockouts = current.lockouts() + 1;
            long lockout = Math.min(limits.window().toMillis(),
                limits.firstLockout().toMillis() << Math.min(lockouts - 1, 20));
            // Neither the user name nor the address: anyone could fill the log with lines naming a victim.
            LOG.warn("sign-ins locked for {} s: {} failures for one {}", lockout / 1000, failures, kind);
            return new Strikes(failures, checking, lockouts, now + lockout, forgetAt);
        }
      });
    }
  }
}
