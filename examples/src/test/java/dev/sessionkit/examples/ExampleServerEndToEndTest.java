package dev.sessionkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.examples.ApiClient.Response;
import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.CapturedLogs;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Every route of the example server over real HTTP, on a random port, with the embedded store (the
 * session routes that every store must serve alike are in {@link SessionRoutesEndToEndTest}).
 */
class ExampleServerEndToEndTest extends SessionRoutesEndToEndTest {

  /** Rows in the session table, expired ones included: what only a purge removes. */
  private long storedRows() {
    try (Connection c = server.store().pool().orElseThrow().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sessionkit_sessions")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean purgeThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("sessionkit-purge") && t.isAlive());
  }

  @Test
  void wrongPasswordAndUnknownUserAre401() {
    Response wrong = api.login("alice", "nope", "x");
    assertError(wrong, 401, "INVALID_CREDENTIALS");
    assertThat(wrong.header("WWW-Authenticate")).isNull(); // no token was involved, so no Bearer challenge
    assertError(api.login("mallory", "mallory-password", "x"), 401, "INVALID_CREDENTIALS");
    assertThat(wrong.body()).isEqualTo(api.login("mallory", "mallory-password", "x").body()); // who exists is not told
  }

  private static void assertLocked(Response r, long retryAfterSeconds) {
    assertError(r, 429, "TOO_MANY_REQUESTS");
    assertThat(r.header("Retry-After")).isEqualTo(Long.toString(retryAfterSeconds));
  }

  @Test
  void failedSignInsLockTheUserNameForLongerEachTime() throws Exception {
    FakeClock clock = new FakeClock(Instant.now());
    restart(ServerConfig.embedded(0, dataDir), clock);
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    for (int i = 0; i < 5; i++) {
      assertError(api.login("alice", "guess" + i, "x"), 401, "INVALID_CREDENTIALS");
    }

    assertLocked(api.login("alice", "alice-password", "x"), 60); // the right password too: it is not checked
    assertThat(api.login("bob", "bob-password", "x").status()).isEqualTo(201); // other users are not locked
    clock.advance(Duration.ofSeconds(30));
    assertLocked(api.login("alice", "alice-password", "x"), 30);
    clock.advance(Duration.ofSeconds(30));
    assertError(api.login("alice", "guess", "x"), 401, "INVALID_CREDENTIALS"); // the lockout is over...
    assertLocked(api.login("alice", "alice-password", "x"), 120); // ...and one more failure doubles it
    clock.advance(Duration.ofSeconds(120));
    assertThat(api.login("alice", "alice-password", "x").status()).isEqualTo(201); // a success clears the count

    for (int i = 0; i < 4; i++) {
      assertError(api.login("alice", "guess" + i, "x"), 401, "INVALID_CREDENTIALS");
    }
    clock.advance(Duration.ofMinutes(15)); // failures a window apart are forgotten
    for (int i = 0; i < 5; i++) {
      assertError(api.login("alice", "guess" + i, "x"), 401, "INVALID_CREDENTIALS");
    }
    assertLocked(api.login("alice", "alice-password", "x"), 60); // back to the first lockout
    assertThat(logs.messages(Level.WARN)).containsExactly(
        "sign-ins locked for 60 s: 5 failures for one user name from one address",
        "sign-ins locked for 120 s: 6 failures for one user name from one address",
        "sign-ins locked for 60 s: 5 failures for one user name from one address");
  }

  @Test
  void failedSignInsLockTheAddressWhateverTheUserName() throws Exception {
    FakeClock clock = new FakeClock(Instant.now());
    restart(ServerConfig.embedded(0, dataDir), clock);
    for (int i = 0; i < 20; i++) { // one guess each at 20 user names, all from 127.0.0.1
      assertError(api.login("user" + i, "guess", "x"), 401, "INVALID_CREDENTIALS");
    }

    assertLocked(api.login("alice", "alice-password", "x"), 60);
    clock.advance(Duration.ofSeconds(60));
    assertThat(api.login("alice", "alice-password", "x").status()).isEqualTo(201);
    // That success cleared alice, not the address: its next failure locks it again, for longer.
    assertError(api.login("user20", "guess", "x"), 401, "INVALID_CREDENTIALS");
    assertLocked(api.login("bob", "bob-password", "x"), 120);
  }

  /** Signs in over a raw socket with these User-Agent bytes; the session's stored user agent. */
  private String userAgentStoredFor(byte[] userAgent) throws IOException {
    String body = "{\"username\":\"alice\",\"password\":\"alice-password\"}";
    String head = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\nUser-Agent: ";
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      connection.send(head + new String(userAgent, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n\r\n" + body);
      RawHttp.Response r = connection.read(true);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      String token = HttpCall.JSON.readTree(r.body()).path("token").asText();
      JsonNode stored = api.get("/sessions/current", token).body().path("client").path("userAgent");
      return stored.isMissingNode() || stored.isNull() ? null : stored.asText();
    }
  }

  @Test
  void aUserAgentInUtf8IsKeptAsTheTextItIs() throws IOException {
    assertThat(userAgentStoredFor("MyApp/2.1 (Pixel \u2013 Caf\u00e9; \u30c6\u30b9\u30c8) \ud83d\ude00".getBytes(UTF_8)))
        .isEqualTo("MyApp/2.1 (Pixel \u2013 Caf\u00e9; \u30c6\u30b9\u30c8) \ud83d\ude00");
    // Bytes that are no UTF-8 become U+FFFD, each bad sequence one of them; an overlong form is not decoded.
    assertThat(userAgentStoredFor(new byte[] {'a', (byte) 0xFF, 'b', (byte) 0xC0, (byte) 0xAF, 'c', (byte) 0xE2, (byte) 0x80}))
        .isEqualTo("a\ufffdb\ufffd\ufffdc\ufffd");
    // Control characters (C1 ones sent as UTF-8: NEL, CSI) are dropped; Jetty has refused C0 ones but tab.
    assertThat(userAgentStoredFor("a\u0085b\u009bc\td".getBytes(UTF_8))).isEqualTo("abcd");
    assertThat(userAgentStoredFor("\u0085".getBytes(UTF_8))).isNull();
    // Cut where ClientInfo cuts, at 512 chars, never inside a surrogate pair.
    assertThat(userAgentStoredFor("\u00e9".repeat(600).getBytes(UTF_8))).isEqualTo("\u00e9".repeat(ClientInfo.MAX_LENGTH));
    assertThat(userAgentStoredFor(("a".repeat(ClientInfo.MAX_LENGTH - 1) + "\ud83d\ude00").getBytes(UTF_8)))
        .isEqualTo("a".repeat(ClientInfo.MAX_LENGTH - 1));
  }

  /** Signs in with an X-Forwarded-For header. */
  private Response loginFrom(String forwardedFor, String user, String password) {
    return api.send(api.request("/login").header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
  }

  @Test
  void someoneFailingOnPurposeElsewhereDoesNotLockTheUserOut() throws Exception {
    FakeClock clock = new FakeClock(Instant.now());
    restart(ServerConfig.embedded(0, dataDir).behindProxies(List.of("127.0.0.1")), clock);
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    for (int i = 0; i < 5; i++) {
      assertError(loginFrom("203.0.113.66", "alice", "guess" + i), 401, "INVALID_CREDENTIALS");
    }
    assertLocked(loginFrom("203.0.113.66", "alice", "alice-password"), 60);

    Response alice = loginFrom("198.51.100.7", "alice", "alice-password");
    assertThat(alice.status()).isEqualTo(201);
    assertThat(alice.body().path("session").path("client").path("ipAddress").asText()).isEqualTo("198.51.100.7");
    // A client's own X-Forwarded-For is left of what the proxy appends: the proxy's entry counts.
    Response spoofed = loginFrom("198.51.100.7, 203.0.113.66", "alice", "alice-password");
    assertLocked(spoofed, 60);
    assertThat(logs.messages(Level.WARN)).containsExactly("sign-ins locked for 60 s: 5 failures for one user name from one address");
  }

  @Test
  void xForwardedForIsIgnoredUnlessTheConnectionIsATrustedProxys() throws Exception {
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    for (int i = 0; i < 5; i++) { // each from "another address", all from 127.0.0.1
      assertError(loginFrom("203.0.113." + i, "alice", "guess"), 401, "INVALID_CREDENTIALS");
    }
    assertLocked(loginFrom("198.51.100.7", "alice", "alice-password"), 60);
    Response bob = loginFrom("198.51.100.7", "bob", "bob-password");
    assertThat(bob.body().path("session").path("client").path("ipAddress").asText()).isEqualTo("127.0.0.1");

    restart(ServerConfig.embedded(0, dataDir).behindProxies(List.of("10.0.0.1", "::1")), Clock.systemUTC());
    bob = loginFrom("198.51.100.7", "bob", "bob-password"); // 127.0.0.1 is not one of them
    assertThat(bob.body().path("session").path("client").path("ipAddress").asText()).isEqualTo("127.0.0.1");
    restart(ServerConfig.embedded(0, dataDir).behindProxies(List.of("127.0.0.1")), Clock.systemUTC());
    for (String notAnAddress : List.of("example.com", "unknown", "198.51.100.7:443", "")) {
      bob = loginFrom(notAnAddress, "bob", "bob-password"); // the proxy's address, never a lookup
      assertThat(bob.body().path("session").path("client").path("ipAddress").asText()).as(notAnAddress).isEqualTo("127.0.0.1");
    }
    assertThat(loginFrom("2001:db8::7, 127.0.0.1", "bob", "bob-password").body().path("session").path("client")
        .path("ipAddress").asText()).isEqualTo("2001:db8:0:0:0:0:0:7"); // past the trusted hops, right to left
    assertThat(logs.messages(Level.WARN)).hasSize(1);
  }

  @Test
  void signInWithoutItsFieldsIs400NamingTheField() {
    Map<String, String> refused = new java.util.LinkedHashMap<>(); // body -> the field the message names
    refused.put("{}", "username");
    refused.put("", "username");
    refused.put("{\"password\":\"alice-password\"}", "username");
    refused.put("{\"username\":\"alice\"}", "password");
    refused.put("{\"username\":5,\"password\":\"alice-password\"}", "username");
    refused.put("{\"username\":\"alice\",\"password\":null}", "password");
    refused.put("{\"username\":\"\",\"password\":\"x\"}", "username");
    refused.put("{\"username\":\"alice\",\"password\":\"\"}", "password");
    refused.put("{\"username\":\"" + "a".repeat(256) + "\",\"password\":\"x\"}", "username");
    refused.put("{\"username\":\"alice\",\"password\":\"alice-password\",\"deviceName\":7}", "deviceName");
    for (Map.Entry<String, String> body : refused.entrySet()) {
      Response r = api.post("/login", null, body.getKey().isEmpty() ? null : body.getKey());
      assertError(r, 400, "INVALID_ARGUMENT");
      assertThat(r.body().path("error").path("message").asText()).as(body.getKey()).contains(body.getValue());
    }
  }

  @Test
  void everyProtectedRouteWantsAValidBearerToken() {
    String revoked = api.token("alice", "old");
    api.post("/logout", revoked, null);
    List<String[]> routes = List.of(
        new String[] {"GET", "/sessions"}, new String[] {"DELETE", "/sessions"}, new String[] {"GET", "/sessions/count"},
        new String[] {"GET", "/sessions/current"}, new String[] {"POST", "/sessions/current/rotate"},
        new String[] {"POST", "/sessions/revoke-others"}, new String[] {"POST", "/sessions/bulk-revoke"},
        new String[] {"GET", "/sessions/validate/AAAAAAAAAAAAAAAAAAAAAA"}, new String[] {"GET", "/sessions/AAAAAAAAAAAAAAAAAAAAAA"},
        new String[] {"PATCH", "/sessions/AAAAAAAAAAAAAAAAAAAAAA"}, new String[] {"DELETE", "/sessions/AAAAAAAAAAAAAAAAAAAAAA"},
        new String[] {"POST", "/logout"}, new String[] {"GET", "/admin/users/alice/sessions"},
        new String[] {"GET", "/admin/users/alice/sessions/count"});
    for (String[] route : routes) {
      for (String token : new String[] {null, "junk", revoked}) {
        Response r = api.call(route[0], route[1], token, null);
        assertError(r, 401, "INVALID_TOKEN");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
      }
    }
  }

  @Test
  void offsetSortAndCursorForms() {
    String me = api.token("alice", "d0");
    for (int i = 1; i < 5; i++) {
      api.token("alice", "d" + i);
    }

    JsonNode skipTake = api.get("/sessions?$skip=1&$take=2&sort=created&order=asc&$count=true", me).body();
    assertThat(skipTake.get("items")).extracting(n -> n.get("client").get("deviceName").asText()).containsExactly("d1", "d2");
    assertThat(skipTake.get("total").asInt()).isEqualTo(5);
    assertThat(skipTake.get("page").isNull()).isTrue();

    List<String> walked = new ArrayList<>();
    JsonNode page = api.get("/sessions?limit=2&offset=0&sort=created&order=asc", me).body();
    page.get("items").forEach(n -> walked.add(n.get("client").get("deviceName").asText()));
    while (!page.get("nextCursor").isNull()) {
      page = api.get("/sessions?limit=2&cursor=" + page.get("nextCursor").asText(), me).body();
      assertThat(page.get("offset").isNull()).isTrue();
      page.get("items").forEach(n -> walked.add(n.get("client").get("deviceName").asText()));
    }
    assertThat(walked).containsExactly("d0", "d1", "d2", "d3", "d4");
  }

  @Test
  void badPaginationIs400() {
    String me = api.token("alice", "x");
    for (String query : List.of("limit=0", "limit=101", "page=0", "limit=abc", "offset=-1", "sort=bogus",
        "order=sideways", "cursor=junk", "count=maybe")) {
      assertError(api.get("/sessions?" + query, me), 400, "INVALID_ARGUMENT");
    }
  }

  @Test
  void queryParametersAreExactlyWhatTheReadmeDocuments() {
    String me = api.token("alice", "x");
    String cursor = api.get("/sessions?limit=1", api.token("alice", "y")).body().get("nextCursor").asText();
    // query -> the parameter the 400's message must name
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("page=2&offset=5", "offset");
    refused.put("page=1&cursor=" + cursor, "cursor");
    refused.put("offset=1&$skip=1", "$skip");
    refused.put("page=99999999999", "page");
    refused.put("page=2147483648", "page");
    refused.put("offset=9223372036854775808", "offset");
    refused.put("limit=5&$take=5", "$take");
    refused.put("count=true&$count=true", "$count");
    refused.put("limit=1&limit=2", "limit");
    refused.put("limit=+5", "limit");
    refused.put("limit=5.0", "limit");
    refused.put("limit", "limit");
    refused.put("limit=", "limit");
    refused.put("count=TRUE", "count");
    refused.put("count=1", "count");
    refused.put("Limit=5", "Limit");
    refused.put("bogus=1", "bogus");
    refused.put("cursor=" + cursor + "&sort=created", "sort");
    refused.put("cursor=" + cursor + "&order=asc", "order");
    refused.put("cursor=", "cursor");
    refused.put("limit=5&", "empty parameter");
    for (Map.Entry<String, String> query : refused.entrySet()) {
      Response r = api.get("/sessions?" + query.getKey(), me);
      assertError(r, 400, "INVALID_ARGUMENT");
      assertThat(r.body().path("error").path("message").asText()).as(query.getKey()).contains(query.getValue());
    }
    for (String query : List.of("includeCurrent=yes", "includeCurrent=1", "includeCurrent=TRUE", "includeCurrent=",
        "includeCurrent=true&includeCurrent=false", "limit=5")) {
      Response r = api.delete("/sessions?" + query, me);
      assertError(r, 400, "INVALID_ARGUMENT");
      assertThat(r.body().path("error").path("message").asText()).as(query).containsAnyOf("includeCurrent", "limit");
    }
    for (String route : List.of("/sessions/count?x=1", "/sessions/current?count=true", "/admin/users/alice/sessions/count?x=1")) {
      assertError(api.get(route, me), 400, "INVALID_ARGUMENT");
    }
    assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(2); // nothing was revoked

    // The edges of each range are taken: far pages are empty, not errors.
    assertThat(api.get("/sessions?offset=9223372036854775807&limit=100", me).body().get("items")).isEmpty();
    assertThat(api.get("/sessions?page=2147483647&limit=100&count=true", me).body().get("total").asInt()).isEqualTo(2);
    assertThat(api.get("/sessions?$skip=0&$take=1&$count=false", me).body().get("items")).hasSize(1);
    assertThat(api.get("/sessions?limit=1&cursor=" + cursor, me).body().get("items")).hasSize(1);
    // The request line is checked before the token; the page ignores queries, as web pages do.
    assertError(api.get("/sessions?bogus=1", null), 400, "INVALID_ARGUMENT");
    assertThat(api.get("/?utm_source=mail", null).status()).isEqualTo(200);
  }

  @Test
  void bulkRevokeReportsWhatItCouldNotFindAndHonoursTheLimit() {
    String me = api.token("alice", "me");
    String a = api.login("alice", "alice-password", "a").body().get("session").get("id").asText();
    String bobs = api.login("bob", "bob-password", "b").body().get("session").get("id").asText();

    JsonNode r = api.post("/sessions/bulk-revoke", me, Map.of("sessions", List.of(a, bobs, "nope"))).body();

    assertThat(r.get("revoked").asInt()).isEqualTo(1);
    assertThat(r.get("revokedIds")).extracting(JsonNode::asText).containsExactly(a);
    assertThat(r.get("notFound")).extracting(JsonNode::asText).containsExactly(bobs, "nope");
    assertThat(r.get("currentSessionRevoked").asBoolean()).isFalse();
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add("id" + i);
    }
    assertError(api.post("/sessions/bulk-revoke", me, Map.of("sessions", tooMany)), 400, "BULK_LIMIT_EXCEEDED");
    assertError(api.post("/sessions/bulk-revoke", me, Map.of("nothing", 1)), 400, "INVALID_ARGUMENT");
    assertError(api.post("/sessions/bulk-revoke", me, "{not json"), 400, "INVALID_ARGUMENT");
  }

  @Test
  void adminDeleteWithASessionsBodyRevokesThatListOnly() {
    String a1 = api.login("alice", "alice-password", "a1").body().get("session").get("id").asText();
    String a2 = api.login("alice", "alice-password", "a2").body().get("session").get("id").asText();
    String admin = api.token("admin", "console");

    JsonNode r = api.call("DELETE", "/admin/users/alice/sessions", admin, Map.of("sessions", List.of(a1, "nope"))).body();

    assertThat(r.get("revokedIds")).extracting(JsonNode::asText).containsExactly(a1);
    assertThat(r.get("notFound")).extracting(JsonNode::asText).containsExactly("nope");
    assertThat(api.get("/admin/users/alice/sessions/count", admin).body().get("count").asInt()).isEqualTo(1);
    assertError(api.call("DELETE", "/admin/users/alice/sessions", admin, "{}"), 400, "INVALID_ARGUMENT");
    assertThat(api.get("/admin/users/alice/sessions/" + a2, admin).status()).isEqualTo(200);
    assertThat(api.delete("/admin/users/alice/sessions", admin).body().get("revoked").asInt()).isEqualTo(1); // no body: all
  }

  @Test
  void anotherUsersSessionIsNotFoundLikeAnUnknownOne() {
    String alice = api.token("alice", "a");
    String aliceId = api.get("/sessions/current", alice).body().get("id").asText();
    String bob = api.token("bob", "b");

    Response foreign = api.get("/sessions/" + aliceId, bob);
    Response unknown = api.get("/sessions/AAAAAAAAAAAAAAAAAAAAAA", bob);
    assertError(foreign, 404, "SESSION_NOT_FOUND");
    assertThat(foreign.body()).isEqualTo(unknown.body());
    assertError(api.delete("/sessions/" + aliceId, bob), 404, "SESSION_NOT_FOUND");
    assertError(api.call("PATCH", "/sessions/" + aliceId, bob, Map.of("version", 1, "attributes", Map.of())), 404, "SESSION_NOT_FOUND");
    assertThat(api.get("/sessions/validate/" + aliceId, bob).body().get("active").asBoolean()).isFalse();
    assertThat(api.get("/sessions/count", alice).body().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void adminRoutesActOnAnotherUserAndRequireTheAdminRole() {
    String alice = api.token("alice", "a1");
    String a2 = api.login("alice", "alice-password", "a2").body().get("session").get("id").asText();
    String a3 = api.login("alice", "alice-password", "a3").body().get("session").get("id").asText();
    String admin = api.token("admin", "console");

    assertError(api.get("/admin/users/bob/sessions", alice), 403, "FORBIDDEN");

    JsonNode list = api.get("/admin/users/alice/sessions?limit=2&offset=0&count=true", admin).body();
    assertThat(list.get("total").asInt()).isEqualTo(3);
    assertThat(list.get("items")).hasSize(2).allSatisfy(n -> assertThat(n.get("current").asBoolean()).isFalse());
    assertSessionShape(api.get("/admin/users/alice/sessions/" + a2, admin).body(), "alice", false);
    assertError(api.get("/admin/users/bob/sessions/" + a2, admin), 404, "SESSION_NOT_FOUND");

    assertThat(api.delete("/admin/users/alice/sessions/" + a2, admin).body().get("revoked").asBoolean()).isTrue();
    JsonNode bulk = api.post("/admin/users/alice/sessions/bulk-revoke", admin, Map.of("sessions", List.of(a3, a2))).body();
    assertThat(bulk.get("revokedIds")).extracting(JsonNode::asText).containsExactly(a3);
    assertThat(bulk.get("notFound")).extracting(JsonNode::asText).containsExactly(a2);
    JsonNode all = api.delete("/admin/users/alice/sessions", admin).body();
    assertThat(all.get("revoked").asInt()).isEqualTo(1);
    assertError(api.get("/sessions", alice), 401, "INVALID_TOKEN");
    assertThat(api.get("/sessions/current", admin).status()).isEqualTo(200);
  }

  @Test
  void anAdministratorActingOnTheirOwnSessionsIsToldWhenTheCurrentOneGoes() {
    Response login = api.login("admin", "admin-password", "console");
    String admin = login.body().get("token").asText();
    String adminId = login.body().get("session").get("id").asText();
    String laptop = api.login("admin", "admin-password", "laptop").body().get("session").get("id").asText();

    JsonNode list = api.get("/admin/users/admin/sessions", admin).body();
    assertThat(list.get("items")).filteredOn(n -> n.get("current").asBoolean())
        .extracting(n -> n.get("id").asText()).containsExactly(adminId);
    JsonNode other = api.delete("/admin/users/admin/sessions/" + laptop, admin).body();
    assertThat(other.get("currentSessionRevoked").asBoolean()).isFalse();

    JsonNode all = api.delete("/admin/users/admin/sessions", admin).body();
    assertThat(all.get("revokedIds")).extracting(JsonNode::asText).containsExactly(adminId);
    assertThat(all.get("currentSessionRevoked").asBoolean()).isTrue(); // and indeed:
    assertError(api.get("/sessions/current", admin), 401, "INVALID_TOKEN");

    String again = api.token("admin", "again");
    String againId = api.get("/sessions/current", again).body().get("id").asText();
    JsonNode one = api.delete("/admin/users/admin/sessions/" + againId, again).body();
    assertThat(one.get("currentSessionRevoked").asBoolean()).isTrue();
    assertThat(one.get("session").get("current").asBoolean()).isTrue();
    String third = api.token("admin", "third");
    JsonNode listed = api.post("/admin/users/admin/sessions/bulk-revoke", third,
        Map.of("sessions", List.of(api.get("/sessions/current", third).body().get("id").asText()))).body();
    assertThat(listed.get("currentSessionRevoked").asBoolean()).isTrue();
  }

  @Test
  void sessionsSurviveARestartOnTheEmbeddedDatabase() throws Exception {
    String token = api.token("alice", "before restart");
    server.close();

    server = ExampleServer.start(ServerConfig.embedded(0, dataDir));
    api = new ApiClient(server.uri());

    Response r = api.get("/sessions/current", token);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("client").get("deviceName").asText()).isEqualTo("before restart");
  }

  @Test
  void expiredSessionsArePurgedOnScheduleUntilTheServerCloses() throws Exception {
    FakeClock clock = new FakeClock(Instant.now());
    restart(ServerConfig.embedded(0, dataDir).purgingEvery(Duration.ofMillis(20)), clock);
    api.token("alice", "a");
    api.token("bob", "b");
    assertThat(storedRows()).isEqualTo(2);

    clock.advance(Duration.ofDays(8)); // past the seven-day idle timeout

    Await.until("the purge deletes both expired rows", () -> storedRows() == 0, Duration.ofSeconds(10));
    server.close();
    Await.until("the purge thread ends with the server", () -> !purgeThreadAlive(), Duration.ofSeconds(10));
  }

  @Test
  void slowClientsHoldNoThreadAndTheIdleTimeoutClosesThem() throws Exception {
    Duration idle = Duration.ofSeconds(3);
    // One address may have this many connections here (the default is 64), and the head deadline is
    // past the idle timeout: this is the idle timeout's test.
    restart(ServerConfig.embedded(0, dataDir).closingIdleConnectionsAfter(idle)
        .closingSlowRequestHeadsAfter(idle.multipliedBy(10)).limitingConnectionsPerAddress(1000), Clock.systemUTC());
    String me = api.token("alice", "x");
    List<RawHttp> slow = new ArrayList<>();
    try {
      long lastSent = 0;
      for (int i = 0; i < ExampleServer.MAX_THREADS + 50; i++) { // more slow clients than the server has threads
        lastSent = System.nanoTime();
        slow.add(RawHttp.connect(server.uri()).send("GET /sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz")); // never ends
      }
      Await.until("the server holds every slow connection", () -> server.openConnections() >= slow.size(),
          Duration.ofSeconds(10));

      assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(1);
      // Answered while every slow client was still connected: they hold no thread, only a connection.
      assertThat(server.openConnections()).isGreaterThanOrEqualTo(slow.size());
      assertThat(server.busyThreads()).as("busy threads").isLessThan(10);

      Await.until("the idle timeout closes every slow connection, without an answer",
          () -> slow.stream().allMatch(RawHttp::closedByServer), idle.plusSeconds(5));
      assertThat(Duration.ofNanos(System.nanoTime() - lastSent)).isGreaterThanOrEqualTo(idle);
    } finally {
      for (RawHttp connection : slow) {
        connection.close();
      }
    }
  }

  @Test
  void aRequestHeadTricklingInIsCutOffAtItsDeadlineThoughNeverIdle() throws Exception {
    Duration deadline = Duration.ofSeconds(1);
    restart(ServerConfig.embedded(0, dataDir).closingSlowRequestHeadsAfter(deadline), Clock.systemUTC()); // idle: 10 s
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (RawHttp keptAlive = RawHttp.connect(server.uri()); RawHttp slowloris = RawHttp.connect(server.uri())) {
      assertThat(keptAlive.get("/").status()).isEqualTo(200);
      long started = System.nanoTime();
      slowloris.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      // A header byte every 100 ms: never idle for the 10 s idle timeout, and the head never ends.
      trickle.scheduleAtFixedRate(() -> {
        try {
          slowloris.send("X");
        } catch (IOException closedByServer) {
          // cut off
        }
      }, 100, 100, TimeUnit.MILLISECONDS);

      assertThat(slowloris.closesCleanlyOrIsReset()).as("closed without an answer").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(deadline, deadline.plusSeconds(4));
      // Time between requests is the idle timeout's: the connection idle all along still serves.
      assertThat(keptAlive.get("/").status()).isEqualTo(200);
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void oneAddressHoldsAtMostItsCapOfConnections() throws Exception {
    restart(ServerConfig.embedded(0, dataDir).limitingConnectionsPerAddress(3), Clock.systemUTC());
    List<RawHttp> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        idle.add(RawHttp.connect(server.uri())); // open, and send nothing
      }
      Await.until("the server holds the three", () -> server.openConnections() == 3, Duration.ofSeconds(10));
      for (int i = 0; i < 3; i++) {
        try (RawHttp over = RawHttp.connect(server.uri())) {
          assertThat(over.closesCleanlyOrIsReset()).as("a fourth is closed at once").isTrue();
        }
      }
      assertThat(idle).noneMatch(RawHttp::closedByServer);

      idle.remove(0).close();
      Await.until("the server sees one go", () -> server.openConnections() == 2, Duration.ofSeconds(10));
      try (RawHttp again = RawHttp.connect(server.uri())) {
        assertThat(again.get("/").status()).isEqualTo(200);
      }
    } finally {
      for (RawHttp connection : idle) {
        connection.close();
      }
    }
  }

  @Test
  void aBodyThatStopsArrivingIsRefusedAfterTheIdleTimeout() throws Exception {
    Duration idle = Duration.ofSeconds(2);
    restart(ServerConfig.embedded(0, dataDir).closingIdleConnectionsAfter(idle), Clock.systemUTC());
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      long sent = System.nanoTime();
      connection.send("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"username\":"); // 12 of the 100 bytes, then nothing

      RawHttp.Response r = connection.read(true);

      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isBetween(idle, idle.plusSeconds(5));
      assertError(r, 400, "INVALID_ARGUMENT");
      assertThat(r.body()).contains("stopped arriving");
      Await.until("the server closes the connection", connection::closedByServer, Duration.ofSeconds(10));
    }
    assertThat(api.login("alice", "alice-password", "x").status()).isEqualTo(201);
  }

  @Test
  void aBodySentAByteAtATimeIsRefusedLongBeforeItWouldEnd() throws Exception {
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      connection.send("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n");
      // A byte every 100 ms: never idle for the idle timeout, and all 1000 would take 100 seconds.
      trickle.scheduleAtFixedRate(() -> {
        try {
          connection.send(" ");
        } catch (IOException closedByServer) {
          // the answer has come
        }
      }, 0, 100, TimeUnit.MILLISECONDS);

      RawHttp.Response r = connection.read(true); // within RawHttp's 20-second read limit

      assertError(r, 400, "INVALID_ARGUMENT");
      assertThat(r.body()).contains("slower than " + ExampleServer.MIN_BODY_BYTES_PER_SECOND + " bytes a second");
      assertThat(r.headers()).containsEntry("connection", "close");
    } finally {
      trickle.shutdownNow();
    }
    assertThat(api.login("alice", "alice-password", "x").status()).isEqualTo(201);
  }

  @Test
  void requestsOnAKeptAliveConnectionAreNotHeldBackByDelayedAcks() throws Exception {
    String me = api.token("alice", "x");
    long[] millis = new long[20];
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      connection.get("/sessions/count", "Authorization: Bearer " + me); // the first one warms up
      for (int i = 0; i < millis.length; i++) {
        long start = System.nanoTime();
        assertThat(connection.get("/sessions/count", "Authorization: Bearer " + me).status()).isEqualTo(200);
        millis[i] = (System.nanoTime() - start) / 1_000_000;
      }
    }
    // Without TCP_NODELAY each of these waits for the client's delayed ACK: 40 ms or more, every time
    // (44 ms measured, against under 1 ms with it). A loaded machine slows some round trips, but the
    // median is past 20 ms only if most of them stall, which is the bug and not the load.
    java.util.Arrays.sort(millis);
    assertThat(millis[millis.length / 2]).as("median of %s ms", java.util.Arrays.toString(millis)).isLessThan(20);
  }

