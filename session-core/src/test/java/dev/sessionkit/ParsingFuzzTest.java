package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing (Jazzer) of what parses caller text before anything else runs: the token
 * check and decode on the hot path, and the cursor decode of keyset pages. Every build runs the seeds
 * under {@code src/test/resources/dev/sessionkit/ParsingFuzzTestInputs} (regression mode); the bounded
 * fuzzing run is {@code -Pfuzz} (see the README), one method at a time. A finding is any exception
 * other than the documented {@link SessionException}, or an answer that contradicts the oracle.
 */
class ParsingFuzzTest {
  private static final Pattern TOKEN =
      Pattern.compile("[A-Za-z0-9_-]{21}[AQgw]\\.[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

  private static final SessionService SERVICE = SessionService.builder(new ReferenceSessionStore())
      .clock(new FakeClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
  private static final IssuedSession ALICE = SERVICE.issue("alice", ClientInfo.empty());
  private static final String TOKEN_SEED = ALICE.token().value();

  @FuzzTest(maxDuration = "60s")
  void tokenParsing(FuzzedDataProvider data) {
    String text = data.consumeBoolean()
        ? TOKEN_SEED.substring(0, data.consumeInt(0, TOKEN_SEED.length())) + data.consumeRemainingAsString()
        : data.consumeRemainingAsString();

    ValidationResult result = SERVICE.validate(text);

    assertThat(result.isValid()).isEqualTo(text.equals(TOKEN_SEED));
    boolean wellFormed = dev.sessionkit.internal.TokenFormat.isWellFormedToken(text);
    assertThat(wellFormed).as("the token check agrees with the spelled-out format").isEqualTo(TOKEN.matcher(text).matches());
    if (SessionId.tryParse(text).isPresent()) {
      assertThat(text).matches("[A-Za-z0-9_-]{21}[AQgw]");
    }
  }

  @FuzzTest(maxDuration = "60s")
  void cursorParsing(FuzzedDataProvider data) {
    int limit = data.consumeInt(-2, 120);
    // Half the inputs are encoded as a cursor is, so the fuzzer reaches the parser behind the decoder.
    boolean encode = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    String cursor = encode
        ? java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        : text;
    Pagination after;
    try {
      after = Pagination.after(cursor, limit);
    } catch (SessionException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      return;
    }
    try {
      Page<SessionView> page = SERVICE.forCurrent(ALICE.session()).list(after);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit)
          .allSatisfy(v -> assertThat(v.session().subject()).isEqualTo("alice"));
    } catch (SessionException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(limit).isGreaterThan(SERVICE.policy().maxPageSize());
    }
  }
}
