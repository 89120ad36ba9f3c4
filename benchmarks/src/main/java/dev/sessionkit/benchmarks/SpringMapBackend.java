package dev.sessionkit.benchmarks;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

/**
 * The peer for the in-memory store: Spring Session's {@link MapSessionRepository} on a {@link
 * ConcurrentHashMap}. Its bearer is the session id itself (a random UUID, nothing hashed), and each
 * session carries the principal name attribute an application sets. It has no principal index, so it
 * lists nothing and purges nothing (expired sessions go when they are next read).
 */
final class SpringMapBackend extends SpringBackend<MapSession> {
  private final ConcurrentHashMap<String, org.springframework.session.Session> sessions;

  SpringMapBackend() {
    this(new ConcurrentHashMap<>());
  }

  private SpringMapBackend(ConcurrentHashMap<String, org.springframework.session.Session> sessions) {
    super(repository(sessions));
    this.sessions = sessions;
  }

  private static MapSessionRepository repository(
      ConcurrentHashMap<String, org.springframework.session.Session> sessions) {
    MapSessionRepository repository = new MapSessionRepository(sessions);
    repository.setDefaultMaxInactiveInterval(Duration.ofDays(7));
    return repository;
  }

  @Override
  public void close() {
    sessions.clear();
  }
}
