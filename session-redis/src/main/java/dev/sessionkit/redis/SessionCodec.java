package dev.sessionkit.redis;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.StoredSession;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    Hash hash = new Hash();
    for (int i = from; i + 1 < flat.size(); i += 2) {
      hash.field(ByteBuffer.wrap((byte[]) flat.get(i)));
      hash.value(ByteBuffer.wrap((byte[]) flat.get(i + 1)));
    }
    return hash.decode(id);
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

  /**
   * An {@code HGETALL} reply read straight from Lettuce's buffers into a {@link Hash}: no map, no
   * byte array per field name, only the values a session keeps are copied.
   */
  static final class HashOutput extends CommandOutput<byte[], byte[], Hash> {
    private boolean value;

    HashOutput() {
      super(ByteArrayCodec.INSTANCE, new Hash());
    }

    @Override
    public void set(@Nullable ByteBuffer bytes) {
      if (bytes != null) {
        if (value) {
          output.value(bytes);
        } else {
          output.field(bytes);
        }
      }
      value = !value;
    }
  }

  /**
   * One session hash's fields as they arrive, field name then value; {@link #decode} builds the
   * session, and throws what a malformed hash deserves, once all are in. The last of a repeated field
   * wins; unknown fields are ignored.
   */
  static final class Hash {
    private static final int SUBJECT = 0;
    private static final int HASH = 1;
    private static final int CLIENT = 2;
    private static final int ATTRIBUTES = 3;
    private static final int OTHER = 4;
    /** Then {@code c l e i v}, in {@link #NUMBERS}'s order. */
    private static final int FIRST_NUMBER = 5;
    private static final String NUMBERS = "clei" + "v";

    private int field = OTHER;
    private int chunk;
    private byte @Nullable [] subject;
    private byte @Nullable [] hash;
    private final long[] numbers = new long[NUMBERS.length()];
    private int present;
    private int unusual;
    /** The bytes of the numbers in {@link #unusual} (not plain digits): Long.parseLong judges them. */
    private byte @Nullable [][] unparsed;
    private final Chunks client = new Chunks();
    private final Chunks attributes = new Chunks();

    void field(ByteBuffer name) {
      int length = name.remaining();
      int first = length == 0 ? -1 : name.get(name.position());
      chunk = 0;
      if (length == 1) {
        int number = NUMBERS.indexOf(first);
        field = first == 'u' ? SUBJECT : first == 'h' ? HASH
            : number >= 0 ? FIRST_NUMBER + number : OTHER;
      } else if ((first == 'k' || first == 'a') && (chunk = chunkNumber(name)) > 0) {
        field = first == 'k' ? CLIENT : ATTRIBUTES;
      } else {
        field = OTHER;
      }
    }

    void value(ByteBuffer value) {
      switch (field) {
        case SUBJECT -> subject = copy(value);
        case HASH -> hash = copy(value);
        case CLIENT -> client.add(chunk, copy(value));
        case ATTRIBUTES -> attributes.add(chunk, copy(value));
        case OTHER -> { }
        default -> number(field - FIRST_NUMBER, value);
      }
      field = OTHER;
    }

    private void number(int index, ByteBuffer value) {
      present |= 1 << index;
      long parsed = digits(value);
      if (parsed >= 0) {
        numbers[index] = parsed;
        unusual &= ~(1 << index);
        return;
      }
      if (unparsed == null) {
        unparsed = new byte[NUMBERS.length()][];
      }
      unparsed[index] = copy(value);
      unusual |= 1 << index;
    }

    /** @return the session, or null for a hash without subject or secret hash (gone) */
    @Nullable StoredSession decode(SessionId id) {
      byte[] subject = this.subject;
      byte[] hash = this.hash;
      if (subject == null || hash == null) {
        return null; // gone: a script never leaves a half-written hash
      }
      List<@Nullable String> client = strings(this.client.joined());
      List<@Nullable String> attrs = strings(attributes.joined());
      Map<String, String> attributes = attrs.size() < 2 ? Map.of() : new LinkedHashMap<>();
      for (int i = 0; i + 1 < attrs.size(); i += 2) {
        attributes.put(String.valueOf(attrs.get(i)), String.valueOf(attrs.get(i + 1)));
      }
      ClientInfo info = client.size() < 9 ? ClientInfo.empty() : new ClientInfo(
          client.get(0), client.get(1), client.get(2), client.get(3),
          DeviceType.valueOf(String.valueOf(client.get(4))),
          client.get(5), client.get(6), client.get(7), client.get(8));
      Session session = new Session(id, new String(subject, StandardCharsets.UTF_8),
          instant(0), instant(1), instant(2), instant(3), number(4), info, attributes);
      return new StoredSession(session, hash);
    }

    private Instant instant(int index) {
      return Instant.ofEpochMilli(number(index));
    }

    private long number(int index) {
      if ((present & 1 << index) == 0) {
        throw new IllegalStateException("session hash without field " + NUMBERS.charAt(index));
      }
      byte[][] text = unparsed;
      return text == null || (unusual & 1 << index) == 0 ? numbers[index]
          : Long.parseLong(new String(text[index], StandardCharsets.US_ASCII));
    }

    /** @return the chunk number of a field {@code k<n>} or {@code a<n>}, or 0 if it is none */
    private static int chunkNumber(ByteBuffer name) {
      int length = name.remaining();
      if (length > 10 || name.get(name.position() + 1) == '0') {
        return 0; // not how Integer.toString writes a chunk number
      }
      int n = 0;
      for (int i = name.position() + 1, end = name.position() + length; i < end; i++) {
        int digit = name.get(i) - '0';
        if (digit < 0 || digit > 9) {
          return 0;
        }
        n = n * 10 + digit;
      }
      return n;
    }

    /** @return the value of 1 to 18 plain ASCII digits, or -1 for anything else */
    private static long digits(ByteBuffer value) {
      int length = value.remaining();
      if (length == 0 || length > 18) {
        return -1;
      }
      long n = 0;
      for (int i = value.position(), end = i + length; i < end; i++) {
        int digit = value.get(i) - '0';
        if (digit < 0 || digit > 9) {
          return -1;
        }
        n = n * 10 + digit;
      }
      return n;
    }

    private static byte[] copy(ByteBuffer value) {
      byte[] out = new byte[value.remaining()];
      value.get(value.position(), out);
      return out;
    }
  }

  /** The chunks {@code <letter>1, <letter>2, ...} of one value, in whatever order they came. */
  private static final class Chunks {
    private static final byte[] EMPTY = {};
    private static final byte[][] NONE = {};
    private int[] numbers = {};
    private byte[][] values = NONE;
    private int count;

    void add(int number, byte[] value) {
      if (count == numbers.length) {
        numbers = Arrays.copyOf(numbers, Math.max(4, count * 2));
        values = Arrays.copyOf(values, numbers.length);
      }
      numbers[count] = number;
      values[count++] = value;
    }

    /** @return chunks 1, 2, ... joined up to the first one missing */
    byte[] joined() {
      byte[][] run = values;
      int length = 0;
      for (int j = 0; j < count; j++) {
        if (numbers[j] != j + 1) {
          run = ordered();
          break;
        }
      }
      int chunks = 0;
      int size = 0;
      while (chunks < count && run[chunks] != null) {
        size += run[chunks++].length;
      }
      if (chunks <= 1) {
        return chunks == 0 ? EMPTY : run[0];
      }
      byte[] out = new byte[size];
      for (int j = 0; j < chunks; j++) {
        System.arraycopy(run[j], 0, out, length, run[j].length);
        length += run[j].length;
      }
      return out;
    }

    /** @return the values by number, chunk n at n - 1 (a run from 1 is at most count long) */
    private byte[][] ordered() {
      byte[][] out = new byte[count][];
      for (int j = 0; j < count; j++) {
        if (numbers[j] <= count) {
          out[numbers[j] - 1] = values[j];
        }
      }
      return out;
    }
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
