package dev.sessionkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The guard sees a secret or its hash in whatever form and place a log event carries it. */
class SecretLeakGuardTest {
  private static final Logger LOG = LoggerFactory.getLogger(SecretLeakGuardTest.class);

  private static byte[] newSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret); // what TokenGenerator draws
    return secret;
  }

  @Test
  void theDefaultSecureRandomRecordsEveryThirtyTwoByteDraw() {
    int before = IssuedSecrets.count();
    newSecret();
    new SecureRandom().nextBytes(new byte[16]); // an id: not recorded

    assertThat(IssuedSecrets.count()).isEqualTo(before + 1);
  }

  @Test
  void aSecretInATokenInAMessageIsFound() {
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(newSecret());
    SecretLeakGuard.scanNewEvents();

    LOG.info("rejected token {}.{} from {}", "AAAAAAAAAAAAAAAAAAAAAA", secret, "203.0.113.7");

    assertThat(SecretLeakGuard.scanNewEvents()).singleElement().asString().contains("INFO", secret.substring(0, 6));
    assertThat(SecretLeakGuard.scanNewEvents()).as("each event is reported once").isEmpty();
  }

  @Test
  void theHashInHexOrBase64AnywhereInTheCauseChainIsFound() throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(newSecret());
    SecretLeakGuard.scanNewEvents();

    LOG.debug("lookup failed", new IllegalStateException("wrapper", new IllegalArgumentException(
        "bad row secret_hash=" + HexFormat.of().formatHex(hash))));
    LOG.trace("row {}", Base64.getEncoder().encodeToString(hash));

    assertThat(SecretLeakGuard.scanNewEvents()).hasSize(2);
  }

  @Test
  void idsAndOtherTextAreNotLeaks() {
    SecretLeakGuard.scanNewEvents();

    LOG.warn("session AAAAAAAAAAAAAAAAAAAAAA of subject bob revoked; {}",
        "concurrentIssueValidateRotateAndRevokeKeepTheInvariantsOnEveryStoreAndNode");

    assertThat(SecretLeakGuard.scanNewEvents()).isEmpty();
  }

  @Test
  void theHashAsSpacedHexOrInADriversHexDumpIsFound() throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(newSecret());
    SecretLeakGuard.scanNewEvents();

    LOG.debug("secret_hash = {}", HexFormat.ofDelimiter(" ").formatHex(hash));
    LOG.trace("bound {}", HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash));
    LOG.trace("send:\n{}", hexDump(hash));

    assertThat(SecretLeakGuard.scanNewEvents()).hasSize(3).allSatisfy(leak -> assertThat(leak).contains("hex bytes"));
  }

  /**
   * A dump's ASCII column shows the same bytes as letters: bytes that spell two hex digits ("Fe")
   * there must not break the run of pairs read from the hex columns. Random hashes did so now and
   * then, and the guard missed the leak.
   */
  @Test
  void bytesThatSpellHexDigitsInTheAsciiColumnDoNotHideALeakInADump() {
    byte[] secret = newSecret();
    secret[3] = ' ';
    secret[4] = 'F';
    secret[5] = 'e';
    secret[6] = ' ';
    IssuedSecrets.record(secret); // as drawn, these bytes would be a secret like any other
    byte[] hash = secret;
    SecretLeakGuard.scanNewEvents();

    LOG.trace("send:\n{}", hexDump(hash));

    assertThat(SecretLeakGuard.scanNewEvents()).hasSize(1).allSatisfy(leak -> assertThat(leak).contains("hex bytes"));
  }

  @Test
  void spacedHexOfOtherBytesIsNotALeak() {
    SecretLeakGuard.scanNewEvents();

    LOG.trace("send:\n{}", hexDump(new byte[64]));
    LOG.trace("{}", HexFormat.ofDelimiter(" ").formatHex(newSecretHashOfNothing()));

    assertThat(SecretLeakGuard.scanNewEvents()).isEmpty();
  }

  @Test
  void whatJavaUtilLoggingLogsIsScannedToo() throws Exception {
    byte[] secret = newSecret();
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret);
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("org.postgresql.test.SecretLeakGuardTest");
    SecretLeakGuard.scanNewEvents();

    // As a driver would: a parameterised message, and a failure whose message quotes the value. At
    // WARNING and SEVERE, as the root logger's default level lets nothing below INFO through.
    jul.log(java.util.logging.Level.WARNING, "FE=> Bind(stmt=S_1,portal=null,$1=<{0}>)", HexFormat.of().formatHex(hash));
    jul.log(java.util.logging.Level.SEVERE, "failed",
        new IllegalStateException("token " + Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
    jul.warning("nothing secret here");

    assertThat(java.util.logging.Logger.getLogger("").getHandlers())
        .as("captured, not printed").noneMatch(h -> h instanceof java.util.logging.ConsoleHandler);
    assertThat(SecretLeakGuard.scanNewEvents()).hasSize(2)
        .allSatisfy(leak -> assertThat(leak).contains("java.util.logging", "org.postgresql.test.SecretLeakGuardTest"));
  }

  /** SHA-256 of bytes never drawn: not a recorded form. */
  private static byte[] newSecretHashOfNothing() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hex dump MariaDB Connector/J writes at TRACE: 16 bytes a line, then the ASCII column. */
  private static String hexDump(byte[] bytes) {
    StringBuilder dump = new StringBuilder("+--------------------------------------------------+\n"
        + "|  0  1  2  3  4  5  6  7   8  9  a  b  c  d  e  f |\n"
        + "+--------------------------------------------------+------------------+\n");
    byte[] packet = new byte[bytes.length + 5];
    packet[0] = 0x2B;
    packet[4] = 0x17;
    System.arraycopy(bytes, 0, packet, 5, bytes.length);
    for (int line = 0; line * 16 < packet.length; line++) {
      StringBuilder hex = new StringBuilder("| ");
      StringBuilder ascii = new StringBuilder();
      for (int i = line * 16; i < line * 16 + 16; i++) {
        if (i < packet.length) {
          hex.append(String.format("%02X ", packet[i]));
          ascii.append(packet[i] >= 0x20 && packet[i] < 0x7f ? (char) packet[i] : '.');
        } else {
          hex.append("   ");
          ascii.append(' ');
        }
        if (i % 16 == 7) {
          hex.append(' ');
        }
      }
      dump.append(hex).append("| ").append(ascii).append(" |\n");
    }
    return dump.append("+--------------------------------------------------+------------------+\n").toString();
  }

  @Test
  void mariaDbsDriverLogsThroughJavaUtilLoggingAtItsDefaultInfo() {
    assertThat(System.getProperty(SecretLeakGuard.MARIADB_SLF4J)).isEqualTo("false");
    assertThat(System.getProperty(SecretLeakGuard.MARIADB_FALLBACK)).isEqualTo("JDK");
    assertThat(java.util.logging.Logger.getLogger("org.mariadb.jdbc.client.socket.impl.PacketWriter")
        .isLoggable(java.util.logging.Level.FINEST)).isFalse();
    assertThat(LOG.isTraceEnabled()).as("sessionkit's loggers, read at every level").isTrue();
  }
}
