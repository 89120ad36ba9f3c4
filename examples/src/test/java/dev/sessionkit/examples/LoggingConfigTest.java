package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The levels the example runs its loggers at on slf4j-simple (tests log through slf4j-test instead,
 * so this reads the file the runtime binding reads).
 */
class LoggingConfigTest {
  private static Properties simpleLogger() throws IOException {
    Properties levels = new Properties();
    try (InputStream in = LoggingConfigTest.class.getResourceAsStream("/simplelogger.properties")) {
      assertThat(in).as("simplelogger.properties on the class path").isNotNull();
      levels.load(in);
    }
    return levels;
  }

  @Test
  void hikariNeverPrintsTheDriversExceptionMessages() throws IOException {
    // ProxyConnection logs a broken connection's SQLException, message and all, at WARN.
    assertThat(simpleLogger()).containsEntry("org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.ProxyConnection", "error");
  }

  @Test
  void jettyNeverLogsRequestHeaders() throws IOException {
    assertThat(simpleLogger()).containsEntry("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn")
        .doesNotContainKey("org.slf4j.simpleLogger.defaultLogLevel"); // INFO, the binding's default
  }
}
