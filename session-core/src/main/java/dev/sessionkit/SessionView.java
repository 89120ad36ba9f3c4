package dev.sessionkit;

import java.util.Objects;

/**
 * A session as seen by a caller: the session plus whether it is the caller's current one (the
 * session whose token authorised the request). Admin views never mark a session current.
 *
 * @param session the session
 * @param current true when this is the caller's current session
 */
public record SessionView(Session session, boolean current) {

  /**
   * Checks the session is present.
   *
   * @param session the session
   * @param current true when this is the caller's current session
   */
  public SessionView {
    Objects.requireNonNull(session, "session");
  }

  /**
   * Shortcut for {@code session().id()}.
   *
   * @return the session id
   */
  public SessionId id() {
    return session.id();
  }
}
