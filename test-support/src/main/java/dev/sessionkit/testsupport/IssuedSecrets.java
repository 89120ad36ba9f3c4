package dev.sessionkit.testsupport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every token secret the tests' services generate, and the forms in which it or its hash could leak.
 *
 * <p>{@link #install()} puts a security provider first in the JVM's list whose {@link SecureRandom}
 * hands out the bytes of a real DRBG and remembers every 32-byte draw: a token secret is exactly that
 * (ids are 16 bytes). A service built with the default {@code new SecureRandom()} takes this one, so
 * the whole suite's secrets are known without any hook in the library.
 */
public final class IssuedSecrets {
  /** Lengths of the encoded forms: base64 without padding, base64 with padding, hex. */
  static final int BASE64_LENGTH = 43;

  static final int PADDED_BASE64_LENGTH = 44;
  static final int HEX_LENGTH = 64;

  private static final Set<String> FORMS = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger RECORDED = new AtomicInteger();
  private static volatile boolean installed;

  private IssuedSecrets() {}

  /** Makes the recording generator the JVM's default; idempotent. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    Security.insertProviderAt(new RecordingProvider(), 1);
    installed = true;
  }

  /** @return how many secrets were recorded so far */
  public static int count() {
    return RECORDED.get();
  }

  static void record(byte[] secret) {
    RECORDED.incrementAndGet();
    byte[] hash = sha256(secret);
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    Base64.Encoder std = Base64.getEncoder();
    HexFormat hex = HexFormat.of();
    // The secret as the token carries it, and the hash as a log or a dump might show it.
    FORMS.addAll(
        List.of(
            url.encodeToString(secret),
            std.encodeToString(secret),
            hex.formatHex(secret),
            url.encodeToString(hash),
            std.encodeToString(hash),
            hex.formatHex(hash),
            hex.withUpperCase().formatHex(hash)));
  }

  /**
   * Whether the text holds a recorded secret or its hash in any of the recorded forms.
   *
   * @param text any text
   * @return the leaked form (for the failure message, cut short), or null
   */
  public static String findIn(CharSequence text) {
    String leak = findInRuns(text);
    return leak != null ? leak : findInHexPairs(text);
  }

  private static String findInRuns(CharSequence text) {
    int n = text.length();
    int runStart = -1;
    for (int i = 0; i <= n; i++) {
      boolean inRun = i < n && isEncodingChar(text.charAt(i));
      if (inRun && runStart < 0) {
        runStart = i;
      } else if (!inRun && runStart >= 0) {
        String leak = findInRun(text, runStart, i);
        if (leak != null) {
          return leak;
        }
        runStart = -1;
      }
    }
    return null;
  }

  /**
   * Hex printed a byte at a time, as byte dumps do: "9e 85 a1 ...", "9E:85:A1", or the hex columns of a
   * driver's trace dump ({@code | 2B 00 00 00 03 73 ... | +....s |}, MariaDB Connector/J at TRACE).
   * Every token of exactly two hex digits, in order, joined; the recorded hex forms are looked for at
   * each byte boundary of that. Other text between the pairs (line ends, frames, the ASCII column) is
   * skipped, so a hash split over dump lines is found too.
   */
  private static String findInHexPairs(CharSequence text) {
    StringBuilder pairs = new StringBuilder();
    for (String line : text.toString().split("\n", -1)) {
      appendHexPairs(hexColumns(line), pairs);
    }
    for (int start = 0; start + HEX_LENGTH <= pairs.length(); start += 2) {
      String window = pairs.substring(start, start + HEX_LENGTH);
      if (FORMS.contains(window)) {
        return window.substring(0, 6) + "... (as separate hex bytes)";
      }
    }
    return null;
  }

  /**
   * The part of a line that can hold a dump's bytes: in a dump line ({@code | 2B 00 ... | +..s |})
   * only the hex columns between the first two bars, as the ASCII column beside them shows the same
   * bytes as letters, and letters that happen to be hex digits ("Fe") would break the run of pairs.
   */
  private static String hexColumns(String line) {
    String trimmed = line.strip();
    if (trimmed.startsWith("|")) {
      int end = trimmed.indexOf('|', 1);
      if (end > 0) {
        return trimmed.substring(1, end);
      }
    }
    return line;
  }

  /** Appends every token of exactly two hex digits of {@code text}, lower-cased, in order. */
  private static void appendHexPairs(String text, StringBuilder pairs) {
    int n = text.length();
    for (int i = 0; i < n; ) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
        end++;
      }
      if (end - i == 2 && isHexDigit(text.charAt(i)) && isHexDigit(text.charAt(i + 1))) {
        pairs.append(Character.toLowerCase(text.charAt(i))).append(Character.toLowerCase(text.charAt(i + 1)));
      }
      i = end;
    }
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Whether an exception shows a recorded secret or its hash anywhere a log line would print it: the
   * messages and string forms of it, its causes and their suppressed exceptions.
   *
   * @param failure any exception
   * @return the leaked form (cut short), or null
   */
  public static String findIn(Throwable failure) {
    return findIn(describe(failure));
  }

  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 32; depth++) {
      text.append(' ').append(t);
      for (Throwable suppressed : t.getSuppressed()) {
        text.append(' ').append(suppressed);
      }
      if (t instanceof java.sql.SQLException sql && sql.getNextException() != null) {
        text.append(' ').append(sql.getNextException());
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return text.toString();
  }

  private static String findInRun(CharSequence text, int from, int to) {
    if (to - from < BASE64_LENGTH) {
      return null;
    }
    for (int start = from; start + BASE64_LENGTH <= to; start++) {
      for (int length : new int[] {BASE64_LENGTH, PADDED_BASE64_LENGTH, HEX_LENGTH}) {
        if (start + length <= to) {
          String window = text.subSequence(start, start + length).toString();
          if (FORMS.contains(window)) {
            return window.substring(0, 6) + "...";
          }
        }
      }
    }
    return null;
  }

  private static boolean isEncodingChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The provider: one SecureRandom algorithm, so {@code new SecureRandom()} picks it. */
  private static final class RecordingProvider extends Provider {
    private static final long serialVersionUID = 1L;

    RecordingProvider() {
      super("SessionkitTestRecording", "1.0", "records 32-byte draws (token secrets) for leak checks");
      putService(new Service(this, "SecureRandom", "RecordingDRBG", Spi.class.getName(), null, null));
    }
  }

  /** Draws from a real DRBG (chosen by name, so never from this provider) and records secrets. */
  public static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final SecureRandom real;

    /** Called by the security framework. */
    public Spi() {
      try {
        real = SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      real.setSeed(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      real.nextBytes(bytes);
      if (bytes.length == 32) {
        record(bytes);
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      return real.generateSeed(numBytes);
    }
  }
}
