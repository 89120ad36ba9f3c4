package dev.sessionkit;

/** The kind of device a session was opened from, as far as the user agent (or the app) tells. */
public enum DeviceType {
  /** A desktop or laptop computer. */
  DESKTOP,
  /** A phone. */
  MOBILE,
  /** A tablet. */
  TABLET,
  /** A television or set-top box. */
  TV,
  /** A crawler or other automated client. */
  BOT,
  /** A known kind of device that is none of the above (a console, a watch, a car). */
  OTHER,
  /** Nothing is known: no user agent, or one that tells nothing. */
  UNKNOWN
}