  @Test
  void aFailingStoreAnswers503WithTheMachineCode() {
    String token = api.token("alice", "x");
    server.store().pool().orElseThrow().close();

    assertError(api.get("/sessions/current", token), 503, "STORE_UNAVAILABLE");
    assertError(api.login("alice", "alice-password", "y"), 503, "STORE_UNAVAILABLE");
  }

  @Test
  void percentEncodedPathsAreDecodedOnce() {
    String me = api.token("alice", "x");
    String admin = api.token("admin", "console");

    assertError(api.get("/sessions/%25zz", me), 404, "SESSION_NOT_FOUND");
    assertError(api.delete("/sessions/count%25", me), 404, "SESSION_NOT_FOUND");
    api.token("bob", "b");
    assertThat(api.get("/admin/users/b%2Bob/sessions?count=true", admin).body().get("total").asInt()).isZero();
    assertThat(api.get("/admin/users/b%6Fb/sessions?count=true", admin).body().get("total").asInt()).isEqualTo(1);
    // An encoded slash stays inside its segment: a subject "a/b", not two segments.
    assertThat(api.get("/admin/users/a%2Fb/sessions/count", admin).body().get("count").asInt()).isZero();
    assertError(api.get("/sessions%2Fcount", me), 404, "NOT_FOUND");
  }

