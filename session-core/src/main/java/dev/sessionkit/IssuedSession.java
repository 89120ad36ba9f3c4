package dev.sessionkit;

import java.util.Objects;

/**
 * A session just issued or rotated, with its token. The token is shown to the client once and is
 * not kept anywhere by sessionkit; {@link #toString()} does not reveal it.
 *
 * @param session the new session state
 * @param token the bearer token for the client
 */
public record IssuedSession(Session session, SessionToken token) {

  /**
   * Checks both parts are present.
   *
   * @param session the new session state
   * @param token the bearer token for the client
   */
  public IssuedSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(token, "token");
  }
}
