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
 * Limits failed sign-ins, on three keys, so that guessing is bounded and yet no one can lock a user
 * out from elsewhere:
 *
 * <ul>
 *   <li>a user name from one client address: a firm limit ({@link Limits#perUserAndAddress}), where a
 *       single guesser meets it;
 *   <li>a client address, whatever the user name ({@link Limits#perAddress}): one address trying a
 *       password or two on many accounts (credential stuffing);
 *   <li>a user name, from every address ({@link Limits#perUser}), much higher: many addresses guessing
 *       at one account. Its lockout does not apply to an address that has signed in as that user
 *       before (within {@link Limits#knownAddressMemory}), so an attacker who fails on purpose locks
 *       the user out of new places only, never out of the ones they use.
 * </ul>
 *
 * <p>Once a key has its limit of failures, each less than {@code window} after the one before, it is
 * locked: sign-ins with it are refused, without looking at the password, for {@code firstLockout};
 * every failure after a lockout ends locks it again for twice as long, up to the window. A key is
 * forgotten a window after its last failure. A success clears the user name's count from that address
 * only: the address's count stays (else one good account would let an address guess at the others
 * forever), and so does the user name's (else each sign-in of the real user would give a distributed
 * guesser another round).
 *
 * <p>A sign-in counts against its keys while its password is checked, so a burst of parallel guesses
 * cannot slip past a limit before the first failure is recorded. Counts and known addresses live in
 * bounded Caffeine caches, so a flood of made-up user names or addresses costs bounded memory (at
 * the price of forgetting the least used keys first).
 */
final class LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  /**
   * The limits.
   *
   * @param perUserAndAddress failures of one user name from one address
   * @param perUser failures of one user name from all addresses but those it signed in from
   * @param perAddress failures from one address, all user names together
   * @param window how long a failure counts after the one before it; also the longest lockout
   * @param firstLockout the first lockout of a key; each next one is twice as long
   * @param knownAddressMemory how long an address a user signed in from stays exempt from the user's lockout
   * @param maxKeys the most keys each cache holds
   */
  record Limits(
      int perUserAndAddress, int perUser, int perAddress, Duration window, Duration firstLockout,
      Duration knownAddressMemory, int maxKeys) {}

  static final Limits DEFAULT =
      new Limits(5, 100, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(30), 100_000);

  /** A user name from an address. */
  private record UserAt(String userName, String address) {}

  private final Clock clock;
  private final Limits limits;
  private final Counter<UserAt> userAtAddress;
  private final Counter<String> userNames;
  private final Counter<String> addresses;
  /** Addresses each user signed in from, and when they last did (epoch millis). */
  private final Cache<UserAt, Long> signedInFrom;

  LoginThrottle(Clock clock, Limits limits) {
    this.clock = clock;
    this.limits = limits;
    this.userAtAddress = new Counter<>("user name from one address", limits.perUserAndAddress());
    this.userNames = new Counter<>("user name from unknown addresses", limits.perUser());
    this.addresses = new Counter<>("address", limits.perAddress());
    this.signedInFrom = Caffeine.newBuilder()
        .maximumSize(limits.maxKeys())
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .expireAfterWrite(limits.knownAddressMemory())
        .build();
  }

  /** A sign-in allowed to check its password; {@link #end} says how that went. */
  final class Attempt {
    private final UserAt key;
    private final boolean countsForUserName;

    private Attempt(UserAt key, boolean countsForUserName) {
      this.key = key;
      this.countsForUserName = countsForUserName;
    }

    void end(boolean succeeded) {
      long now = clock.millis();
      if (succeeded) {
        signedInFrom.put(key, now);
      }
      userAtAddress.release(key, now, succeeded ? Outcome.CLEAR : Outcome.FAILURE);
      if (countsForUserName) {
        userNames.release(key.userName(), now, succeeded ? Outcome.KEEP : Outcome.FAILURE);
      }
      addresses.release(key.address(), now, succeeded ? Outcome.KEEP : Outcome.FAILURE);
    }
  }

  /**
   * Lets a sign-in check its password, or refuses it.
   *
   * @param userName the user name tried
   * @param address the client's address (the connection's, or the one a trusted proxy reports)
   * @throws TooManyRequests while a key of the sign-in is locked, with the time left
   */
  Attempt begin(String userName, String address) {
    long now = clock.millis();
    UserAt key = new UserAt(userName, address);
    // The user name's own limit is for addresses it never signed in from.
    boolean countsForUserName = signedInFrom.getIfPresent(key) == null;
    long wait = userAtAddress.reserve(key, now);
    if (wait == 0) {
      wait = countsForUserName ? userNames.reserve(userName, now) : 0;
      if (wait == 0) {
        wait = addresses.reserve(address, now);
        if (wait == 0) {
          return new Attempt(key, countsForUserName);
        }
        if (countsForUserName) {
          userNames.release(userName, now, Outcome.KEEP);
        }
      }
      userAtAddress.release(key, now, Outcome.KEEP);
    }
    throw new TooManyRequests("too many failed sign-ins", Duration.ofMillis(wait));
  }

  /** Keys held now, in all four caches together; tests check that a flood of them stays bounded. */
  long keysHeld() {
    signedInFrom.cleanUp();
    return signedInFrom.estimatedSize() + userAtAddress.size() + userNames.size() + addresses.size();
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

  /** The strikes of one kind of key. */
  private final class Counter<K> {
    private final String kind;
    private final int limit;
    private final Cache<K, Strikes> strikes;

    Counter(String kind, int limit) {
      this.kind = kind;
      this.limit = limit;
      this.strikes = Caffeine.newBuilder()
          .maximumSize(limits.maxKeys())
          .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())) // tests move the clock
          .executor(Runnable::run) // expire and evict on the calling thread: nothing runs behind a test's back
          .expireAfter(new Expiry<K, Strikes>() {
            @Override
            public long expireAfterCreate(K key, Strikes value, long nowNanos) {
              return Math.max(0, TimeUnit.MILLISECONDS.toNanos(value.forgetAt()) - nowNanos);
            }

            @Override
            public long expireAfterUpdate(K key, Strikes value, long nowNanos, long remaining) {
              return expireAfterCreate(key, value, nowNanos);
            }

            @Override
            public long expireAfterRead(K key, Strikes value, long nowNanos, long remaining) {
              return remaining;
            }
          })
          .build();
    }

    long size() {
      strikes.cleanUp();
      return strikes.estimatedSize();
    }

    /** Counts a password check about to start; 0, or the millis to wait when refused. */
    long reserve(K key, long now) {
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
    void release(K key, long now, Outcome outcome) {
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
            // Neither user name nor address: anyone could fill the log with lines naming a victim.
            LOG.warn("sign-ins locked for {} s: {} failures for one {}", lockout / 1000, failures, kind);
            return new Strikes(failures, checking, lockouts, now + lockout, forgetAt);
        }
      });
    }
  }
}
