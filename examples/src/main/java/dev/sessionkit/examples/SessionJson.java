package dev.sessionkit.examples;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Page;
import dev.sessionkit.RevocationResult;
import dev.sessionkit.Session;
import dev.sessionkit.SessionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the example renders library values as JSON: the shapes the seed APIs use. */
final class SessionJson {
  private SessionJson() {}

  static Map<String, Object> session(Session s, boolean current) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id().value());
    json.put("current", current);
    json.put("subject", s.subject());
    json.put("createdAt", s.createdAt().toString());
    json.put("lastAccessedAt", s.lastAccessedAt().toString());
    json.put("expiresAt", s.expiresAt().toString());
    json.put("idleExpiresAt", s.idleExpiresAt().toString());
    json.put("version", s.version());
    json.put("client", client(s.client()));
    json.put("attributes", s.attributes());
    return json;
  }

  static Map<String, Object> view(SessionView v) {
    return session(v.session(), v.current());
  }

  static Map<String, Object> client(ClientInfo c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ipAddress", c.ipAddress());
    json.put("userAgent", c.userAgent());
    json.put("browser", c.browser());
    json.put("os", c.operatingSystem());
    json.put("deviceType", c.deviceType().name());
    json.put("deviceName", c.deviceName());
    json.put("environment", c.environment());
    json.put("authenticationType", c.authenticationType());
    json.put("fingerprint", c.fingerprint());
    return json;
  }

  /** {@code items, count, page, perPage, offset, total, totalPages, nextCursor}: every seed envelope. */
  static Map<String, Object> page(Page<SessionView> page) {
    Map<String, Object> json = new LinkedHashMap<>();
    List<Map<String, Object>> items = page.items().stream().map(SessionJson::view).toList();
    json.put("items", items);
    json.put("count", page.itemCount());
    json.put("perPage", page.perPage());
    json.put("page", page.pageNumber().isPresent() ? page.pageNumber().getAsInt() : null);
    json.put("offset", page.offset().isPresent() ? page.offset().getAsLong() : null);
    json.put("total", page.totalItems().isPresent() ? page.totalItems().getAsLong() : null);
    json.put("totalPages", page.totalPages().isPresent() ? page.totalPages().getAsLong() : null);
    json.put("nextCursor", page.nextCursor().orElse(null));
    return json;
  }

  /** {@code revoked, revokedIds, notFound, currentSessionRevoked}. */
  static Map<String, Object> revocation(RevocationResult r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("revoked", r.revokedCount());
    json.put("revokedIds", r.revokedIds().stream().map(id -> id.value()).toList());
    json.put("notFound", r.notFoundIds());
    json.put("currentSessionRevoked", r.currentSessionRevoked());
    return json;
  }

  /** A single revoke answers with the revoked session, as one seed API does. */
  static Map<String, Object> singleRevocation(RevocationResult r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("revoked", r.anyRevoked());
    json.put("currentSessionRevoked", r.currentSessionRevoked());
    json.put("session", r.revokedSession().map(s -> session(s, r.currentSessionRevoked())).orElse(null));
    return json;
  }

  /** The token is shown here once, at login or rotation, and nowhere else. */
  static Map<String, Object> issued(IssuedSession issued) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("token", issued.token().value());
    json.put("tokenType", "Bearer");
    json.put("session", session(issued.session(), true));
    return json;
  }
}
