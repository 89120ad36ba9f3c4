package dev.sessionkit;

import org.jspecify.annotations.Nullable;

/**
 * Turns a raw User-Agent header into browser, operating system and device type, filled into {@link
 * ClientInfo} at issue time where the application left them empty. The default, {@link #NONE}, parses
 * nothing: a good parser needs a maintained rule set, which sessionkit does not hand-write. {@code
 * dev.sessionkit.useragent.UapUserAgentParser} wraps the ua-parser project's rules (add {@code
 * com.github.ua-parser:uap-java} to use it).
 */
@FunctionalInterface
public interface UserAgentParser {
  /** Parses nothing; sessions keep only the raw user agent. */
  UserAgentParser NONE = userAgent -> UserAgentDetails.UNKNOWN;

  /**
   * @param userAgent the raw header, never null
   * @return what could be read from it, never null
   */
  UserAgentDetails parse(String userAgent);

  /**
   * The parsed parts of a user agent.
   *
   * @param browser browser name and major version, or null
   * @param operatingSystem operating system name and version, or null
   * @param deviceType the kind of device
   */
  record UserAgentDetails(@Nullable String browser, @Nullable String operatingSystem, DeviceType deviceType) {
    /** Nothing known. */
    public static final UserAgentDetails UNKNOWN = new UserAgentDetails(null, null, DeviceType.UNKNOWN);

    /**
     * Defaults the device type to unknown..
     *
     * @param browser browser name and major version, or null
     * @param operatingSystem operating system name and version, or null
     * @param deviceType the kind of device
     */
    public UserAgentDetails {
      deviceType = deviceType == null ? DeviceType.UNKNOWN : deviceType;
    }
  }
}
