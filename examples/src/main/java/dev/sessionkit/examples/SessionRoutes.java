package dev.sessionkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.CurrentSessions;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Pagination;
import dev.sessionkit.RevocationResult;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionService;
import dev.sessionkit.SubjectSessions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every route of the example: sign-in, the caller's own sessions, and the admin routes on another
 * user's sessions. Each handler is a few lines of mapping between HTTP and one sessionkit call; that
 * is the point of the example.
 */
final class SessionRoutes {
  private static final String BEARER = "Bearer ";
  private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "deviceName");
  /** The longest subject sessionkit takes; no user name can be longer. */
  private static final int MAX_USERNAME_LENGTH = 255;
  private static final Set<String> PATCH_FIELDS = Set.of("version", "attributes");
  private static final Set<String> BULK_FIELDS = Set.of("sessions");

  private final SessionService sessions;
  private final DemoUsers users;
  private final LoginThrottle throttle;

  SessionRoutes(SessionService sessions, DemoUsers users, LoginThrottle throttle) {
    this.sessions = sessions;
    this.users = users;
    this.throttle = throttle;
  }

  Router register(Router router) {
    return router
        .route("POST", "/login", this::login)
        .route("POST", "/logout", this::logout)
        .route("GET", "/sessions", SessionListQuery.NAMES, this::list)
        .route("DELETE", "/sessions", Set.of("includeCurrent"), this::revokeAll)
        .route("GET", "/sessions/count", this::count)
        .route("GET", "/sessions/current", this::current)
        .route("POST", "/sessions/current/rotate", this::rotate)
        .route("POST", "/sessions/revoke-others", this::revokeOthers)
        .route("POST", "/sessions/bulk-revoke", this::bulkRevoke)
        .route("GET", "/sessions/validate/{id}", this::validate)
        .route("GET", "/sessions/{id}", this::get)
        .route("PATCH", "/sessions/{id}", this::updateAttributes)
        .route("DELETE", "/sessions/{id}", this::revoke)
        .route("GET", "/admin/users/{user}/sessions", SessionListQuery.NAMES, this::adminList)
        .route("DELETE", "/admin/users/{user}/sessions", this::adminRevokeAll)
        .route("GET", "/admin/users/{user}/sessions/count", this::adminCount)
        .route("POST", "/admin/users/{user}/sessions/bulk-revoke", this::adminBulkRevoke)
        .route("GET", "/admin/users/{user}/sessions/{id}", this::adminGet)
        .route("DELETE", "/admin/users/{user}/sessions/{id}", this::adminRevoke);
  }

  // ---- sign-in ----

  private void login(HttpCall call) throws IOException {
    JsonNode body = call.jsonBody(LOGIN_FIELDS).orElse(HttpCall.JSON.createObjectNode());
    String username = requiredText(body, "username", MAX_USERNAME_LENGTH);
    String password = requiredText(body, "password", Integer.MAX_VALUE);
    JsonNode deviceName = body.path("deviceName");
    if (!deviceName.isMissingNode() && !deviceName.isNull() && !deviceName.isTextual()) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "deviceName must be a string");
    }
    LoginThrottle.Attempt attempt = throttle.begin(username, call.clientAddress()); // 429 while locked
    boolean authenticated = false;
    try {
      authenticated = users.authenticate(username, password);
    } finally {
      attempt.end(authenticated);
    }
    if (!authenticated) {
      // The same answer for an unknown user, so that it tells nobody who has an account.
      throw new SessionException(ErrorCode.INVALID_CREDENTIALS, "wrong user name or password");
    }
    ClientInfo client = ClientInfo.builder()
        .ipAddress(call.clientAddress())
        .userAgent(call.clientText("User-Agent").orElse(null)) // UTF-8, as apps send it
        .deviceName(deviceName.asText(null))
        .environment("web")
        .authenticationType("password")
        .build();
    IssuedSession issued = sessions.issue(username, client);
    call.json(201, SessionJson.issued(issued));
  }

  private void logout(HttpCall call) throws IOException {
    call.json(200, SessionJson.revocation(sessions.signOut(authenticate(call))));
  }

  private void rotate(HttpCall call) throws IOException {
    call.json(200, SessionJson.issued(sessions.rotate(bearerToken(call))));
  }

  // ---- the caller's own sessions ----

  private void list(HttpCall call) throws IOException {
    Pagination pagination = pagination(call);
    call.json(200, SessionJson.page(mine(call).list(pagination)));
  }

  private void count(HttpCall call) throws IOException {
    call.json(200, Map.of("count", mine(call).count()));
  }

  private void current(HttpCall call) throws IOException {
    call.json(200, SessionJson.session(authenticate(call), true));
  }

  private void get(HttpCall call) throws IOException {
    call.json(200, SessionJson.view(mine(call).get(call.path(0))));
  }

  private void validate(HttpCall call) throws IOException {
    String id = call.path(0);
    call.json(200, Map.of("id", id, "active", mine(call).isActive(id)));
  }

  private void revoke(HttpCall call) throws IOException {
    call.json(200, SessionJson.singleRevocation(mine(call).revoke(call.path(0))));
  }

  /**
   * The bulk DELETE of the seed APIs: with a {@code {"sessions": [...]}} body, exactly those sessions;
   * without a body, all of them ({@code includeCurrent=false} keeps this one). Any other body is a 400,
   * never "revoke everything": a client that sent a list meant the list.
   */
  private void revokeAll(HttpCall call) throws IOException {
    Optional<Boolean> includeCurrent = call.query().bool("includeCurrent");
    CurrentSessions mine = mine(call);
    Optional<ObjectNode> body = call.jsonBody(BULK_FIELDS);
    if (body.isPresent() && includeCurrent.isPresent()) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT,
          "includeCurrent goes without a body; a sessions list names exactly what to revoke");
    }
    RevocationResult result = body.isPresent()
        ? mine.revokeList(ids(body))
        : includeCurrent.orElse(true) ? mine.revokeAll() : mine.revokeOthers();
    call.json(200, SessionJson.revocation(result));
  }

  private void revokeOthers(HttpCall call) throws IOException {
    call.json(200, SessionJson.revocation(mine(call).revokeOthers()));
  }

  private void bulkRevoke(HttpCall call) throws IOException {
    SubjectSessions mine = mine(call);
    call.json(200, SessionJson.revocation(mine.revokeList(ids(call.jsonBody(BULK_FIELDS)))));
  }

  private void updateAttributes(HttpCall call) throws IOException {
    Session current = authenticate(call); // before looking at the body: no token, no 400s
    JsonNode body = call.jsonBody(PATCH_FIELDS).orElse(HttpCall.JSON.createObjectNode());
    if (!body.path("version").canConvertToLong() || !body.path("attributes").isObject()) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "body needs a numeric version and an attributes object");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : body.path("attributes").properties()) {
      if (!e.getValue().isTextual()) {
        throw new SessionException(ErrorCode.INVALID_ARGUMENT, "attribute values must be strings");
      }
      attributes.put(e.getKey(), e.getValue().asText());
    }
    Session updated =
        sessions.forCurrent(current).updateAttributes(call.path(0), body.path("version").asLong(), attributes);
    call.json(200, SessionJson.session(updated, updated.id().equals(current.id())));
  }

  // ---- an administrator on another user's sessions ----

  private void adminList(HttpCall call) throws IOException {
    Pagination pagination = pagination(call);
    call.json(200, SessionJson.page(admin(call).list(pagination)));
  }

  private void adminCount(HttpCall call) throws IOException {
    call.json(200, Map.of("count", admin(call).count()));
  }

  private void adminGet(HttpCall call) throws IOException {
    call.json(200, SessionJson.view(admin(call).get(call.path(1))));
  }

  private void adminRevoke(HttpCall call) throws IOException {
    call.json(200, SessionJson.singleRevocation(admin(call).revoke(call.path(1))));
  }

  private void adminBulkRevoke(HttpCall call) throws IOException {
    SubjectSessions admin = admin(call);
    call.json(200, SessionJson.revocation(admin.revokeList(ids(call.jsonBody(BULK_FIELDS)))));
  }

  /** As {@link #revokeAll}: a sessions list revokes that list, no body revokes all. */
  private void adminRevokeAll(HttpCall call) throws IOException {
    SubjectSessions admin = admin(call);
    Optional<ObjectNode> body = call.jsonBody(BULK_FIELDS);
    call.json(200, SessionJson.revocation(body.isPresent() ? admin.revokeList(ids(body)) : admin.revokeAll()));
  }

  // ---- mapping helpers ----

  /** A text field that must be there: missing, not text, empty or too long is a 400 naming it. */
  private static String requiredText(JsonNode body, String field, int maxLength) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, field + " is required");
    }
    if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, maxLength == Integer.MAX_VALUE
          ? field + " must be a non-empty string" : field + " must be a string of 1 to " + maxLength + " characters");
    }
    return value.asText();
  }

  private String bearerToken(HttpCall call) {
    String header = call.header("Authorization").orElse("");
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new SessionException(ErrorCode.INVALID_TOKEN, "missing bearer token");
    }
    return header.substring(BEARER.length()).trim();
  }

  private Session authenticate(HttpCall call) {
    return sessions.validate(bearerToken(call)).orThrow();
  }

  private CurrentSessions mine(HttpCall call) {
    return sessions.forCurrent(authenticate(call));
  }

  /**
   * An administrator's view of a subject's sessions. When that subject is the administrator's own, it
   * is their self-service view instead: forSubject has no current session, so it would mark none
   * current and answer currentSessionRevoked false for the very session this request came with.
   */
  private SubjectSessions admin(HttpCall call) {
    Session caller = authenticate(call);
    if (!users.isAdmin(caller.subject())) {
      throw new SessionException(ErrorCode.FORBIDDEN, "administrators only");
    }
    String subject = call.path(0);
    return subject.equals(caller.subject()) ? sessions.forCurrent(caller) : sessions.forSubject(subject);
  }

  private static List<String> ids(Optional<ObjectNode> body) {
    JsonNode list = body.map(b -> b.path("sessions")).orElse(HttpCall.JSON.missingNode());
    if (!list.isArray()) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "body needs a \"sessions\" array of ids");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : list) {
      if (!id.isTextual()) {
        throw new SessionException(ErrorCode.INVALID_ARGUMENT, "session ids must be strings");
      }
      ids.add(id.asText());
    }
    return ids;
  }

  /** Checked before the token, like the rest of the request line. */
  private Pagination pagination(HttpCall call) {
    return SessionListQuery.pagination(call.query(), sessions.policy().maxPageSize());
  }
}
