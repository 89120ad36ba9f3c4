package dev.sessionkit.examples;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.util.List;

/** A URL path as segments: split while still encoded, then each one decoded (RFC 3986, section 2.4). */
final class PathSegments {
  private PathSegments() {}

  /** The segments of a path that starts with "/"; "/" itself has none, "/a/" has "a" and "". */
  static List<String> split(String path) {
    return path.equals("/") ? List.of() : List.of(path.substring(1).split("/", -1));
  }

  /**
   * Percent-decodes one segment as UTF-8. A "+" stays a "+" (that rule is for query strings only).
   *
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} when it is not percent-encoded UTF-8
   */
  static String decode(String segment) {
    try {
      return Percent.decode(segment);
    } catch (IllegalArgumentException e) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "a path segment is not percent-encoded UTF-8");
    }
  }
}
