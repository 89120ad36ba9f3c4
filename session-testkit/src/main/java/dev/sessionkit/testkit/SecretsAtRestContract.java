package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a store keeps, dumped whole (every row, or every string and byte array of its objects), holds
 * no token and no raw secret in any encoding: only SHA-256 of each secret, so a dump signs nobody in.
 */
public abstract class SecretsAtRestContract extends ContractFixture {

  @Test
  void aDumpOfTheWholeStoreHoldsNoTokenAndNoSecretOnlyTheirHashes() throws Exception {
    List<IssuedSession> issued = new ArrayList<>();
    for (String subject : List.of("alice", "alice", "bob")) {
      issued.add(service.issue(subject, ClientInfo.builder().deviceName("phone").userAgent("UA").build(),
          Map.of("label", "work")));
    }
    IssuedSession rotated = service.rotate(issued.get(0).token().value());
    issued.add(rotated);
    clock.advance(TOUCH);
    service.validate(issued.get(1).token().value());
    service.forSubject("bob").revokeAll();

    List<Object> dump = stores().dump(store);

    List<byte[]> hashesOfLiveSecrets = new ArrayList<>();
    for (IssuedSession s : issued) {
      String token = s.token().value();
      String secretText = token.substring(23);
      byte[] secret = Base64.getUrlDecoder().decode(secretText);
      for (String form : List.of(token, secretText, Base64.getEncoder().encodeToString(secret),
          HexFormat.of().formatHex(secret))) {
        assertThat(dump).as("a dumped value holding a token or secret")
            .noneMatch(value -> text(value).contains(form));
      }
      assertThat(dump).as("a dumped value holding the raw secret bytes")
          .noneMatch(value -> value instanceof byte[] bytes && contains(bytes, secret));
      if (s != issued.get(0) && !s.session().subject().equals("bob")) {
        hashesOfLiveSecrets.add(MessageDigest.getInstance("SHA-256").digest(secret));
      }
    }
    // The dump sees what is stored: the hash of every live session's secret is in it.
    for (byte[] hash : hashesOfLiveSecrets) {
      assertThat(dump).as("the dump holds the hash of a live secret")
          .anyMatch(value -> value instanceof byte[] bytes && contains(bytes, hash)
              || text(value).contains(HexFormat.of().formatHex(hash)));
    }
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(value);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
