package dev.sessionkit.redis;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where things live under one key prefix: {@code <prefix>s:<id>} a session's hash, {@code
 * <prefix>u:<subject>} a subject's index, {@code <prefix>due} the subjects by earliest deadline,
 * {@code <prefix>changes} the change stream (and its pub/sub channel). The scripts build the same
 * names from the prefix (common.lua); the two must agree.
 */
final class KeyLayout {
  /** Printable, no spaces, no braces (a brace would make a Redis Cluster hash tag), 1 to 64 chars. */
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

  private final String prefix;

  KeyLayout(String prefix) {
    Objects.requireNonNull(prefix, "keyPrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "keyPrefix must be 1 to 64 of the characters A-Z a-z 0-9 . _ : -");
    }
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  byte[] prefixBytes() {
    return bytes(prefix);
  }

  byte[] session(String id) {
    return bytes(prefix + "s:" + id);
  }

  byte[] index(String subject) {
    return bytes(prefix + "u:" + subject);
  }

  byte[] due() {
    return bytes(prefix + "due");
  }

  byte[] changes() {
    return bytes(prefix + "changes");
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
