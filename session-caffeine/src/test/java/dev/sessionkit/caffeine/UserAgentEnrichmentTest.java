package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.Session;
import dev.sessionkit.SessionService;
import dev.sessionkit.useragent.UapUserAgentParser;
import org.junit.jupiter.api.Test;

/** The service fills browser, OS and device type from the user agent where the app left them empty. */
class UserAgentEnrichmentTest {
  private static final String FIREFOX_LINUX =
      "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

  private final SessionService service = SessionService.builder(CaffeineSessionStore.builder().build())
      .userAgentParser(new UapUserAgentParser()).build();

  @Test
  void parsedFieldsFillTheGaps() {
    Session s = service.issue("alice", ClientInfo.builder().userAgent(FIREFOX_LINUX).ipAddress("198.51.100.4").build())
        .session();

    assertThat(s.client().browser()).isEqualTo("Firefox 121");
    assertThat(s.client().operatingSystem()).isEqualTo("Ubuntu");
    assertThat(s.client().deviceType()).isEqualTo(DeviceType.DESKTOP);
    assertThat(s.client().ipAddress()).isEqualTo("198.51.100.4");
  }

  @Test
  void valuesFromTheAppWin() {
    Session s = service.issue("alice", ClientInfo.builder().userAgent(FIREFOX_LINUX)
        .browser("Our Desktop App 3.1").deviceType(DeviceType.OTHER).build()).session();

    assertThat(s.client().browser()).isEqualTo("Our Desktop App 3.1");
    assertThat(s.client().deviceType()).isEqualTo(DeviceType.OTHER);
    assertThat(s.client().operatingSystem()).isEqualTo("Ubuntu");
  }

  @Test
  void withoutAParserOnlyTheRawUserAgentIsKept() {
    SessionService plain = SessionService.builder(CaffeineSessionStore.builder().build()).build();

    Session s = plain.issue("alice", ClientInfo.builder().userAgent(FIREFOX_LINUX).build()).session();

    assertThat(s.client().userAgent()).isEqualTo(FIREFOX_LINUX);
    assertThat(s.client().browser()).isNull();
    assertThat(s.client().deviceType()).isEqualTo(DeviceType.UNKNOWN);
  }
}
