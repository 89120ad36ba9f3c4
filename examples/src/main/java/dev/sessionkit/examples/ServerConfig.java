package dev.sessionkit.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The example's settings, from system properties or environment variables:
 *
 * <ul>
 *   <li>{@code sessionkit.port} / {@code SESSIONKIT_PORT}: HTTP port, default 8080 (0 picks a free one);
 *   <li>{@code sessionkit.dataDir} / {@code SESSIONKIT_DATA_DIR}: where the embedded H2 database file
 *       lives, default {@code ./sessionkit-data};
 *   <li>{@code sessionkit.jdbcUrl} / {@code SESSIONKIT_JDBC_URL}: a JDBC URL (PostgreSQL, MariaDB, H2)
 *       to use instead of the embedded file, with {@code sessionkit.jdbcUser} / {@code
 *       SESSIONKIT_JDBC_USER} and {@code sessionkit.jdbcPassword} / {@code SESSIONKIT_JDBC_PASSWORD};
 *   <li>{@code sessionkit.purgeSeconds} / {@code SESSIONKIT_PURGE_SECONDS}: how often expired sessions
 *       are purged, default 300.
 * </ul>
 */
record ServerConfig(
    int port, Path dataDir, Optional<String> jdbcUrl, String jdbcUser, String jdbcPassword, Duration purgeInterval) {

  /** Rejects settings that cannot work, with the setting's name. */
  ServerConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("sessionkit.port must be 0 to 65535, was " + port);
    }
    if (purgeInterval.toMillis() < 1) {
      throw new IllegalArgumentException("the purge interval must be at least 1 ms, was " + purgeInterval);
    }
  }

  static ServerConfig fromEnvironment() {
    long purgeSeconds = Long.parseLong(setting("sessionkit.purgeSeconds", "SESSIONKIT_PURGE_SECONDS").orElse("300"));
    if (purgeSeconds < 1) {
      throw new IllegalArgumentException("sessionkit.purgeSeconds must be at least 1, was " + purgeSeconds);
    }
    return new ServerConfig(
        Integer.parseInt(setting("sessionkit.port", "SESSIONKIT_PORT").orElse("8080")),
        Path.of(setting("sessionkit.dataDir", "SESSIONKIT_DATA_DIR").orElse("sessionkit-data")),
        setting("sessionkit.jdbcUrl", "SESSIONKIT_JDBC_URL"),
        setting("sessionkit.jdbcUser", "SESSIONKIT_JDBC_USER").orElse(null),
        setting("sessionkit.jdbcPassword", "SESSIONKIT_JDBC_PASSWORD").orElse(null),
        Duration.ofSeconds(purgeSeconds));
  }

  /** The embedded default on a given port and data directory (tests use port 0). */
  static ServerConfig embedded(int port, Path dataDir) {
    return new ServerConfig(port, dataDir, Optional.empty(), null, null, Duration.ofMinutes(5));
  }

  /** The same settings, purging at another interval (tests purge every few milliseconds). */
  ServerConfig purgingEvery(Duration interval) {
    return new ServerConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, interval);
  }

  private static Optional<String> setting(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
