package dev.sessionkit.examples;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A URL path as segments: split while still encoded, then each one decoded (RFC 3986, section 2.4). */
final class PathSegments {
  private PathSegments() {}

  /**
   * The path exactly as the client sent it. {@link URI#getRawPath()} is not: it reads "///sessions" as
   * an empty authority and the path "/sessions".
   */
  static String rawPath(URI requestTarget) {
    if (requestTarget.getScheme() != null) {
      return requestTarget.getRawPath(); // absolute form, "http://host/path": the path is the path
    }
    String target = requestTarget.toString(); // the text the URI was parsed from
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

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
    if (segment.indexOf('%') < 0 && segment.chars().allMatch(c -> c < 0x80)) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
        if (low < 0) {
          throw notUtf8();
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c <= 0xFF) {
        bytes.write(c); // the JDK server reads the request line byte by byte into chars 0 to 255
      } else {
        throw notUtf8();
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw notUtf8();
    }
  }

  private static SessionException notUtf8() {
    return new SessionException(ErrorCode.INVALID_ARGUMENT, "a path segment is not percent-encoded UTF-8");
  }
}
