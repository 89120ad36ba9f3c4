package dev.sessionkit.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.DeviceType;
import dev.sessionkit.UserAgentParser.UserAgentDetails;
import org.junit.jupiter.api.Test;

class UapUserAgentParserTest {
  private static final UapUserAgentParser PARSER = new UapUserAgentParser();

  @Test
  void desktopChromeOnWindows() {
    UserAgentDetails d = PARSER.parse(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36");

    assertThat(d.browser()).isEqualTo("Chrome 120");
    assertThat(d.operatingSystem()).isEqualTo("Windows 10");
    assertThat(d.deviceType()).isEqualTo(DeviceType.DESKTOP);
  }

  @Test
  void safariOnIphone() {
    UserAgentDetails d = PARSER.parse(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1");

    assertThat(d.browser()).startsWith("Mobile Safari");
    assertThat(d.operatingSystem()).isEqualTo("iOS 17");
    assertThat(d.deviceType()).isEqualTo(DeviceType.MOBILE);
  }

  @Test
  void androidTabletAndPhone() {
    assertThat(PARSER.parse("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36")
        .deviceType()).isEqualTo(DeviceType.TABLET);
    assertThat(PARSER.parse("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36")
        .deviceType()).isEqualTo(DeviceType.MOBILE);
  }

  @Test
  void crawlerIsABot() {
    assertThat(PARSER.parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").deviceType())
        .isEqualTo(DeviceType.BOT);
  }

  @Test
  void junkIsUnknown() {
    UserAgentDetails d = PARSER.parse("???");

    assertThat(d.browser()).isNull();
    assertThat(d.operatingSystem()).isNull();
    assertThat(d.deviceType()).isEqualTo(DeviceType.UNKNOWN);
  }
}
