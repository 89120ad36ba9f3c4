package dev.sessionkit.redis;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where things live under one key prefix, the same in standalone and cluster mode: {@code
 * <prefix>{<tag>}s:<id>} a session's hash, {@code <prefix>{<tag>}u:<subject>} a subject's index,
 * {@code <prefix>{<tag>}due} the tag's subjects by earliest deadline, {@code <prefix>{<tag>}changes}
 * the tag's change stream, and {@code <prefix>changes} the one pub/sub channel every script publishes
 * on (PUBLISH reaches every node of a cluster). {@code {<tag>}} is one of the 16 hash tags of
 * {@link SlotTags}: an id's for its hash, a subject's for the rest; an id made by {@link
 * SlotTags#newId} has its subject's. The scripts build the same names from {@code <prefix>{<tag>}}
 * (common.lua); the two must agree.
 */
final class KeyLayout {
  /** Printable, no spaces, no braces (a brace would make a Redis Cluster hash tag), 1 to 64 chars. */
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

  private final String prefix;
  /** {@code <prefix>{<tag>}} of each tag: what the scripts get as ARGV[1]. */
  private final String[] slotPrefixes = new String[SlotTags.COUNT];

  KeyLayout(String prefix) {
    Objects.requireNonNull(prefix, "keyPrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "keyPrefix must be 1 to 64 of the characters A-Z a-z 0-9 . _ : -");
    }
    this.prefix = prefix;
    for (int tag = 0; tag < SlotTags.COUNT; tag++) {
      slotPrefixes[tag] = prefix + SlotTags.hashTag(tag);
    }
  }

  String prefix() {
    return prefix;
  }

  /** @return {@code <prefix>{<tag>}}, the scripts' key prefix for keys of that tag */
  byte[] slotPrefix(int tag) {
    return bytes(slotPrefixes[tag]);
  }

  byte[] session(String id) {
    return bytes(slotPrefixes[SlotTags.ofId(id)] + "s:" + id);
  }

  byte[] index(String subject) {
    return index(SlotTags.ofSubject(subject), subject);
  }

  byte[] index(int tag, String subject) {
    return bytes(slotPrefixes[tag] + "u:" + subject);
  }

  byte[] due(int tag) {
    return bytes(slotPrefixes[tag] + "due");
  }

  byte[] changes(int tag) {
    return bytes(slotPrefixes[tag] + "changes");
  }

  /** @return the pub/sub channel of every tag's changes */
  byte[] channel() {
    return bytes(prefix + "changes");
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
