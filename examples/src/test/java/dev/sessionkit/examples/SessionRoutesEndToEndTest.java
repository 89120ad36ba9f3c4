package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionkit.examples.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session routes over real HTTP, whatever store the server runs on: sign-in, list, count, get,
 * revoke one, revoke all, revoke others, a DELETE naming sessions, rotate and attributes. Each leaf
 * starts the server on its store ({@link ExampleServerEndToEndTest} on the embedded database, with
 * every other route; {@link RedisExampleServerEndToEndTest} on Redis).
 */
abstract class SessionRoutesEndToEndTest extends RunningExampleServer {
  static void assertError(Response r, int status, String code) {
    assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
    assertThat(r.body().path("error").path("code").asText()).isEqualTo(code);
    assertThat(r.body().path("error").path("status").asInt()).isEqualTo(status);
    assertThat(r.body().path("error").path("message").asText()).isNotBlank();
  }

  static void assertSessionShape(JsonNode s, String subject, boolean current) {
    assertThat(s.get("id").asText()).matches("[A-Za-z0-9_-]{22}");
    assertThat(s.get("current").asBoolean()).isEqualTo(current);
    assertThat(s.get("subject").asText()).isEqualTo(subject);
    for (String time : List.of("createdAt", "lastAccessedAt", "expiresAt", "idleExpiresAt")) {
      assertThat(s.get(time).asText()).as(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    }
    assertThat(s.get("version").asLong()).isPositive();
    JsonNode c = s.get("client");
    assertThat(c.get("ipAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(c.get("userAgent").asText()).isEqualTo(ApiClient.CHROME_UA);
    assertThat(c.get("browser").asText()).isEqualTo("Chrome 120");
    assertThat(c.get("os").asText()).isEqualTo("Windows 10");
    assertThat(c.get("deviceType").asText()).isEqualTo("DESKTOP");
    assertThat(c.has("deviceName")).isTrue();
    assertThat(c.get("environment").asText()).isEqualTo("web");
    assertThat(c.get("authenticationType").asText()).isEqualTo("password");
    assertThat(c.has("fingerprint")).isTrue();
    assertThat(s.get("attributes").isObject()).isTrue();
  }

  @Test
  void loginReturnsTheTokenOnceAndTheSession() {
    Response r = api.login("alice", "alice-password", "Work laptop");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().get("token").asText()).matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    assertThat(r.body().get("tokenType").asText()).isEqualTo("Bearer");
    JsonNode session = r.body().get("session");
    assertSessionShape(session, "alice", true);
    assertThat(session.get("version").asLong()).isEqualTo(1);
    assertThat(session.get("client").get("deviceName").asText()).isEqualTo("Work laptop");
    assertThat(r.body().get("token").asText()).startsWith(session.get("id").asText() + ".");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void listInPagesWithTotalsAndTheCurrentFlag() {
    api.token("alice", "one");
    api.token("alice", "two");
    String me = api.token("alice", "three");

    Response r = api.get("/sessions?page=1&limit=2&count=true", me);

    assertThat(r.status()).isEqualTo(200);
    JsonNode page = r.body();
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("count").asInt()).isEqualTo(2);
    assertThat(page.get("page").asInt()).isEqualTo(1);
    assertThat(page.get("perPage").asInt()).isEqualTo(2);
    assertThat(page.get("offset").asInt()).isZero();
    assertThat(page.get("total").asInt()).isEqualTo(3);
    assertThat(page.get("totalPages").asInt()).isEqualTo(2);
    assertThat(page.get("nextCursor").asText()).isNotBlank();
    assertSessionShape(page.get("items").get(0), "alice", true);
    assertThat(page.get("items").get(0).get("client").get("deviceName").asText()).isEqualTo("three");

    JsonNode second = api.get("/sessions?page=2&limit=2", me).body();
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.get("total").isNull()).isTrue();
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertThat(second.get("items").get(0).get("current").asBoolean()).isFalse();
  }

  @Test
  void countGetAndValidateOne() {
    String me = api.token("alice", "me");
    String otherId = api.login("alice", "alice-password", "other").body().get("session").get("id").asText();

    assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(2);
    JsonNode got = api.get("/sessions/" + otherId, me).body();
    assertSessionShape(got, "alice", false);
    assertThat(got.get("id").asText()).isEqualTo(otherId);
    JsonNode current = api.get("/sessions/current", me).body();
    assertSessionShape(current, "alice", true);
    assertThat(api.get("/sessions/validate/" + otherId, me).body())
        .isEqualTo(HttpCall.JSON.valueToTree(Map.of("id", otherId, "active", true)));
    assertThat(api.get("/sessions/validate/AAAAAAAAAAAAAAAAAAAAAA", me).body().get("active").asBoolean()).isFalse();
    assertError(api.get("/sessions/AAAAAAAAAAAAAAAAAAAAAA", me), 404, "SESSION_NOT_FOUND");
  }

  @Test
  void revokeOneAnswersWithTheRevokedSession() {
    String me = api.token("alice", "me");
    Response other = api.login("alice", "alice-password", "other");
    String otherId = other.body().get("session").get("id").asText();

    Response r = api.delete("/sessions/" + otherId, me);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("revoked").asBoolean()).isTrue();
    assertThat(r.body().get("currentSessionRevoked").asBoolean()).isFalse();
    assertSessionShape(r.body().get("session"), "alice", false);
    assertThat(r.body().get("session").get("id").asText()).isEqualTo(otherId);
    assertError(api.get("/sessions", other.body().get("token").asText()), 401, "INVALID_TOKEN");
    assertError(api.delete("/sessions/" + otherId, me), 404, "SESSION_NOT_FOUND");
  }

