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

  @Test
  void everyDeviceKindIsRecognised() {
    assertThat(PARSER.parse("Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.1 Mobile/15E148 Safari/604.1").deviceType()).as("iPad").isEqualTo(DeviceType.TABLET);
    assertThat(PARSER.parse("Mozilla/5.0 (Linux; U; en-us; KFTT Build/IML74K) AppleWebKit/535.19 (KHTML, like Gecko)"
        + " Silk/3.0 Safari/535.19 Silk-Accelerated=true Tablet").deviceType()).as("a tablet by its UA").isEqualTo(DeviceType.TABLET);
    assertThat(PARSER.parse("Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36").deviceType()).as("smart TV").isEqualTo(DeviceType.TV);
    assertThat(PARSER.parse("Mozilla/5.0 (Linux; Tizen 2.3) AppleWebKit/538.1 (KHTML, like Gecko) Version/2.3 TV Safari/538.1")
        .deviceType()).as("Tizen TV").isEqualTo(DeviceType.TV);
    assertThat(PARSER.parse("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.1 Safari/605.1.15").deviceType()).as("Mac").isEqualTo(DeviceType.DESKTOP);
    assertThat(PARSER.parse("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0").deviceType())
        .as("Linux").isEqualTo(DeviceType.DESKTOP);
    assertThat(PARSER.parse("Mozilla/5.0 (compatible; MSIE 9.0; Windows Phone OS 7.5; Trident/5.0; IEMobile/9.0)")
        .deviceType()).as("a phone by its UA").isEqualTo(DeviceType.MOBILE);
    assertThat(PARSER.parse("Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)")
        .deviceType()).as("an OS that is neither").isIn(DeviceType.OTHER, DeviceType.UNKNOWN);
    assertThat(PARSER.parse("Mozilla/5.0 (BlackBerry; U; BlackBerry 9900; en) AppleWebKit/534.11+ (KHTML, like Gecko)"
        + " Version/7.1.0.346 Safari/534.11+").deviceType()).as("BlackBerry").isEqualTo(DeviceType.OTHER);
    assertThat(PARSER.parse("Mozilla/5.0 (compatible; YandexSpider/3.0)").deviceType()).isEqualTo(DeviceType.BOT);
    assertThat(PARSER.parse("SomeCrawler/1.0").deviceType()).isEqualTo(DeviceType.BOT);
  }
}
