package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.StoredSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session hash's decoding, well-formed and malformed, both ways a hash arrives: a script's list
 * of byte arrays and an {@code HGETALL} reply's buffers ({@link SessionCodec.HashOutput}).
 */
class SessionCodecTest {
  private static final SessionId ID = SessionId.random(new SecureRandom());
  private static final Instant NOW = Instant.ofEpochMilli(1_764_000_000_123L);

  private static StoredSession stored() {
    ClientInfo client = new ClientInfo("203.0.113.7",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Chrome", "Linux", DeviceType.DESKTOP, null, "prod", null, "f\u00fcr-\u2603");
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("theme", "dark");
    attributes.put("caf\u00e9", "x".repeat(150));
    attributes.put("", "");
    Session session = new Session(ID, "user-\u00e9", NOW, NOW.plusSeconds(1), NOW.plusSeconds(3600),
        NOW.plusSeconds(900), 7, client, attributes);
    byte[] hash = new byte[32];
    hash[0] = 1;
    hash[31] = (byte) 0xff;
    return new StoredSession(session, hash);
  }

  private static Map<String, byte[]> hash(StoredSession stored) {
    List<byte[]> flat = SessionCodec.fields(stored);
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      out.put(new String(flat.get(i), StandardCharsets.US_ASCII), flat.get(i + 1));
    }
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Decodes both ways and checks they agree (same session, or same exception). */
  private static @Nullable StoredSession read(Map<String, byte[]> hash) {
    List<byte[]> flat = new ArrayList<>();
    SessionCodec.HashOutput reply = new SessionCodec.HashOutput();
    hash.forEach((field, value) -> {
      flat.add(ascii(field));
      flat.add(value);
      reply.set(buffer(ascii(field)));
      reply.set(buffer(value));
    });
    StoredSession fromList;
    try {
      fromList = SessionCodec.decode(ID, flat, 0);
    } catch (RuntimeException e) {
      assertThatThrownBy(() -> reply.get().decode(ID)).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
      throw e;
    }
    assertThat(reply.get().decode(ID)).isEqualTo(fromList);
    return fromList;
  }

  /** A direct buffer whose content starts past position 0 and ends before the capacity, as Lettuce's. */
  private static ByteBuffer buffer(byte[] bytes) {
    ByteBuffer out = ByteBuffer.allocateDirect(bytes.length + 6);
    out.put(new byte[] {'x', 'y', 'z'}).put(bytes).put(new byte[] {'q', 'q', 'q'});
    return out.position(3).limit(3 + bytes.length);
  }

  @Test
  void aSessionComesBackAsItWasWritten() {
    assertThat(read(hash(stored()))).isEqualTo(stored());
    assertThat(hash(stored())).containsKeys("k1", "k2", "k3", "a1", "a2", "a3");
  }

  @Test
  void chunksMayArriveInAnyOrder() {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(hash(stored()).entrySet());
    Collections.reverse(entries);
    Map<String, byte[]> reversed = new LinkedHashMap<>();
    entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
    assertThat(read(reversed)).isEqualTo(stored());
  }

  @Test
  void aSessionWithoutClientInfoOrAttributesHasNoChunks() {
    StoredSession bare = new StoredSession(new Session(ID, "u", NOW, NOW, NOW.plusSeconds(60),
        NOW.plusSeconds(60), 1, ClientInfo.empty(), Map.of()), new byte[32]);
    assertThat(read(hash(bare))).isEqualTo(bare);
  }

  @Test
  void anEmptyHashIsNoSession() {
    assertThat(read(Map.of())).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"u", "h"})
  void aHashWithoutSubjectOrSecretHashIsGone(String field) {
    Map<String, byte[]> hash = hash(stored());
    hash.remove(field);
    assertThat(read(hash)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"c", "l", "e", "i", "v"})
  void aMissingNumberIsAnError(String field) {
    Map<String, byte[]> hash = hash(stored());
    hash.remove(field);
    assertThatThrownBy(() -> read(hash))
        .isInstanceOf(IllegalStateException.class).hasMessage("session hash without field " + field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12x", "1.5", " 1", "9223372036854775808", "--1", "\u00e9"})
  void aBadNumberIsAnError(String value) {
    Map<String, byte[]> hash = hash(stored());
    hash.put("v", value.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> read(hash)).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void numbersAreReadAsLongParseLongReadsThem() {
    Map<String, byte[]> hash = hash(stored());
    hash.put("v", ascii("+0042"));
    hash.put("l", ascii("0000000000000000000001764000000124"));
    StoredSession read = read(hash);
    assertThat(read).isNotNull();
    assertThat(read.session().version()).isEqualTo(42);
    assertThat(read.session().lastAccessedAt()).isEqualTo(NOW.plusMillis(1));
    hash.put("v", ascii("9223372036854775807"));
    assertThat(read(hash)).extracting(s -> s.session().version()).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5:ab", "12", "3:abc-4:ab"})
  void aTruncatedRunIsAnError(String run) {
    Map<String, byte[]> hash = hash(stored());
    hash.keySet().removeIf(field -> field.startsWith("a"));
    hash.put("a1", ascii(run));
    assertThatThrownBy(() -> read(hash)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void chunksAfterAGapAndFieldsOfOtherNamesAreIgnored() {
    Map<String, byte[]> hash = hash(stored());
    hash.keySet().removeIf(field -> field.startsWith("a"));
    hash.put("a1", ascii("1:x1:y"));
    hash.put("a3", ascii("1:z1:w"));
    hash.put("a01", ascii("junk"));
    hash.put("a0", ascii("junk"));
    hash.put("a", ascii("junk"));
    hash.put("k", ascii("junk"));
    hash.put("x", ascii("junk"));
    hash.put("uu", ascii("junk"));
    StoredSession read = read(hash);
    assertThat(read).isNotNull();
    assertThat(read.session().attributes()).containsExactly(Map.entry("x", "y"));
    assertThat(read.session().client()).isEqualTo(stored().session().client());
  }

  @Test
  void clientInfoOfFewerThanNineStringsIsEmpty() {
    Map<String, byte[]> hash = hash(stored());
    hash.keySet().removeIf(field -> field.startsWith("k"));
    hash.put("k1", ascii("1:a--"));
    assertThat(read(hash)).extracting(s -> s.session().client()).isEqualTo(ClientInfo.empty());
  }

  @Test
  void anUnknownDeviceTypeIsAnError() {
    Map<String, byte[]> hash = hash(stored());
    hash.keySet().removeIf(field -> field.startsWith("k"));
    hash.put("k1", ascii("----5:PHONE----"));
    assertThatThrownBy(() -> read(hash)).isInstanceOf(IllegalArgumentException.class);
  }
}
