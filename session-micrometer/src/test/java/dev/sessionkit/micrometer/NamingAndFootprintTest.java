package dev.sessionkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionService;
import dev.sessionkit.caffeine.CaffeineSessionStore;
import dev.sessionkit.testkit.FakeClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The meters as a scrape shows them, and what installing nothing costs: session-core refers to no
 * Micrometer class at all.
 */
class NamingAndFootprintTest {
  private static final String NAME = "sessionkit(\\.[a-z]+)+";

  @Test
  void namesFollowMicrometersConventionsAndPrometheusShowsThem() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:00:00Z"));
    SessionMetrics.Instrumented metrics = SessionMetrics.instrument(
        CaffeineSessionStore.builder().clock(clock).executor(Runnable::run).build(), registry);
    try (var store = metrics.store()) {
      SessionService sessions = metrics.serviceBuilder().clock(clock).build();
      IssuedSession issued = sessions.issue("alice", ClientInfo.empty());
      sessions.validate(issued.token().value());
      sessions.validate("junk");

      for (Meter meter : registry.getMeters()) {
        assertThat(meter.getId().getName()).matches(NAME);
        for (Tag tag : meter.getId().getTags()) {
          assertThat(tag.getKey()).matches("[a-z]+");
          assertThat(tag.getValue()).matches("[a-z_]+|[a-z]+[A-Z][A-Za-z]+"); // reasons, operations
        }
      }
      String scrape = registry.scrape();
      assertThat(scrape)
          .contains("sessionkit_sessions_issued_total 1.0")
          .contains("sessionkit_sessions_validations_total{outcome=\"valid\"} 1.0")
          .contains("sessionkit_sessions_validations_total{outcome=\"malformed\"} 1.0")
          .contains("sessionkit_sessions_validations_total{outcome=\"wrong_secret\"} 0.0")
          .contains("sessionkit_sessions_revoked_total{reason=\"cap_eviction\"} 0.0")
          .contains("sessionkit_sessions_cap_evictions_total 0.0")
          .contains("sessionkit_sessions_cap_refusals_total 0.0")
          .contains("sessionkit_sessions_rotations_total 0.0")
          .contains("sessionkit_sessions_purged_total 0.0")
          .contains("sessionkit_store_calls_seconds_count{operation=\"findById\"} 1")
          .doesNotContain("sessionkit_store_calls_seconds_max")
          .contains("sessionkit_store_calls_seconds_sum{operation=\"create\"}")
          .contains("sessionkit_sessions_stored 1.0")
          // Never who, never which session, never a secret.
          .doesNotContain("alice")
          .doesNotContain(issued.session().id().value())
          .doesNotContain(issued.token().value().substring(23));
    }
  }

  @Test
  void sessionCoreRefersToNoMicrometerClass() throws IOException, URISyntaxException {
    Path core = Path.of(SessionService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> classes = new ArrayList<>();
    List<String> referring = new ArrayList<>();
    if (Files.isDirectory(core)) {
      try (Stream<Path> files = Files.walk(core)) {
        for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
          classes.add(file.toString());
          if (refersToMicrometer(Files.readAllBytes(file))) {
            referring.add(file.toString());
          }
        }
      }
    } else {
      try (JarFile jar = new JarFile(core.toFile())) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          if (entry.getName().endsWith(".class")) {
            classes.add(entry.getName());
            try (InputStream in = jar.getInputStream(entry)) {
              if (refersToMicrometer(in.readAllBytes())) {
                referring.add(entry.getName());
              }
            }
          }
        }
      }
    }
    assertThat(classes).as("session-core's classes at %s", core).hasSizeGreaterThan(20);
    assertThat(referring).isEmpty();
  }

  /** A class that uses another names it in its constant pool, as "io/micrometer/...". */
  private static boolean refersToMicrometer(byte[] classFile) {
    return new String(classFile, StandardCharsets.ISO_8859_1).contains("io/micrometer");
  }
}