  @Test
  void revokeAllWithAndWithoutTheCurrentSession() {
    String me = api.token("alice", "me");
    String other = api.token("alice", "other");

    JsonNode keep = api.delete("/sessions?includeCurrent=false", me).body();
    assertThat(keep.get("revoked").asInt()).isEqualTo(1);
    assertThat(keep.get("currentSessionRevoked").asBoolean()).isFalse();
    assertThat(api.get("/sessions/count", me).status()).isEqualTo(200);
    assertThat(api.get("/sessions/count", other).status()).isEqualTo(401);

    JsonNode all = api.delete("/sessions?includeCurrent=true", me).body();
    assertThat(all.get("revoked").asInt()).isEqualTo(1);
    assertThat(all.get("currentSessionRevoked").asBoolean()).isTrue();
    assertError(api.get("/sessions/count", me), 401, "INVALID_TOKEN");
    assertError(api.delete("/sessions?includeCurrent=perhaps", api.token("alice", "x")), 400, "INVALID_ARGUMENT");
  }

  @Test
  void revokeOthersKeepsThisDevice() {
    String me = api.token("alice", "me");
    api.token("alice", "a");
    api.token("alice", "b");

    JsonNode r = api.post("/sessions/revoke-others", me, null).body();

    assertThat(r.get("revoked").asInt()).isEqualTo(2);
    assertThat(r.get("revokedIds")).hasSize(2);
    assertThat(r.get("currentSessionRevoked").asBoolean()).isFalse();
    assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void deleteWithASessionsBodyRevokesThatListOnly() {
    Response login = api.login("alice", "alice-password", "me");
    String me = login.body().get("token").asText();
    String myId = login.body().get("session").get("id").asText();
    String other = api.login("alice", "alice-password", "other").body().get("session").get("id").asText();
    String third = api.login("alice", "alice-password", "third").body().get("session").get("id").asText();
    String bobs = api.login("bob", "bob-password", "b").body().get("session").get("id").asText();

    JsonNode one = api.call("DELETE", "/sessions", me, Map.of("sessions", List.of(other))).body();
    assertThat(one.get("revokedIds")).extracting(JsonNode::asText).containsExactly(other);
    assertThat(one.get("notFound")).isEmpty();
    assertThat(one.get("currentSessionRevoked").asBoolean()).isFalse();
    assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(2); // me and third live on

    JsonNode mixed = api.call("DELETE", "/sessions", me, Map.of("sessions", List.of(third, "nope", bobs))).body();
    assertThat(mixed.get("revokedIds")).extracting(JsonNode::asText).containsExactly(third);
    assertThat(mixed.get("notFound")).extracting(JsonNode::asText).containsExactly("nope", bobs);

    // Unknown ids count against the bulk limit like the others; past it nothing is revoked.
    List<String> tooMany = new ArrayList<>(List.of(myId));
    for (int i = 0; i < 100; i++) {
      tooMany.add("id" + i);
    }
    assertError(api.call("DELETE", "/sessions", me, Map.of("sessions", tooMany)), 400, "BULK_LIMIT_EXCEEDED");
    for (String body : List.of("{}", "not json", "{\"sessions\":\"" + myId + "\"}", "{\"sessions\":[1]}",
        "{\"sessions\":[]}", "{\"sessions\":[\"" + myId + "\"],\"includeCurrent\":false}", "[\"" + myId + "\"]")) {
      assertError(api.call("DELETE", "/sessions", me, body), 400, "INVALID_ARGUMENT");
    }
    assertError(api.call("DELETE", "/sessions?includeCurrent=false", me, Map.of("sessions", List.of(myId))),
        400, "INVALID_ARGUMENT");
    assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(1);
    assertThat(api.get("/sessions/count", api.token("bob", "b2")).body().get("count").asInt()).isEqualTo(2);

    JsonNode mine = api.call("DELETE", "/sessions", me, Map.of("sessions", List.of(myId))).body();
    assertThat(mine.get("currentSessionRevoked").asBoolean()).isTrue();
    assertError(api.get("/sessions/count", me), 401, "INVALID_TOKEN");
  }

  @Test
  void rotateKillsTheOldTokenAndLogoutKillsTheNewOne() {
    String old = api.token("alice", "me");

    Response rotated = api.post("/sessions/current/rotate", old, null);

    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.body().get("token").asText();
    assertThat(rotated.body().get("session").get("version").asLong()).isEqualTo(2);
    assertError(api.get("/sessions/current", old), 401, "INVALID_TOKEN");
    assertThat(api.get("/sessions/current", fresh).status()).isEqualTo(200);
    JsonNode out = api.post("/logout", fresh, null).body();
    assertThat(out.get("currentSessionRevoked").asBoolean()).isTrue();
    assertError(api.get("/sessions/current", fresh), 401, "INVALID_TOKEN");
  }

  @Test
  void attributesUpdateWithVersionsAndConflicts() {
    Response login = api.login("alice", "alice-password", "me");
    String me = login.body().get("token").asText();
    String id = login.body().get("session").get("id").asText();

    Response ok = api.call("PATCH", "/sessions/" + id, me, Map.of("version", 1, "attributes", Map.of("theme", "dark")));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().get("version").asLong()).isEqualTo(2);
    assertThat(ok.body().get("attributes").get("theme").asText()).isEqualTo("dark");

    assertError(api.call("PATCH", "/sessions/" + id, me, Map.of("version", 1, "attributes", Map.of())), 409, "CONFLICT");
    assertError(api.call("PATCH", "/sessions/" + id, me, Map.of("attributes", Map.of())), 400, "INVALID_ARGUMENT");
    assertError(api.call("PATCH", "/sessions/" + id, me, Map.of("version", 2, "attributes", Map.of("n", 1))), 400, "INVALID_ARGUMENT");
  }
}
