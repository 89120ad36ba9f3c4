package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.examples.ApiClient.Response;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} over real HTTP: what the routes did shows in the scrape, and nothing private. */
class MetricsEndToEndTest extends RunningExampleServer {

  private Response scrape(String accept) {
    return api.send(api.request("/metrics").setHeader("Accept", accept).GET());
  }

  private static List<String> sessionkitLines(Response r) {
    return Arrays.stream(r.raw().body().split("\n")).filter(l -> l.startsWith("sessionkit_")).toList();
  }

  @Test
  void scrapeCountsLoginsValidationsAndStoreCalls() {
    String token = api.token("alice", "Work laptop");
    assertThat(api.get("/sessions/current", token).status()).isEqualTo(200);
    assertThat(api.get("/sessions/current", token).status()).isEqualTo(200);
    assertThat(api.get("/sessions/current", "junk").status()).isEqualTo(401);
    assertThat(api.post("/logout", token, null).status()).isEqualTo(200);

    Response r = scrape("text/plain");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(sessionkitLines(r))
        .contains(
            "sessionkit_sessions_issued_total 1.0",
            "sessionkit_sessions_validations_total{outcome=\"valid\"} 3.0", // two reads, and the logout's
            "sessionkit_sessions_validations_total{outcome=\"malformed\"} 1.0",
            "sessionkit_sessions_validations_total{outcome=\"unknown\"} 0.0",
            "sessionkit_sessions_revoked_total{reason=\"logout\"} 1.0",
            "sessionkit_store_calls_seconds_count{operation=\"create\"} 1",
            "sessionkit_store_calls_seconds_count{operation=\"findById\"} 3",
            "sessionkit_store_calls_seconds_count{operation=\"revoke\"} 1")
        // The JDBC store cannot tell its size without a scan: no gauge rather than a wrong one.
        .noneMatch(l -> l.startsWith("sessionkit_sessions_stored"));
    assertThat(r.raw().body()).doesNotContain("alice").doesNotContain(token.substring(0, 22));
  }

  @Test
  void openMetricsWhenTheScraperAsksForIt() {
    api.token("bob", "Phone");

    Response r = scrape("application/openmetrics-text; version=1.0.0; charset=utf-8,text/plain;q=0.5");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(r.raw().body()).contains("sessionkit_sessions_issued_total 1.0").endsWith("# EOF\n");
  }

  @Test
  void headAndOtherMethods() {
    assertThat(api.send(api.request("/metrics").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()))
        .status()).isEqualTo(200);
    assertThat(api.post("/metrics", null, null).status()).isEqualTo(405);
  }
}
