package dev.sessionkit.testkit;

import dev.sessionkit.InvalidTokenReason;
import dev.sessionkit.RevocationReason;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event, for assertions. */
public final class RecordingListener implements SessionListener {
  /**
   * One revocation event.
   *
   * @param id the revoked session
   * @param reason why
   */
  public record Revoked(SessionId id, RevocationReason reason) {}

  /** Ids of created sessions, in order. */
  public final List<SessionId> created = new CopyOnWriteArrayList<>();
  /** Ids of rotated sessions, in order. */
  public final List<SessionId> rotated = new CopyOnWriteArrayList<>();
  /** Revocations, in order. */
  public final List<Revoked> revoked = new CopyOnWriteArrayList<>();
  /** Ids of expired sessions whose token was presented. */
  public final List<SessionId> expired = new CopyOnWriteArrayList<>();
  /** Reasons of refused tokens. */
  public final List<InvalidTokenReason> rejected = new CopyOnWriteArrayList<>();
  /** Ids of sessions presented with a wrong secret. */
  public final List<SessionId> suspicious = new CopyOnWriteArrayList<>();
  /** Ids of sessions whose token {@code validate} accepted, in order. */
  public final List<SessionId> accepted = new CopyOnWriteArrayList<>();
  /** Subjects whose login the cap refused. */
  public final List<String> refused = new CopyOnWriteArrayList<>();
  /** Sizes of finished purges. */
  public final List<Integer> purged = new CopyOnWriteArrayList<>();

  @Override
  public void sessionCreated(Session session) {
    created.add(session.id());
  }

  @Override
  public void sessionRotated(Session session) {
    rotated.add(session.id());
  }

  @Override
  public void sessionRevoked(Session session, RevocationReason reason) {
    revoked.add(new Revoked(session.id(), reason));
  }

  @Override
  public void sessionExpired(Session session) {
    expired.add(session.id());
  }

  @Override
  public void tokenRejected(InvalidTokenReason reason) {
    rejected.add(reason);
  }

  @Override
  public void tokenAccepted(Session session) {
    accepted.add(session.id());
  }

  @Override
  public void issueRefused(String subject) {
    refused.add(subject);
  }

  @Override
  public void suspiciousToken(Session session) {
    suspicious.add(session.id());
  }

  @Override
  public void expiredSessionsPurged(int removed, Duration elapsed) {
    purged.add(removed);
  }
}
