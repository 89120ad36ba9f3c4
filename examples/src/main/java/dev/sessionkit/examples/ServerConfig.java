package dev.sessionkit.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 *   <li>{@code sessionkit.redisUrl} / {@code SESSIONKIT_REDIS_STORE_URL}: a Redis URI ({@code
 *       redis://[:password@]host:port[/database]}) to run on the Redis store instead of a database; not
 *       together with a JDBC URL. Not {@code SESSIONKIT_REDIS_URL}: the test suites read that one for
 *       the Redis they test on, and pointing them elsewhere must not move the server's sessions. Keys
 *       start with {@code sessionkit.redisKeyPrefix} / {@code SESSIONKIT_REDIS_KEY_PREFIX}, default
 *       {@code sessionkit:};
 *   <li>{@code sessionkit.purgeSeconds} / {@code SESSIONKIT_PURGE_SECONDS}: how often expired sessions
 *       are purged, default 300;
 *   <li>{@code sessionkit.idleTimeoutSeconds} / {@code SESSIONKIT_IDLE_TIMEOUT_SECONDS}: how long a
 *       connection may send nothing (mid-request or between requests) or read nothing of its answer
 *       before the server closes it, default 10;
 *   <li>{@code sessionkit.requestHeadTimeoutSeconds} / {@code SESSIONKIT_REQUEST_HEAD_TIMEOUT_SECONDS}: how
 *       long a request's line and headers may take from their first byte, however steadily they come,
 *       default 5 (see {@link RequestHeadDeadline});
 *   <li>{@code sessionkit.maxConnectionsPerAddress} / {@code SESSIONKIT_MAX_CONNECTIONS_PER_ADDRESS}: the
 *       most connections open at once from one client address, default 64 (see {@link
 *       ConnectionsPerAddress});
 *   <li>{@code sessionkit.trustedProxies} / {@code SESSIONKIT_TRUSTED_PROXIES}: the IP addresses of
 *       reverse proxies in front of the server, comma-separated, default none. Only for connections
 *       from these is the client address taken from {@code X-Forwarded-For} (see {@link
 *       ForwardedClientAddress}); from any other, the header is ignored.
 * </ul>
 */
record ServerConfig(
    int port, Path dataDir, Optional<String> jdbcUrl, String jdbcUser, String jdbcPassword, Optional<String> redisUrl,
    String redisKeyPrefix, Duration purgeInterval, Duration idleTimeout, Duration requestHeadTimeout,
    int maxConnectionsPerAddress, List<String> trustedProxies) {
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
  /** Ample for 8 kB of headers on a slow mobile link; a trickling client holds a connection this long. */
  static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(5);
  /** More than browsers open (6 per host) times a busy office behind one NAT address; far under the 1000 in all. */
  static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
  static final String DEFAULT_REDIS_KEY_PREFIX = "sessionkit:";

  /** Rejects settings that cannot work, with the setting's name. */
  ServerConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("sessionkit.port must be 0 to 65535, was " + port);
    }
    if (jdbcUrl.isPresent() && redisUrl.isPresent()) {
      throw new IllegalArgumentException("set either sessionkit.jdbcUrl (SESSIONKIT_JDBC_URL) or sessionkit.redisUrl"
          + " (SESSIONKIT_REDIS_STORE_URL), not both: the server runs on one store");
    }
    if (purgeInterval.toMillis() < 1) {
      throw new IllegalArgumentException("the purge interval must be at least 1 ms, was " + purgeInterval);
    }
    if (idleTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("the idle timeout must be at least 1 ms, was " + idleTimeout);
    }
    if (requestHeadTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("the request head timeout must be at least 1 ms, was " + requestHeadTimeout);
    }
    if (maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException("sessionkit.maxConnectionsPerAddress must be at least 1, was " + maxConnectionsPerAddress);
    }
    trustedProxies = List.copyOf(trustedProxies);
    for (String proxy : trustedProxies) {
      if (ForwardedClientAddress.parse(proxy).isEmpty()) {
        throw new IllegalArgumentException("sessionkit.trustedProxies takes IP addresses, not \"" + proxy + "\"");
      }
    }
  }

  static ServerConfig fromEnvironment() {
    return new ServerConfig(
        Integer.parseInt(setting("sessionkit.port", "SESSIONKIT_PORT").orElse("8080")),
        Path.of(setting("sessionkit.dataDir", "SESSIONKIT_DATA_DIR").orElse("sessionkit-data")),
        setting("sessionkit.jdbcUrl", "SESSIONKIT_JDBC_URL"),
        setting("sessionkit.jdbcUser", "SESSIONKIT_JDBC_USER").orElse(null),
        setting("sessionkit.jdbcPassword", "SESSIONKIT_JDBC_PASSWORD").orElse(null),
        setting("sessionkit.redisUrl", "SESSIONKIT_REDIS_STORE_URL"),
        setting("sessionkit.redisKeyPrefix", "SESSIONKIT_REDIS_KEY_PREFIX").orElse(DEFAULT_REDIS_KEY_PREFIX),
        Duration.ofSeconds(seconds("sessionkit.purgeSeconds", "SESSIONKIT_PURGE_SECONDS", 300)),
        Duration.ofSeconds(seconds("sessionkit.idleTimeoutSeconds", "SESSIONKIT_IDLE_TIMEOUT_SECONDS",
            DEFAULT_IDLE_TIMEOUT.toSeconds())),
        Duration.ofSeconds(seconds("sessionkit.requestHeadTimeoutSeconds", "SESSIONKIT_REQUEST_HEAD_TIMEOUT_SECONDS",
            DEFAULT_REQUEST_HEAD_TIMEOUT.toSeconds())),
        Integer.parseInt(setting("sessionkit.maxConnectionsPerAddress", "SESSIONKIT_MAX_CONNECTIONS_PER_ADDRESS")
            .orElse(Integer.toString(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS))),
        setting("sessionkit.trustedProxies", "SESSIONKIT_TRUSTED_PROXIES")
            .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList())
            .orElse(List.of()));
  }

  /** The embedded default on a given port and data directory (tests use port 0). */
  static ServerConfig embedded(int port, Path dataDir) {
    return new ServerConfig(
        port, dataDir, Optional.empty(), null, null, Optional.empty(), DEFAULT_REDIS_KEY_PREFIX, Duration.ofMinutes(5),
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_REQUEST_HEAD_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, List.of());
  }

  /** The same settings on the Redis store at {@code url}, its keys starting with {@code keyPrefix}. */
  ServerConfig onRedis(String url, String keyPrefix) {
    return new ServerConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, Optional.of(url), keyPrefix,
        purgeInterval, idleTimeout, requestHeadTimeout, maxConnectionsPerAddress, trustedProxies);
  }

  /** The same settings, purging at another interval (tests purge every few milliseconds). */
  ServerConfig purgingEvery(Duration interval) {
    return new ServerConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, redisUrl, redisKeyPrefix,
        interval, idleTimeout, requestHeadTimeout, maxConnectionsPerAddress, trustedProxies);
  }

  /** The same settings with another idle timeout (tests wait seconds for it, not ten). */
  ServerConfig closingIdleConnectionsAfter(Duration timeout) {
    return new ServerConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, redisUrl, redisKeyPrefix,
        purgeInterval, timeout, requestHeadTimeout, maxConnectionsPerAddress, trustedProxies);
  }

  /** The same settings behind these proxies. */
  ServerConfig behindProxies(List<String> proxies) {
    return new ServerConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, redisUrl, redisKeyPrefix,
        purgeInterval, idleTimeout, requestHeadTimeout, maxConnectionsPerAddress, proxies);
  }

  /** The same settings with another deadline for a request's line and headers. */
  ServerConfig closingSlowRequestHeadsAfter(Duration timeout) {
    return new ServerConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, redisUrl, redisKeyPrefix,
        purgeInterval, idleTimeout, timeout, maxConnectionsPerAddress, trustedProxies);
  }

  /** The same settings with another cap on connections from one address. */
  ServerConfig limitingConnectionsPerAddress(int max) {
    return new ServerConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, redisUrl, redisKeyPrefix,
        purgeInterval, idleTimeout, requestHeadTimeout, max, trustedProxies);
  }

  private static long seconds(String property, String variable, long defaultSeconds) {
    long seconds = setting(property, variable).map(Long::parseLong).orElse(defaultSeconds);
    if (seconds < 1) {
      throw new IllegalArgumentException(property + " must be at least 1, was " + seconds);
    }
    return seconds;
  }

  private static Optional<String> setting(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
