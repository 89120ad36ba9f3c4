package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class JdkHttpSettingsTest {
  @Test
  void setsEveryLimitNobodySet() {
    Properties properties = new Properties();

    assertThat(JdkHttpSettings.apply(properties)).isEqualTo(JdkHttpSettings.DEFAULTS);
    assertThat(properties.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("10");
    assertThat(properties.getProperty("sun.net.httpserver.maxRspTime")).isEqualTo("30");
    assertThat(properties.getProperty("sun.net.httpserver.idleInterval")).isEqualTo("30");
    assertThat(properties.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    assertThat(properties.getProperty("sun.net.httpserver.drainAmount")).isEqualTo("1048576");
    assertThat(properties.getProperty("jdk.httpserver.maxConnections")).isEqualTo("1000");
  }

  @Test
  void keepsWhatTheUserSet() {
    Properties properties = new Properties();
    properties.setProperty("sun.net.httpserver.nodelay", "false");
    properties.setProperty("sun.net.httpserver.maxReqTime", "60");

    assertThat(JdkHttpSettings.apply(properties))
        .containsEntry("sun.net.httpserver.nodelay", "false")
        .containsEntry("sun.net.httpserver.maxReqTime", "60")
        .containsEntry("sun.net.httpserver.maxRspTime", "30");
    assertThat(properties.getProperty("sun.net.httpserver.nodelay")).isEqualTo("false");
  }
}
