package dev.sessionkit.redis;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.StoredSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session as one Redis hash with one-letter fields (small hashes stay listpack-encoded, about the
 * size of their bytes): {@code u} subject, {@code c l e i} created, last access, absolute and idle
 * deadline (epoch ms), {@code v} version, {@code h} the 32-byte secret hash, {@code k} the client
 * info and {@code a} the attributes, each a run of length-prefixed UTF-8 strings ({@code -} for
 * null). The scripts read {@code u l i e c v h} by name.
 */
final class SessionCodec {
  /** The most bytes per field value, Redis's default {@code hash-max-listpack-value}. */
  static final int CHUNK = 64;

  private SessionCodec() {}

  /** @return field, value, field, value, ... */
  static List<byte[]> fields(StoredSession stored) {
    Session s = stored.session();
    List<byte[]> out = new ArrayList<>(18);
    add(out, "u", text(s.subject()));
    add(out, "c", number(s.createdAt().toEpochMilli()));
    add(out, "l", number(s.lastAccessedAt().toEpochMilli()));
    add(out, "e", number(s.expiresAt().toEpochMilli()));
    add(out, "i", number(s.idleExpiresAt().toEpochMilli()));
    add(out, "v", number(s.version()));
    add(out, "h", stored.secretHash().clone());
    out.addAll(chunks("k", client(s.client())));
    out.addAll(chunks("a", attributes(s.attributes())));
    return out;
  }

  /**
   * A long value as fields {@code <name>1, <name>2, ...} of at most {@link #CHUNK} bytes each: Redis
   * keeps a hash listpack-encoded (about the size of its bytes) only while every value is at most 64
   * bytes ({@code hash-max-listpack-value}), and a hash table costs twice as much. An empty value has
   * no field.
   *
   * @param name the field name's letter
   * @param value the bytes
   * @return field, value, field, value, ...
   */
  static List<byte[]> chunks(String name, byte[] value) {
    List<byte[]> out = new ArrayList<>();
    for (int from = 0, n = 1; from < value.length; from += CHUNK, n++) {
      add(out, name + n, Arrays.copyOfRange(value, from, Math.min(value.length, from + CHUNK)));
    }
    return out;
  }

  static byte[] attributes(Map<String, String> attributes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      put(out, e.getKey());
      put(out, e.getValue());
    }
    return out.toByteArray();
  }

  /**
   * @param id the session's id (the hash does not repeat it)
   * @param flat the hash as field/value pairs, from index {@code from} on
   * @param from where the pairs start
   * @return the stored session, or null for an empty hash
   */
  static @Nullable StoredSession decode(SessionId id, List<?> flat, int from) {
    Map<String, byte[]> fields = new HashMap<>();
    for (int i = from; i + 1 < flat.size(); i += 2) {
      fields.put(new String((byte[]) flat.get(i), StandardCharsets.UTF_8), (byte[]) flat.get(i + 1));
    }
    return decode(id, fields);
  }

  /**
   * @param snapshot a script's {id, field, value, ...}
   * @return its session
   */
  static Session decodeSnapshot(List<?> snapshot) {
    SessionId id = SessionId.of(new String((byte[]) snapshot.get(0), StandardCharsets.UTF_8));
    StoredSession stored = decode(id, snapshot, 1);
    if (stored == null) {
      throw new IllegalStateException("a script returned an empty session");
    }
    return stored.session();
  }

  static @Nullable StoredSession decodeMap(SessionId id, Map<byte[], byte[]> hash) {
    Map<String, byte[]> fields = new HashMap<>();
    hash.forEach((k, v) -> fields.put(new String(k, StandardCharsets.UTF_8), v));
    return decode(id, fields);
  }

  private static @Nullable StoredSession decode(SessionId id, Map<String, byte[]> f) {
    byte[] subject = f.get("u");
    byte[] hash = f.get("h");
    if (subject == null || hash == null) {
      return null; // gone: a script never leaves a half-written hash
    }
    List<@Nullable String> client = strings(joined(f, "k"));
    List<@Nullable String> attrs = strings(joined(f, "a"));
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i + 1 < attrs.size(); i += 2) {
      attributes.put(String.valueOf(attrs.get(i)), String.valueOf(attrs.get(i + 1)));
    }
    ClientInfo info = client.size() < 9 ? ClientInfo.empty() : new ClientInfo(
        client.get(0), client.get(1), client.get(2), client.get(3),
        DeviceType.valueOf(String.valueOf(client.get(4))),
        client.get(5), client.get(6), client.get(7), client.get(8));
    Session session = new Session(id, new String(subject, StandardCharsets.UTF_8),
        instant(f, "c"), instant(f, "l"), instant(f, "e"), instant(f, "i"), number(f, "v"),
        info, attributes);
    return new StoredSession(session, hash);
  }

  private static byte[] joined(Map<String, byte[]> f, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int n = 1; ; n++) {
      byte[] chunk = f.get(name + n);
      if (chunk == null) {
        return out.toByteArray();
      }
      out.writeBytes(chunk);
    }
  }

  private static Instant instant(Map<String, byte[]> f, String field) {
    return Instant.ofEpochMilli(number(f, field));
  }

  private static long number(Map<String, byte[]> f, String field) {
    byte[] value = f.get(field);
    if (value == null) {
      throw new IllegalStateException("session hash without field " + field);
    }
    return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
  }

  private static void add(List<byte[]> out, String field, byte[] value) {
    out.add(field.getBytes(StandardCharsets.US_ASCII));
    out.add(value);
  }

  static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] number(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] client(ClientInfo c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String value : Arrays.asList(c.ipAddress(), c.userAgent(), c.browser(), c.operatingSystem(),
        c.deviceType().name(), c.deviceName(), c.environment(), c.authenticationType(), c.fingerprint())) {
      put(out, value);
    }
    return out.toByteArray();
  }

  private static void put(ByteArrayOutputStream out, @Nullable String value) {
    if (value == null) {
      out.write('-');
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(number(bytes.length));
    out.write(':');
    out.writeBytes(bytes);
  }

  private static List<@Nullable String> strings(byte @Nullable [] encoded) {
    List<@Nullable String> out = new ArrayList<>();
    if (encoded == null) {
      return out;
    }
    int i = 0;
    while (i < encoded.length) {
      if (encoded[i] == '-') {
        out.add(null);
        i++;
        continue;
      }
      int length = 0;
      while (encoded[i] != ':') {
        length = length * 10 + (encoded[i++] - '0');
      }
      i++;
      out.add(new String(encoded, i, length, StandardCharsets.UTF_8));
      i += length;
    }
    return out;
  }
}