  @Test
  void aTakenPortFailsTheStartAndReleasesTheDatabase(@TempDir Path otherData) throws Exception {
    ServerConfig taken = ServerConfig.embedded(server.port(), otherData);
    CapturedLogs jettyLifeCycle = CapturedLogs.of(org.eclipse.jetty.util.component.AbstractLifeCycle.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExampleServer.start(taken))
        .isInstanceOf(java.io.IOException.class);
    assertThat(jettyLifeCycle.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement().satisfies(failed -> {
      assertThat(failed.getFormattedMessage()).startsWith("FAILED oejs.Server");
      assertThat(failed.getThrowable()).hasValueSatisfying(t -> assertThat(t).hasMessageContaining("Failed to bind"));
    });
    jettyLogs = JettyLogs.mark(); // that warning was the point

    try (ExampleServer again = ExampleServer.start(ServerConfig.embedded(0, otherData))) {
      assertThat(new ApiClient(again.uri()).login("alice", "alice-password", "x").status()).isEqualTo(201);
    }
  }

  @Test
  void unknownRoutesMethodsAndBadBodies() {
    String me = api.token("alice", "x");
    assertError(api.get("/nope", me), 404, "NOT_FOUND");
    Response put = api.call("PUT", "/sessions", me, null);
    assertError(put, 405, "METHOD_NOT_ALLOWED");
    assertThat(put.header("Allow")).isEqualTo("DELETE, GET, HEAD");
    assertError(api.post("/login", null, "[1,2]"), 400, "INVALID_ARGUMENT");
  }

  private static void assertError(RawHttp.Response r, int status, String code) throws IOException {
    assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.headers()).containsEntry("cache-control", "no-store").containsEntry("x-content-type-options", "nosniff")
        .doesNotContainKey("server");
    JsonNode error = HttpCall.JSON.readTree(r.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("status").asInt()).isEqualTo(status);
    assertThat(ErrorCode.valueOf(code).httpStatus()).isEqualTo(status); // a real code, with its own status
    assertThat(error.path("message").asText()).isNotBlank();
  }

