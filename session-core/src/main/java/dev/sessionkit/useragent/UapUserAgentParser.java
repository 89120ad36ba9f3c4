package dev.sessionkit.useragent;

import dev.sessionkit.DeviceType;
import dev.sessionkit.UserAgentParser;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * A {@link UserAgentParser} on the ua-parser project's maintained rule set ({@code
 * com.github.ua-parser:uap-java}, an optional dependency of session-core: add it to use this class).
 * Browser and OS come straight from the rules; the device type is derived from the device and OS
 * families, since the rules name devices ("iPhone", "Spider") rather than kinds.
 *
 * <p>Building one compiles a few hundred regular expressions (tens of milliseconds): make one per
 * application. Parsing runs once per login, never on the validation path. Thread-safe.
 */
public final class UapUserAgentParser implements UserAgentParser {
  private final Parser parser;

  /** Loads the rules shipped in the uap-java jar. */
  public UapUserAgentParser() {
    this.parser = new Parser();
  }

  @Override
  public UserAgentDetails parse(String userAgent) {
    Client client = parser.parse(userAgent);
    String browser = join(client.userAgent.family, client.userAgent.major);
    String os = join(client.os.family, client.os.major);
    return new UserAgentDetails(browser, os, deviceType(client, userAgent));
  }

  private static @Nullable String join(@Nullable String family, @Nullable String major) {
    if (family == null || "Other".equals(family)) {
      return null;
    }
    return major == null ? family : family + ' ' + major;
  }

  private static DeviceType deviceType(Client client, String userAgent) {
    String device = client.device.family == null ? "" : client.device.family;
    String os = client.os.family == null ? "" : client.os.family;
    String ua = userAgent.toLowerCase(Locale.ROOT);
    if ("Spider".equals(device) || ua.contains("bot") || ua.contains("crawler")) {
      return DeviceType.BOT;
    }
    if (device.startsWith("iPad") || ua.contains("tablet")) {
      return DeviceType.TABLET;
    }
    if (ua.contains("smart-tv") || ua.contains("smarttv") || os.contains("Tizen") && ua.contains("tv")) {
      return DeviceType.TV;
    }
    if (os.equals("Android")) {
      // Android phones announce "Mobile"; Android tablets do not.
      return ua.contains("mobile") ? DeviceType.MOBILE : DeviceType.TABLET;
    }
    if (os.equals("iOS") || device.startsWith("iPhone") || ua.contains("mobile")) {
      return DeviceType.MOBILE;
    }
    if (os.startsWith("Windows") || os.equals("Mac OS X") || os.equals("macOS") || os.equals("Linux")
        || os.equals("Ubuntu") || os.equals("Fedora") || os.equals("Chrome OS") || os.equals("ChromeOS")) {
      return DeviceType.DESKTOP;
    }
    return "Other".equals(os) || os.isEmpty() ? DeviceType.UNKNOWN : DeviceType.OTHER;
  }
}
