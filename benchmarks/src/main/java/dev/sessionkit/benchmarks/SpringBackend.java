package dev.sessionkit.benchmarks;

import java.time.Instant;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * What both Spring Session peers do the same way: a login saves a session carrying the principal
 * name (as Spring Security does), the bearer is the session id itself (nothing hashed), and a request
 * is what Spring's session filter does.
 *
 * @param <S> the repository's session type
 */
abstract class SpringBackend<S extends Session> implements BearerIsKey {
  final SessionRepository<S> repository;

  SpringBackend(SessionRepository<S> repository) {
    this.repository = repository;
  }

  @Override
  public String issue(String subject) {
    S session = repository.createSession();
    session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, subject);
    repository.save(session);
    return session.getId();
  }

  @Override
  public Object validate(String bearer) {
    return repository.findById(bearer);
  }

  /** What Spring's session filter does on a request: find, set the last access, save. */
  @Override
  public Object touch(String bearer) {
    S session = repository.findById(bearer);
    if (session == null) {
      return null;
    }
    session.setLastAccessedTime(Instant.now());
    repository.save(session);
    return session;
  }
}
