package dev.sessionkit;

import dev.sessionkit.internal.Text;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a session came from: network and device metadata shown on an "active sessions" screen. Every
 * text field is optional (null when unknown); {@link #deviceType()} is {@link DeviceType#UNKNOWN} rather
 * than null. Overlong values are cut at {@value #MAX_LENGTH} characters, never inside a surrogate pair
 * (user agents of several kilobytes exist and must not fail a login); control characters and
 * malformed UTF-16 (unpaired surrogates) are rejected.
 *
 * @param ipAddress the client's IP address as the application sees it
 * @param userAgent the raw User-Agent header
 * @param browser browser name, e.g. "Chrome 120"
 * @param operatingSystem operating system name, e.g. "Windows 10"
 * @param deviceType the kind of device
 * @param deviceName a device name chosen by the user or app, e.g. "P01" or "Alice's laptop"
 * @param environment the environment or app name, e.g. "CashRegister"
 * @param authenticationType how the user signed in, e.g. "password", "Bearer", "sso"
 * @param fingerprint an opaque client fingerprint supplied by the app
 */
public record ClientInfo(
    @Nullable String ipAddress,
    @Nullable String userAgent,
    @Nullable String browser,
    @Nullable String operatingSystem,
    DeviceType deviceType,
    @Nullable String deviceName,
    @Nullable String environment,
    @Nullable String authenticationType,
    @Nullable String fingerprint) {

  /** Longest value kept for any text field. */
  public static final int MAX_LENGTH = 512;

  private static final ClientInfo EMPTY =
      new ClientInfo(null, null, null, null, DeviceType.UNKNOWN, null, null, null, null);

  /**
   * Normalizes and validates every field.
   *
   * @param ipAddress the client's IP address as the application sees it
   * @param userAgent the raw User-Agent header
   * @param browser browser name, e.g. "Chrome 120"
   * @param operatingSystem operating system name, e.g. "Windows 10"
   * @param deviceType the kind of device
   * @param deviceName a device name chosen by the user or app, e.g. "P01" or "Alice's laptop"
   * @param environment the environment or app name, e.g. "CashRegister"
   * @param authenticationType how the user signed in, e.g. "password", "Bearer", "sso"
   * @param fingerprint an opaque client fingerprint supplied by the app
   */
  public ClientInfo {
    ipAddress = clean("ipAddress", ipAddress);
    userAgent = clean("userAgent", userAgent);
    browser = clean("browser", browser);
    operatingSystem = clean("operatingSystem", operatingSystem);
    deviceType = deviceType == null ? DeviceType.UNKNOWN : deviceType;
    deviceName = clean("deviceName", deviceName);
    environment = clean("environment", environment);
    authenticationType = clean("authenticationType", authenticationType);
    fingerprint = clean("fingerprint", fingerprint);
  }

  /**
   * No metadata at all.
   *
   * @return the empty instance
   */
  public static ClientInfo empty() {
    return EMPTY;
  }

  /**
   * A builder for the common case of a few known fields.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised with this instance's fields.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .ipAddress(ipAddress)
        .userAgent(userAgent)
        .browser(browser)
        .operatingSystem(operatingSystem)
        .deviceType(deviceType)
        .deviceName(deviceName)
        .environment(environment)
        .authenticationType(authenticationType)
        .fingerprint(fingerprint);
  }

  private static @Nullable String clean(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (Text.hasControlCharacter(trimmed)) {
      throw new SessionException(
          ErrorCode.INVALID_ARGUMENT, "client info field " + field + " contains control characters");
    }
    if (!Text.isWellFormedUtf16(trimmed)) {
      throw new SessionException(
          ErrorCode.INVALID_ARGUMENT, "client info field " + field + " is not well-formed UTF-16");
    }
    return Text.cut(trimmed, MAX_LENGTH);
  }

  /** Builds a {@link ClientInfo}; every field is optional. */
  public static final class Builder {
    private @Nullable String ipAddress;
    private @Nullable String userAgent;
    private @Nullable String browser;
    private @Nullable String operatingSystem;
    private DeviceType deviceType = DeviceType.UNKNOWN;
    private @Nullable String deviceName;
    private @Nullable String environment;
    private @Nullable String authenticationType;
    private @Nullable String fingerprint;

    private Builder() {}

    /**
     * @param value IP address
     * @return this builder
     */
    public Builder ipAddress(@Nullable String value) {
      ipAddress = value;
      return this;
    }

    /**
     * @param value raw User-Agent header
     * @return this builder
     */
    public Builder userAgent(@Nullable String value) {
      userAgent = value;
      return this;
    }

    /**
     * @param value browser name
     * @return this builder
     */
    public Builder browser(@Nullable String value) {
      browser = value;
      return this;
    }

    /**
     * @param value operating system name
     * @return this builder
     */
    public Builder operatingSystem(@Nullable String value) {
      operatingSystem = value;
      return this;
    }

    /**
     * @param value device type, null means unknown
     * @return this builder
     */
    public Builder deviceType(@Nullable DeviceType value) {
      deviceType = value == null ? DeviceType.UNKNOWN : value;
      return this;
    }

    /**
     * @param value device name
     * @return this builder
     */
    public Builder deviceName(@Nullable String value) {
      deviceName = value;
      return this;
    }

    /**
     * @param value environment or app name
     * @return this builder
     */
    public Builder environment(@Nullable String value) {
      environment = value;
      return this;
    }

    /**
     * @param value authentication type
     * @return this builder
     */
    public Builder authenticationType(@Nullable String value) {
      authenticationType = value;
      return this;
    }

    /**
     * @param value opaque fingerprint
     * @return this builder
     */
    public Builder fingerprint(@Nullable String value) {
      fingerprint = value;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the client info
     * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} when a field has control characters
     */
    public ClientInfo build() {
      return new ClientInfo(
          ipAddress,
          userAgent,
          browser,
          operatingSystem,
          Objects.requireNonNullElse(deviceType, DeviceType.UNKNOWN),
          deviceName,
          environment,
          authenticationType,
          fingerprint);
    }
  }
}