  /** Sends one request exactly as written, on a connection of its own, and reads the answer. */
  private RawHttp.Response rawly(String request) throws IOException {
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      return connection.send(request).read(!request.startsWith("HEAD "));
    }
  }

  @Test
  void requestsJettyCannotTakeAreRefusedInTheErrorShapeToo() throws Exception {
    String host = "Host: 127.0.0.1\r\n";
    String json = "Content-Type: application/json\r\n";
    Map<String, String> refused = new java.util.LinkedHashMap<>(); // request -> "status CODE"
    // Targets that are no path, or not one Jetty can read as a URI.
    refused.put("GET //sessions HTTP/1.1\r\n" + host + "\r\n", "404 NOT_FOUND");
    refused.put("GET // HTTP/1.1\r\n" + host + "\r\n", "404 NOT_FOUND");
    refused.put("HEAD //sessions HTTP/1.1\r\n" + host + "\r\n", "404 NOT_FOUND");
    refused.put("OPTIONS * HTTP/1.1\r\n" + host + "\r\n", "404 NOT_FOUND");
    refused.put("GET * HTTP/1.1\r\n" + host + "\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /%zz HTTP/1.1\r\n" + host + "\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /sessions/%2e%2e/count HTTP/1.1\r\n" + host + "\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /../sessions HTTP/1.1\r\n" + host + "\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /sessions#top HTTP/1.1\r\n" + host + "\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /" + "a".repeat(ExampleServer.MAX_REQUEST_HEADER_BYTES) + " HTTP/1.1\r\n" + host + "\r\n",
        "400 INVALID_ARGUMENT"); // Jetty's 414
    // Malformed request lines and headers.
    refused.put("HELLO\r\n\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /sessions HTTP/1.1 extra\r\n" + host + "\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /sessions HTTP/9.9\r\n" + host + "\r\n", "400 INVALID_ARGUMENT"); // Jetty's 505
    refused.put("GET /sessions HTTP/1.1\r\n\r\n", "400 INVALID_ARGUMENT"); // no Host
    refused.put("GET /sessions HTTP/1.1\r\n" + host + "A header line without a colon\r\n\r\n", "400 INVALID_ARGUMENT");
    refused.put("GET /sessions HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(ExampleServer.MAX_REQUEST_HEADER_BYTES) + "\r\n\r\n",
        "400 INVALID_ARGUMENT"); // Jetty's 431
    refused.put("POST /login HTTP/1.1\r\n" + host + json + "Expect: a-miracle\r\nContent-Length: 2\r\n\r\n{}",
        "400 INVALID_ARGUMENT"); // Jetty's 417
    // Bodies Jetty cannot frame, or the router cannot decode.
    refused.put("POST /login HTTP/1.1\r\n" + host + json + "Content-Length: two\r\n\r\n{}", "400 INVALID_ARGUMENT");
    refused.put("POST /login HTTP/1.1\r\n" + host + json + "Transfer-Encoding: gzip\r\n\r\n", "400 INVALID_ARGUMENT");
    refused.put("POST /login HTTP/1.1\r\n" + host + json + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n0\r\n\r\n",
        "400 INVALID_ARGUMENT");
    refused.put("POST /login HTTP/1.1\r\n" + host + json + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        "400 INVALID_ARGUMENT");
    for (Map.Entry<String, String> request : refused.entrySet()) {
      String[] expected = request.getValue().split(" ");
      RawHttp.Response r = rawly(request.getKey());
      assertThat(r.status()).as(request.getKey()).isEqualTo(Integer.parseInt(expected[0]));
      if (request.getKey().startsWith("HEAD ")) {
        assertThat(r.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
      } else {
        assertError(r, Integer.parseInt(expected[0]), expected[1]);
      }
    }
    // Each refusal cost its connection at most: the server answers as before.
    assertThat(api.login("alice", "alice-password", "x").status()).isEqualTo(201);
  }

  @Test
  void aBodyOverTheLimitIs413WithOrWithoutExpectContinue() throws Exception {
    String headers = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    int tooLong = HttpCall.MAX_BODY_BYTES + 1;
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      // Asked first: refused from the length, before a byte is sent (no "100 Continue" comes first).
      connection.send(headers + "Expect: 100-continue\r\nContent-Length: " + tooLong + "\r\n\r\n");
      assertError(connection.read(true), 413, "PAYLOAD_TOO_LARGE");
      Await.until("the server closes the connection, the body unsent", connection::closedByServer, Duration.ofSeconds(10));
    }
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      // Not asked: refused from the length while the client is still sending the body. The answer says
      // the connection closes; the server reads and drops the rest, so that the client can finish
      // sending it (closed with bytes unread, the connection would be reset), then closes cleanly.
      int big = 8 * HttpCall.MAX_BODY_BYTES;
      connection.send(headers + "Content-Length: " + big + "\r\n\r\n" + " ".repeat(HttpCall.MAX_BODY_BYTES));
      RawHttp.Response r = connection.read(true);
      assertError(r, 413, "PAYLOAD_TOO_LARGE");
      assertThat(r.headers()).containsEntry("connection", "close");
      connection.send(" ".repeat(big - HttpCall.MAX_BODY_BYTES));
      assertThat(connection.closesCleanly()).isTrue();
    }
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      // Chunked, so no length to refuse it by: refused once the chunks pass the limit.
      String chunk = Integer.toHexString(16 * 1024) + "\r\n" + " ".repeat(16 * 1024) + "\r\n";
      connection.send(headers + "Transfer-Encoding: chunked\r\n\r\n" + chunk.repeat(5) + "0\r\n\r\n");
      assertError(connection.read(true), 413, "PAYLOAD_TOO_LARGE");
    }
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      // A body within the limit: "100 Continue" once the server reads it, then the answer.
      String login = "{\"username\":\"alice\",\"password\":\"alice-password\"}";
      connection.send(headers + "Expect: 100-continue\r\nContent-Length: " + login.length() + "\r\n\r\n");
      assertThat(connection.read(false).status()).isEqualTo(100);
      assertThat(connection.send(login).read(true).status()).isEqualTo(201);
    }
  }


  @Test
  void oddPathsAreRefusedInTheErrorShape() throws Exception {
    String me = "Authorization: Bearer " + api.token("alice", "x");
    // HttpClient would normalize some of these, so they go over a plain socket, as curl sends them.
    for (String path : List.of("/sessions/", "/sessions//count", "/a//b", "///", "///sessions", "/./sessions", "/sessions/./count",
        "/sessions/../sessions", "/sessions%2Fcount", "/admin/users/alice/sessions/", "/app.js/")) {
      try (RawHttp connection = RawHttp.connect(server.uri())) {
        assertError(connection.get(path, me), 404, "NOT_FOUND");
      }
    }
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      assertError(connection.get("/sessions/%C3%28", me), 400, "INVALID_ARGUMENT"); // not UTF-8
      assertThat(connection.get("/sessions/count", me).status()).isEqualTo(200); // and the connection lives on
    }
  }

  @Test
  void routeNamesAreNeverTakenAsSessionIds() {
    String me = api.token("alice", "x");
    String admin = api.token("admin", "console");
    api.token("bob", "b");

    for (String[] call : List.of(new String[] {"DELETE", "/sessions/current", "GET, HEAD"},
        new String[] {"PATCH", "/sessions/count", "GET, HEAD"}, new String[] {"DELETE", "/sessions/count", "GET, HEAD"},
        new String[] {"GET", "/sessions/revoke-others", "POST"}, new String[] {"DELETE", "/sessions/bulk-revoke", "POST"},
        new String[] {"GET", "/sessions/current/rotate", "POST"},
        new String[] {"DELETE", "/admin/users/bob/sessions/count", "GET, HEAD"},
        new String[] {"GET", "/admin/users/bob/sessions/bulk-revoke", "POST"})) {
      Response r = api.call(call[0], call[1], call[1].startsWith("/admin") ? admin : me, null);
      assertError(r, 405, "METHOD_NOT_ALLOWED");
      assertThat(r.header("Allow")).as(call[0] + " " + call[1]).isEqualTo(call[2]);
    }
    assertError(api.get("/sessions/validate", me), 404, "NOT_FOUND");
    assertThat(api.get("/admin/users/bob/sessions/count", admin).body())
        .isEqualTo(HttpCall.JSON.valueToTree(Map.of("count", 1)));
    assertError(api.get("/admin/users/bob/sessions/count", me), 403, "FORBIDDEN");
    assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void headAnswersEveryGetRouteLikeGetWithoutABody() throws Exception {
    String me = api.token("alice", "x");
    String admin = api.token("admin", "console");
    String id = api.get("/sessions/current", me).body().get("id").asText();
    List<String[]> routes = List.of(new String[] {"/", null}, new String[] {"/app.js", null},
        new String[] {"/style.css", null}, new String[] {"/sessions?count=true", me}, new String[] {"/sessions/count", me},
        new String[] {"/sessions/current", me}, new String[] {"/sessions/" + id, me},
        new String[] {"/sessions/validate/" + id, me}, new String[] {"/admin/users/alice/sessions", admin},
        new String[] {"/admin/users/alice/sessions/count", admin}, new String[] {"/admin/users/alice/sessions/" + id, admin},
        new String[] {"/sessions/current", null}, new String[] {"/nope", me});
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      for (String[] route : routes) {
        String[] auth = route[1] == null ? new String[0] : new String[] {"Authorization: Bearer " + route[1]};
        RawHttp.Response get = connection.get(route[0], auth);
        RawHttp.Response head = connection.exchange("HEAD", route[0], auth);

        assertThat(head.status()).as("HEAD " + route[0]).isEqualTo(get.status());
        assertThat(head.headers().get("content-type")).isEqualTo(get.headers().get("content-type"));
        assertThat(head.headers().get("content-length")).isEqualTo(String.valueOf(get.body().getBytes(UTF_8).length));
      }
      // Every exchange above ran on one connection: had a HEAD answer carried a body, the next read would be garbage.
      assertThat(connection.get("/sessions/count", "Authorization: Bearer " + me).status()).isEqualTo(200);
    }
  }

  @Test
  void oversizedBodiesAre413BeforeOrWhileTheyAreRead() throws IOException {
    byte[] big = new byte[512 * 1024]; // past the 64 kB limit, and more than one read of it
    java.util.Arrays.fill(big, (byte) ' ');
    // The length announced: refused from Content-Length, while the client is still sending the body.
    Response r = api.send(api.request("/login").expectContinue(false)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    assertError(r, 413, "PAYLOAD_TOO_LARGE");
    // With Expect: 100-continue, refused before the client sends it: the answer comes instead of a
    // "100 Continue". Over a plain socket: the HttpClient of JDK 17.0.15 then waits for a 100 for ever
    // (JDK-8286171, fixed in JDK 20 and in later 17 updates; the JDK's own server always said
    // "continue", refusal or not, so this never showed).
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      connection.send("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Expect: 100-continue\r\nContent-Length: " + big.length + "\r\n\r\n");
      assertError(connection.read(true), 413, "PAYLOAD_TOO_LARGE");
    }
    // No length announced (chunked): refused once reading passes the limit.
    Response chunked = api.send(api.request("/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
    assertError(chunked, 413, "PAYLOAD_TOO_LARGE");
    // A chunked body within the limit is read as any other.
    byte[] login = "{\"username\":\"alice\",\"password\":\"alice-password\"}".getBytes(UTF_8);
    Response ok = api.send(api.request("/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(login))));
    assertThat(ok.status()).isEqualTo(201);
  }

  @Test
  void bodiesMustBeJsonInUtf8() throws IOException {
    String me = api.token("alice", "x");
    String id = api.get("/sessions/current", me).body().get("id").asText();
    String login = "{\"username\":\"alice\",\"password\":\"alice-password\"}";
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "text/json", "application/jsonx",
        "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/json; charset=utf-32le",
        "application/json; version=2", "")) {
      HttpRequest.Builder request = api.request("/login").POST(HttpRequest.BodyPublishers.ofString(login));
      if (!type.isEmpty()) {
        request.header("Content-Type", type);
      }
      Response r = api.send(request);
      assertError(r, 415, "UNSUPPORTED_MEDIA_TYPE");
      assertThat(r.body().path("error").path("message").asText()).as(type).contains("application/json");
    }
    for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"")) {
      assertThat(api.send(api.request("/login").header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofString(login))).status()).as(type).isEqualTo(201);
    }
    String bulk = "{\"sessions\":[\"" + id + "\"]}";
    assertError(api.send(api.request("/sessions/bulk-revoke").header("Authorization", "Bearer " + me)
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(bulk))), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertError(api.send(api.request("/sessions/" + id).header("Authorization", "Bearer " + me)
        .header("Content-Type", "text/plain").method("PATCH", HttpRequest.BodyPublishers.ofString(
            "{\"version\":1,\"attributes\":{}}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertThat(api.get("/sessions/current", me).body().get("version").asInt()).isEqualTo(1); // nothing changed
    try (RawHttp connection = RawHttp.connect(server.uri())) {
      // An empty body is no body, however its length is written, and needs no type.
      assertThat(connection.exchange("DELETE", "/sessions?includeCurrent=false", "Authorization: Bearer " + me,
          "Content-Length: 00").status()).isEqualTo(200);
    }
  }

  @Test
  void bodiesMustBeUtf8WithoutAByteOrderMarkAndWithoutMalformedBytes() {
    String login = "{\"username\":\"alice\",\"password\":\"alice-password\",\"deviceName\":\"Caf\u00e9\"}";
    Map<String, byte[]> refused = new java.util.LinkedHashMap<>();
    refused.put("UTF-16LE", login.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    refused.put("UTF-16BE", login.getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
    refused.put("UTF-16 with its byte order mark", login.getBytes(java.nio.charset.StandardCharsets.UTF_16));
    refused.put("UTF-32LE", login.getBytes(java.nio.charset.Charset.forName("UTF-32LE")));
    refused.put("UTF-32BE", login.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
    refused.put("UTF-8 with a byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, login.getBytes(UTF_8)));
    String[] parts = login.split("Caf\u00e9");
    for (byte[] bad : List.of(
        new byte[] {(byte) 0xC3}, // cut: the first byte of two
        new byte[] {(byte) 0xC1, (byte) 0xA9}, // overlong "i"
        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong "/"
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, encoded
        new byte[] {(byte) 0xFF}, // never in UTF-8
        new byte[] {(byte) 0x80})) { // a continuation byte alone
      refused.put("bytes " + java.util.HexFormat.ofDelimiter(" ").formatHex(bad),
          concat(parts[0].getBytes(UTF_8), concat(bad, parts[1].getBytes(UTF_8))));
    }
    for (Map.Entry<String, byte[]> body : refused.entrySet()) {
      Response r = api.send(api.request("/login").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.getValue())));
      assertThat(r.status()).as(body.getKey()).isEqualTo(400);
      assertError(r, 400, "INVALID_ARGUMENT");
    }
    String admin = api.token("admin", "console");
    assertThat(api.get("/admin/users/alice/sessions/count", admin).body().get("count").asInt()).isZero(); // none signed in

    Response utf8 = api.send(api.request("/login").header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(login.getBytes(UTF_8))));
    assertThat(utf8.status()).isEqualTo(201);
    assertThat(utf8.body().path("session").path("client").path("deviceName").asText()).isEqualTo("Caf\u00e9");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void bodiesHoldTheirFieldsAndNothingElse() {
    String me = api.token("alice", "x");
    String id = api.get("/sessions/current", me).body().get("id").asText();
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("/login", "{\"username\":\"alice\",\"password\":\"alice-password\",\"admin\":true}");
    refused.put("/login ", "{\"username\":\"alice\",\"username\":\"bob\",\"password\":\"bob-password\"}");
    refused.put("/login  ", "{\"username\":\"alice\",\"password\":\"alice-password\"} {}");
    refused.put("/sessions/bulk-revoke", "{\"sessions\":[\"" + id + "\"],\"all\":true}");
    for (Map.Entry<String, String> body : refused.entrySet()) {
      Response r = api.post(body.getKey().trim(), body.getKey().startsWith("/login") ? null : me, body.getValue());
      assertError(r, 400, "INVALID_ARGUMENT");
    }
    assertThat(api.post("/login", null, refused.get("/login")).body().path("error").path("message").asText())
        .contains("admin");
    assertThat(api.call("PATCH", "/sessions/" + id, me, Map.of("version", 1, "attributes", Map.of(), "extra", 1)).status())
        .isEqualTo(400);
    assertThat(api.get("/sessions/count", me).body().get("count").asInt()).isEqualTo(1); // nobody signed in, nothing revoked
  }

  @Test
  void thePageIsServedWithAStrictContentSecurityPolicy() {
    Response page = api.get("/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(page.raw().body()).contains("Active sessions");
    assertThat(api.get("/app.js", null).status()).isEqualTo(200);
    assertThat(api.get("/style.css", null).status()).isEqualTo(200);
  }
}
