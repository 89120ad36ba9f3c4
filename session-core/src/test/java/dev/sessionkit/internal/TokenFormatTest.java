package dev.sessionkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TokenFormatTest {
  private final TokenGenerator generator = new TokenGenerator();

  private String token() {
    return generator.newId() + "." + TokenFormat.encode(generator.newSecret());
  }

  @RepeatedTest(50)
  void generatedTokensAreWellFormed() {
    assertThat(TokenFormat.isWellFormedToken(token())).isTrue();
  }

  @RepeatedTest(20)
  void decodeAgreesWithTheJdkDecoder() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String text = TokenFormat.encode(secret);
    byte[] out = new byte[32];

    assertThat(TokenFormat.decodeSecret(generator.newId() + "." + text, out)).isTrue();

    assertThat(out).isEqualTo(Base64.getUrlDecoder().decode(text)).isEqualTo(secret);
  }

  @Test
  void everyNonCanonicalLastCharacterIsRejected() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String token = token();
    int canonicalSecretEnds = 0;
    for (char c : alphabet.toCharArray()) {
      String candidate = token.substring(0, token.length() - 1) + c;
      if (TokenFormat.isWellFormedToken(candidate)) {
        canonicalSecretEnds++;
        assertThat(alphabet.indexOf(c) & 3).isZero();
      }
    }
    assertThat(canonicalSecretEnds).isEqualTo(16);
    int canonicalIdEnds = 0;
    for (char c : alphabet.toCharArray()) {
      if (TokenFormat.isWellFormedId("A".repeat(21) + c)) {
        canonicalIdEnds++;
      }
    }
    assertThat(canonicalIdEnds).isEqualTo(4);
  }

  @Test
  void shapeChecksRejectEverythingElse() {
    String token = token();
    assertThat(TokenFormat.isWellFormedToken(null)).isFalse();
    assertThat(TokenFormat.isWellFormedToken("")).isFalse();
    assertThat(TokenFormat.isWellFormedToken(token.substring(1))).isFalse();
    assertThat(TokenFormat.isWellFormedToken(token.replace('.', 'A'))).isFalse();
    assertThat(TokenFormat.isWellFormedToken(token.substring(0, 5) + '\uffff' + token.substring(6))).isFalse();
    assertThat(TokenFormat.isWellFormedToken(token.substring(0, 5) + '=' + token.substring(6))).isFalse();
    // The first char past ASCII, in the id and in the secret: refused, not an index out of bounds.
    assertThat(TokenFormat.isWellFormedToken(token.substring(0, 5) + '\u0080' + token.substring(6))).isFalse();
    assertThat(TokenFormat.isWellFormedToken(token.substring(0, 40) + '\u0080' + token.substring(41))).isFalse();
    assertThat(TokenFormat.isWellFormedId("A".repeat(21) + '\u0080')).isFalse();
    assertThat(TokenFormat.isWellFormedId(null)).isFalse();
  }

  @Test
  void secretHasherMatchesOnlyTheRightSecret() {
    byte[] secret = generator.newSecret();
    String id = generator.newId();
    String token = id + "." + TokenFormat.encode(secret);
    byte[] hash = SecretHasher.hash(secret);

    assertThat(SecretHasher.matches(token, hash)).isTrue();
    assertThat(SecretHasher.matches(id + "." + TokenFormat.encode(generator.newSecret()), hash)).isFalse();
  }

  @Test
  void decodingTheSecretChecksWhatTheFullShapeCheckChecks() {
    byte[] secret = generator.newSecret();
    String token = generator.newId() + "." + TokenFormat.encode(secret);
    byte[] out = new byte[TokenFormat.SECRET_BYTES];

    assertThat(TokenFormat.hasTokenFrame(token)).isTrue();
    assertThat(TokenFormat.decodeSecret(token, out)).isTrue();
    assertThat(out).isEqualTo(secret);
    // Every character from NUL to past ASCII at the first, a middle and the last secret position.
    for (int position : new int[] {TokenFormat.ID_LENGTH + 1, 40, TokenFormat.TOKEN_LENGTH - 1}) {
      for (char c = 0; c < 300; c++) {
        String candidate = token.substring(0, position) + c + token.substring(position + 1);
        assertThat(TokenFormat.decodeSecret(candidate, out))
            .as("character %d at %d", (int) c, position)
            .isEqualTo(TokenFormat.isWellFormedToken(candidate));
      }
    }
  }

  @Test
  void theFrameIsTheLengthTheSeparatorAndTheId() {
    String token = token();
    assertThat(TokenFormat.hasTokenFrame(null)).isFalse();
    assertThat(TokenFormat.hasTokenFrame(token + "A")).isFalse();
    assertThat(TokenFormat.hasTokenFrame(token.replace('.', 'A'))).isFalse();
    assertThat(TokenFormat.hasTokenFrame('=' + token.substring(1))).isFalse();
    assertThat(TokenFormat.hasTokenFrame(token.substring(0, 21) + 'B' + token.substring(22))).isFalse();
    // The secret is not the frame's business: it is checked as it is decoded.
    assertThat(TokenFormat.hasTokenFrame(token.substring(0, 40) + '=' + token.substring(41))).isTrue();
  }

  @Test
  void aMalformedSecretIsNeverPresentedAndLeavesNoBytesBehind() {
    String token = token();
    String malformed = token.substring(0, TokenFormat.TOKEN_LENGTH - 1) + '=';

    assertThat(SecretHasher.present(malformed)).isNull();
    SecretHasher.PresentedSecret presented = SecretHasher.present(token);
    assertThat(presented).isNotNull();
    presented.clear();
    assertThat(presented.matches(SecretHasher.hash(new byte[TokenFormat.SECRET_BYTES])))
        .as("after clear the scratch holds zeros, not the secret")
        .isTrue();
  }
}
