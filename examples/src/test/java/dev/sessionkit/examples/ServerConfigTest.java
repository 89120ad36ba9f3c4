package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The settings the README lists, read from system properties (which win over environment variables). */
class ServerConfigTest {
  @AfterEach
  void clearProperties() {
    System.clearProperty("sessionkit.idleTimeoutSeconds");
    System.clearProperty("sessionkit.purgeSeconds");
    System.clearProperty("sessionkit.trustedProxies");
    System.clearProperty("sessionkit.requestHeadTimeoutSeconds");
    System.clearProperty("sessionkit.maxConnectionsPerAddress");
    System.clearProperty("sessionkit.redisUrl");
    System.clearProperty("sessionkit.redisKeyPrefix");
    System.clearProperty("sessionkit.jdbcUrl");
  }

  @Test
  void aRedisUrlPutsTheServerOnRedisUnderItsKeyPrefix() {
    System.setProperty("sessionkit.redisUrl", " redis://127.0.0.1:6379/2 ");
    ServerConfig config = ServerConfig.fromEnvironment();
    assertThat(config.redisUrl()).contains("redis://127.0.0.1:6379/2");
    assertThat(config.redisKeyPrefix()).isEqualTo("sessionkit:");

    System.setProperty("sessionkit.redisKeyPrefix", "shop:sessions:");
    assertThat(ServerConfig.fromEnvironment().redisKeyPrefix()).isEqualTo("shop:sessions:");
    assertThat(ServerConfig.embedded(0, Path.of("data")).redisUrl()).isEmpty();
    assertThat(ServerConfig.embedded(0, Path.of("data")).onRedis("redis://h:1", "p:").redisUrl()).contains("redis://h:1");
  }

  @Test
  void aJdbcUrlAndARedisUrlTogetherAreRefusedNamingBoth() {
    System.setProperty("sessionkit.jdbcUrl", "jdbc:postgresql://127.0.0.1/test");
    System.setProperty("sessionkit.redisUrl", "redis://127.0.0.1:6379");
    assertThatThrownBy(ServerConfig::fromEnvironment)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionkit.jdbcUrl")
        .hasMessageContaining("sessionkit.redisUrl")
        .hasMessageContaining("not both");
  }

  @Test
  void theStartupLineShowsNoRedisPassword() {
    assertThat(ExampleStore.withoutPassword("redis://:s3cret@cache:6379/0")).isEqualTo("redis://:***@cache:6379/0");
    assertThat(ExampleStore.withoutPassword("rediss://app:s3cret@cache:6380")).isEqualTo("rediss://app:***@cache:6380");
    assertThat(ExampleStore.withoutPassword("redis://s3cret@cache")).isEqualTo("redis://***@cache");
    assertThat(ExampleStore.withoutPassword("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
  }

  @Test
  void requestHeadsTakeFiveSecondsAndAnAddress64ConnectionsUnlessSetOtherwise() {
    assertThat(ServerConfig.fromEnvironment().requestHeadTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ServerConfig.fromEnvironment().maxConnectionsPerAddress()).isEqualTo(64);
    assertThat(ServerConfig.embedded(0, Path.of("data")).requestHeadTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ServerConfig.embedded(0, Path.of("data")).maxConnectionsPerAddress()).isEqualTo(64);

    System.setProperty("sessionkit.requestHeadTimeoutSeconds", "2");
    System.setProperty("sessionkit.maxConnectionsPerAddress", "10");
    assertThat(ServerConfig.fromEnvironment().requestHeadTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(ServerConfig.fromEnvironment().maxConnectionsPerAddress()).isEqualTo(10);

    System.setProperty("sessionkit.requestHeadTimeoutSeconds", "0");
    assertThatThrownBy(ServerConfig::fromEnvironment).hasMessageContaining("sessionkit.requestHeadTimeoutSeconds");
    System.setProperty("sessionkit.requestHeadTimeoutSeconds", "2");
    System.setProperty("sessionkit.maxConnectionsPerAddress", "0");
    assertThatThrownBy(ServerConfig::fromEnvironment).hasMessageContaining("sessionkit.maxConnectionsPerAddress");
  }

  @Test
  void noProxyIsTrustedUnlessListedByAddress() {
    assertThat(ServerConfig.fromEnvironment().trustedProxies()).isEmpty();
    System.setProperty("sessionkit.trustedProxies", " 10.0.0.1, ::1 ,");
    assertThat(ServerConfig.fromEnvironment().trustedProxies()).containsExactly("10.0.0.1", "::1");
    System.setProperty("sessionkit.trustedProxies", "10.0.0.1,proxy.internal");
    assertThatThrownBy(ServerConfig::fromEnvironment)
        .hasMessageContaining("sessionkit.trustedProxies").hasMessageContaining("proxy.internal");
  }

  @Test
  void connectionsIdleForTenSecondsCloseUnlessSetOtherwise() {
    assertThat(ServerConfig.fromEnvironment().idleTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(ServerConfig.embedded(0, Path.of("data")).idleTimeout()).isEqualTo(Duration.ofSeconds(10));

    System.setProperty("sessionkit.idleTimeoutSeconds", "45");
    assertThat(ServerConfig.fromEnvironment().idleTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(ServerConfig.fromEnvironment().closingIdleConnectionsAfter(Duration.ofMillis(1500)).idleTimeout())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void timesUnderASecondAreRefusedNamingTheSetting() {
    System.setProperty("sessionkit.idleTimeoutSeconds", "0");
    assertThatThrownBy(ServerConfig::fromEnvironment).hasMessageContaining("sessionkit.idleTimeoutSeconds");
    System.setProperty("sessionkit.idleTimeoutSeconds", "10");
    System.setProperty("sessionkit.purgeSeconds", "0");
    assertThatThrownBy(ServerConfig::fromEnvironment).hasMessageContaining("sessionkit.purgeSeconds");
  }
}
