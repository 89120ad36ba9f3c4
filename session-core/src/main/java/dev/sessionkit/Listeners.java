package dev.sessionkit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener, one failure never stopping the others or the operation. Also the one place
 * that logs session events, so logs and listeners always agree; nothing logged carries a token or hash.
 *
 * <p>A listener that throws, even an {@link Error} such as an {@code AssertionError} or a {@code
 * LinkageError}, is logged and the operation stands: it has happened, and failing the call would make
 * the caller believe it had not. Only a {@link VirtualMachineError} passes through.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

  private final SessionListener[] listeners;
  private final WrongSecretWarnings wrongSecrets;

  Listeners(List<SessionListener> listeners, Clock clock) {
    this.listeners = listeners.toArray(new SessionListener[0]);
    this.wrongSecrets = new WrongSecretWarnings(LOG, clock);
  }

  void created(Session s) {
    LOG.debug("session {} issued for subject {}", s.id(), s.subject());
    each(l -> l.sessionCreated(s));
  }

  void rotated(Session s) {
    LOG.debug("session {} rotated (version {})", s.id(), s.version());
    each(l -> l.sessionRotated(s));
  }

  void revoked(List<Session> sessions, RevocationReason reason) {
    for (Session s : sessions) {
      LOG.debug("session {} of subject {} revoked: {}", s.id(), s.subject(), reason);
      each(l -> l.sessionRevoked(s, reason));
    }
  }

  void accepted(Session s) {
    // The hot path: a plain loop, no lambda, no allocation.
    for (SessionListener l : listeners) {
      try {
        l.tokenAccepted(s);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        failed(l, e);
      }
    }
  }

  void issueRefused(String subject) {
    LOG.debug("login of subject {} refused: at its session cap", subject);
    each(l -> l.issueRefused(subject));
  }

  void rejected(InvalidTokenReason reason) {
    // The junk-token path: no logging cost unless asked for, no allocation without listeners.
    if (LOG.isTraceEnabled()) {
      LOG.trace("token rejected: {}", reason);
    }
    for (SessionListener l : listeners) {
      try {
        l.tokenRejected(reason);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        failed(l, e);
      }
    }
  }

  void expired(Session s) {
    rejected(InvalidTokenReason.EXPIRED);
    LOG.debug("expired session {} presented", s.id());
    each(l -> l.sessionExpired(s));
  }

  void suspicious(Session s) {
    rejected(InvalidTokenReason.WRONG_SECRET);
    // Ids are public: anyone can present a known id with junk, so one line per attempt would let
    // them flood the log. The warning is aggregated; listeners still hear of every attempt.
    wrongSecrets.record(s.id());
    each(l -> l.suspiciousToken(s));
  }

  void purged(int removed, Duration elapsed) {
    if (removed > 0) {
      LOG.info("purged {} expired sessions in {} ms", removed, elapsed.toMillis());
    } else {
      LOG.debug("no expired sessions to purge ({} ms)", elapsed.toMillis());
    }
    each(l -> l.expiredSessionsPurged(removed, elapsed));
  }

  private void each(Consumer<SessionListener> call) {
    for (SessionListener l : listeners) {
      try {
        call.accept(l);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        failed(l, e);
      }
    }
  }

  private static void failed(SessionListener listener, Throwable e) {
    LOG.warn("session listener {} failed; the operation stands", listener.getClass().getName(), e);
  }
}
