package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.RecordingListener;
import dev.sessionkit.testkit.ReferenceSessionStore;
import dev.sessionkit.testsupport.CapturedLogs;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * "Right id, wrong secret": ids are public, so this path must neither be told apart from an unknown
 * id by its cost nor let anyone fill the log with lines naming a victim.
 */
class WrongSecretTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingListener events = new RecordingListener();
  private final SessionService service =
      SessionService.builder(new ReferenceSessionStore()).clock(clock).listener(events).build();

  private static String withSecretOf(String idOf, String secretOf) {
    return idOf.substring(0, 22) + secretOf.substring(22);
  }

  @Test
  void warningsAreAggregatedToOneLineAMinuteWithoutTheSubjectWhileListenersHearEachOne() {
    CapturedLogs logs = CapturedLogs.of(SessionService.class);
    IssuedSession victim = service.issue("victim@example.com", ClientInfo.empty());
    String forged = withSecretOf(victim.token().value(), service.issue("mallory", ClientInfo.empty()).token().value());

    for (int i = 0; i < 40; i++) {
      assertThat(service.validate(forged).isValid()).isFalse();
    }
    clock.advance(Duration.ofSeconds(59));
    service.validate(forged);

    assertThat(events.suspicious).hasSize(41);
    assertThat(logs.messages(Level.WARN)).singleElement().asString()
        .contains("1 token(s) with a wrong secret", victim.session().id().value())
        .doesNotContain("victim");

    clock.advance(Duration.ofSeconds(1));
    service.validate(forged);

    assertThat(logs.messages(Level.WARN)).hasSize(2).last().asString()
        .startsWith("41 token(s) with a wrong secret");
  }

  @Test
  void anUnknownIdCostsTheSameHashAsAWrongSecret() throws Exception {
    IssuedSession known = service.issue("alice", ClientInfo.empty());
    String wrongSecret = withSecretOf(known.token().value(), service.issue("bob", ClientInfo.empty()).token().value());
    String unknownId = withSecretOf("AAAAAAAAAAAAAAAAAAAAAA", known.token().value());

    try (CountingSha256 sha256 = CountingSha256.install()) {
      // A fresh thread: the hasher keeps one digest per thread, made from the first provider.
      int forUnknown = CompletableFuture.supplyAsync(() -> sha256.digestsOf(() -> service.validate(unknownId)),
          runnable -> new Thread(runnable).start()).get();
      int forWrong = CompletableFuture.supplyAsync(() -> sha256.digestsOf(() -> service.validate(wrongSecret)),
          runnable -> new Thread(runnable).start()).get();

      assertThat(forUnknown).isEqualTo(forWrong).isEqualTo(1);
    }
    assertThat(events.rejected).containsExactly(InvalidTokenReason.UNKNOWN, InvalidTokenReason.WRONG_SECRET);
  }

  /** The platform's SHA-256, first in line and counting digests; removed on close. */
  static final class CountingSha256 implements AutoCloseable {
    static final AtomicInteger DIGESTS = new AtomicInteger();
    private static final String NAME = "SessionkitCountingSha256";

    static CountingSha256 install() {
      Provider provider = new Provider(NAME, "1.0", "counts SHA-256 digests") {
        private static final long serialVersionUID = 1L;
        {
          putService(new Service(this, "MessageDigest", "SHA-256", Spi.class.getName(), null, null));
        }
      };
      Security.insertProviderAt(provider, 1);
      return new CountingSha256();
    }

    int digestsOf(Runnable work) {
      int before = DIGESTS.get();
      work.run();
      return DIGESTS.get() - before;
    }

    @Override
    public void close() {
      Security.removeProvider(NAME);
    }

    /** Called by the security framework. */
    public static final class Spi extends MessageDigestSpi {
      private final MessageDigest real;

      public Spi() throws java.security.GeneralSecurityException {
        real = MessageDigest.getInstance("SHA-256", "SUN");
      }

      @Override
      protected void engineUpdate(byte input) {
        real.update(input);
      }

      @Override
      protected void engineUpdate(byte[] input, int offset, int len) {
        real.update(input, offset, len);
      }

      @Override
      protected byte[] engineDigest() {
        DIGESTS.incrementAndGet();
        return real.digest();
      }

      @Override
      protected int engineDigest(byte[] buf, int offset, int len) throws java.security.DigestException {
        DIGESTS.incrementAndGet();
        return real.digest(buf, offset, len);
      }

      @Override
      protected void engineReset() {
        real.reset();
      }

      @Override
      protected int engineGetDigestLength() {
        return 32;
      }
    }
  }
}
