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
}
