package dev.sessionkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: the session meters (session-micrometer) in Prometheus' text format, or in
 * OpenMetrics when the scraper asks for it in {@code Accept}, as Prometheus does. No meter carries a
 * subject, a session id or a token, so the page tells nobody who is signed in; the server listens on
 * 127.0.0.1 only, and a real deployment would serve it on a port only the scraper reaches.
 */
final class MetricsRoute {
  /** The content types {@link PrometheusMeterRegistry#scrape(String)} writes. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsRoute(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  Router register(Router router) {
    return router.route("GET", "/metrics", this::scrape);
  }

  private void scrape(HttpCall call) {
    boolean openMetrics = call.header("Accept").filter(a -> a.contains("application/openmetrics-text")).isPresent();
    String type = openMetrics ? OPEN_METRICS : PROMETHEUS_TEXT;
    call.send(200, type, registry.scrape(type).getBytes(UTF_8));
  }
}
