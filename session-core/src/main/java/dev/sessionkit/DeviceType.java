package dev.sessionkit;

/** The kind of device a session was opened from, as far as the user agent tells. */
public enum DeviceType {
  DESKTOP,
  MOBILE,
  TABLET,
  TV,
  BOT,
  OTHER,
  UNKNOWN
}
