package dev.sessionkit.benchmarks;

import java.util.Map;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * A Spring Session peer with a principal-name index (JDBC, Redis): lists and revokes through {@code
 * findByPrincipalName}, as an "active sessions" screen and a "sign out everywhere" button on Spring do.
 */
abstract class SpringIndexedBackend extends SpringBackend<Session> {
  // Typed through the public interface: the repositories' own session classes are not all public.
  final FindByIndexNameSessionRepository<Session> indexed;

  SpringIndexedBackend(FindByIndexNameSessionRepository<Session> indexed) {
    super(indexed);
    this.indexed = indexed;
  }

  /** Spring has no pages: an "active sessions" screen loads all of the user's sessions. */
  @Override
  public Object preparePage(String subject, PageKind kind, int position, int size) {
    return kind;
  }

  @Override
  public Object list(String subject, Object page) {
    return indexed.findByPrincipalName(subject);
  }

  @Override
  public int revokeAll(String subject) {
    Map<String, Session> sessions = indexed.findByPrincipalName(subject);
    for (String id : sessions.keySet()) {
      indexed.deleteById(id);
    }
    return sessions.size();
  }
}
