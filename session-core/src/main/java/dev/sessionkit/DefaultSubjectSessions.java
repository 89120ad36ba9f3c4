package dev.sessionkit;

import dev.sessionkit.internal.Arguments;
import dev.sessionkit.internal.CursorCodec;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.KeysetPosition;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.StoredSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One subject's sessions. {@code currentId} is the caller's session for self-service views and null
 * for admin views; it decides the "current" flag, what "revoke others" keeps, and the revocation
 * reason reported to listeners.
 */
class DefaultSubjectSessions implements SubjectSessions {
  private final DefaultSessionService service;
  private final String subject;
  final @Nullable SessionId currentId;
  private final RevocationReason reason;

  DefaultSubjectSessions(DefaultSessionService service, String subject, @Nullable SessionId currentId) {
    this.service = service;
    this.subject = subject;
    this.currentId = currentId;
    this.reason = currentId == null ? RevocationReason.REVOKED_BY_ADMIN : RevocationReason.REVOKED_BY_USER;
  }

  @Override
  public String subject() {
    return subject;
  }

  @Override
  public Page<SessionView> list(Pagination pagination) {
    Arguments.present(pagination, "pagination");
    int limit = pagination.limit();
    if (limit > service.policy.maxPageSize()) {
      throw SessionException.invalidArgument(
          "page size must be at most " + service.policy.maxPageSize() + ", was " + limit);
    }
    Instant now = service.now();
    CursorCodec.Position cursor = pagination.cursorPosition();
    KeysetPosition after =
        cursor == null
            ? null
            : new KeysetPosition(Instant.ofEpochMilli(cursor.sortValueMillis()), new SessionId(cursor.id()));
    // One extra row tells whether another page follows, without a count.
    List<Session> rows =
        service.store.list(
            new SessionQuery(
                subject, now, pagination.sort(), pagination.direction(), pagination.offset(), limit + 1, after));
    boolean more = rows.size() > limit;
    List<Session> items = more ? rows.subList(0, limit) : rows;
    Optional<String> next = Optional.empty();
    if (more) {
      Session last = items.get(items.size() - 1);
      next =
          Optional.of(
              CursorCodec.encode(
                  pagination.sort().name(),
                  pagination.direction().name(),
                  SessionQuery.sortValue(pagination.sort(), last).toEpochMilli(),
                  last.id().value()));
    }
    OptionalLong total =
        pagination.includesTotal() ? OptionalLong.of(service.store.count(subject, now)) : OptionalLong.empty();
    OptionalLong offset = cursor == null ? OptionalLong.of(pagination.offset()) : OptionalLong.empty();
    List<SessionView> views = new ArrayList<>(items.size());
    for (Session s : items) {
      views.add(view(s));
    }
    return new Page<>(views, limit, offset, total, next);
  }

  @Override
  public long count() {
    return service.store.count(subject, service.now());
  }

  @Override
  public SessionView get(String sessionId) {
    return find(sessionId).orElseThrow(SessionException::notFound);
  }

  @Override
  public Optional<SessionView> find(String sessionId) {
    Arguments.present(sessionId, "sessionId");
    Optional<SessionId> id = SessionId.tryParse(sessionId);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    StoredSession stored = service.store.findById(id.get());
    if (stored == null
        || !stored.session().subject().equals(subject)
        || stored.session().isExpiredAt(service.now())) {
      return Optional.empty();
    }
    return Optional.of(view(stored.session()));
  }

  @Override
  public boolean isActive(String sessionId) {
    return find(sessionId).isPresent();
  }

  @Override
  public RevocationResult revoke(String sessionId) {
    Arguments.present(sessionId, "sessionId");
    SessionId id = SessionId.tryParse(sessionId).orElseThrow(SessionException::notFound);
    Instant now = service.now();
    List<Session> revoked = DefaultSessionService.live(service.store.revoke(subject, List.of(id)), now);
    if (revoked.isEmpty()) {
      throw SessionException.notFound();
    }
    return done(revoked, List.of());
  }

  @Override
  public RevocationResult revokeList(Collection<String> sessionIds) {
    Arguments.present(sessionIds, "sessionIds");
    if (sessionIds.isEmpty()) {
      throw SessionException.invalidArgument("name at least one session id");
    }
    int bulkLimit = service.policy.bulkLimit();
    if (sessionIds.size() > bulkLimit) {
      throw new SessionException(
          ErrorCode.BULK_LIMIT_EXCEEDED,
          "at most " + bulkLimit + " session ids per request, got " + sessionIds.size());
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (String raw : sessionIds) {
      distinct.add(Arguments.present(raw, "session id"));
    }
    List<SessionId> parsed = new ArrayList<>(distinct.size());
    for (String raw : distinct) {
      SessionId.tryParse(raw).ifPresent(parsed::add);
    }
    Instant now = service.now();
    List<Session> revoked =
        parsed.isEmpty() ? List.of() : DefaultSessionService.live(service.store.revoke(subject, parsed), now);
    Set<String> revokedIds = new HashSet<>();
    for (Session s : revoked) {
      revokedIds.add(s.id().value());
    }
    List<String> notFound = new ArrayList<>();
    for (String raw : distinct) {
      if (!revokedIds.contains(raw)) {
        notFound.add(raw);
      }
    }
    return done(revoked, notFound);
  }

  @Override
  public RevocationResult revokeAll() {
    return revokeAllBut(null);
  }

  final RevocationResult revokeAllBut(@Nullable SessionId keep) {
    Instant now = service.now();
    return done(DefaultSessionService.live(service.store.revokeAll(subject, keep), now), List.of());
  }

  @Override
  public Session updateAttributes(String sessionId, long expectedVersion, Map<String, String> attributes) {
    Arguments.present(sessionId, "sessionId");
    Map<String, String> attrs = Arguments.attributes(attributes);
    SessionId id = SessionId.tryParse(sessionId).orElseThrow(SessionException::notFound);
    AttributeUpdate update = service.store.updateAttributes(subject, id, expectedVersion, attrs, service.now());
    Session updated = update.session();
    if (updated != null) {
      return updated;
    }
    if (update.isConflict()) {
      throw new SessionException(
          ErrorCode.CONFLICT,
          "session " + id + " is at version " + update.currentVersion() + ", not " + expectedVersion);
    }
    throw SessionException.notFound();
  }

  private RevocationResult done(List<Session> revoked, List<String> notFound) {
    service.listeners.revoked(revoked, reason);
    return RevocationResult.of(revoked, notFound, currentId);
  }

  private SessionView view(Session session) {
    return new SessionView(session, session.id().equals(currentId));
  }

  @Override
  public String toString() {
    return "SubjectSessions[subject=" + subject + (currentId == null ? ", admin" : ", current=" + currentId) + "]";
  }

  /** The self-service view: the same operations, plus "revoke others", which keeps the current one. */
  static final class Current extends DefaultSubjectSessions implements CurrentSessions {
    private final SessionId current;

    Current(DefaultSessionService service, String subject, SessionId current) {
      super(service, subject, current);
      this.current = current;
    }

    @Override
    public SessionId currentId() {
      return current;
    }

    @Override
    public RevocationResult revokeOthers() {
      return revokeAllBut(current);
    }
  }
}
