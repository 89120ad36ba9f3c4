package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.InvalidTokenReason;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionService;
import dev.sessionkit.ValidationResult;
import dev.sessionkit.spi.SessionStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hot path: {@code validate(token)}. */
public abstract class ValidationContract extends ContractFixture {

  @Test
  void validateReturnsTheLiveSession() {
    IssuedSession issued = login("alice");

    ValidationResult result = service.validate(issued.token().value());

    assertThat(result.isValid()).isTrue();
    assertThat(result.orThrow().id()).isEqualTo(issued.session().id());
  }

  @Test
  void validateRejectsRightIdWithWrongSecretAndReportsIt() {
    IssuedSession issued = login("alice");
    String other = login("alice").token().value();
    String forged = issued.session().id().value() + other.substring(22);

    assertThat(service.validate(forged).isValid()).isFalse();
    assertThat(events.suspicious).containsExactly(issued.session().id());
    assertThat(events.rejected).containsExactly(InvalidTokenReason.WRONG_SECRET);
  }

  @Test
  void validateRejectsUnknownId() {
    String token = login("alice").token().value();
    String unknown = "AAAAAAAAAAAAAAAAAAAAAA" + token.substring(22);

    assertThat(service.validate(unknown).isValid()).isFalse();
    assertThat(events.rejected).containsExactly(InvalidTokenReason.UNKNOWN);
  }

  @Test
  void validateRejectsTokenOfRevokedSession() {
    IssuedSession issued = login("alice");
    service.forSubject("alice").revoke(issued.session().id().value());

    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
  }

  @Test
  void invalidOutcomeTellsTheClientNothingAboutWhy() {
    IssuedSession revoked = login("alice");
    service.signOut(revoked.session());
    IssuedSession expired = login("bob");
    String forged = login("carol").session().id().value() + expired.token().value().substring(22);
    clock.advance(IDLE);

    ValidationResult a = service.validate(revoked.token().value());
    ValidationResult b = service.validate(expired.token().value());
    ValidationResult c = service.validate(forged);
    ValidationResult d = service.validate("junk");

    assertThat(List.of(a, b, c, d)).allSatisfy(r -> assertThat(r).isSameAs(a));
    assertFails(ErrorCode.INVALID_TOKEN, a::orThrow);
    assertThat(assertFails(ErrorCode.INVALID_TOKEN, a::orThrow).httpStatus()).isEqualTo(401);
  }

  @Test
  void malformedInputIsRejectedBeforeAnyStoreCallWithoutThrowing() {
    String good = login("alice").token().value();
    InstrumentedStore counting = new InstrumentedStore(store);
    SessionService counted = SessionService.builder(counting.store()).clock(clock).listener(events).build();
    events.rejected.clear();

    List<String> inputs = new ArrayList<>();
    inputs.add(null);
    inputs.add("");
    inputs.add(" ");
    inputs.add(".");
    inputs.add("Bearer " + good);
    inputs.add(good.substring(1));
    inputs.add(good + "A");
    inputs.add(good.replace('.', '-'));
    inputs.add(good.substring(0, 22) + "." + good.substring(23, 65) + "=");
    inputs.add(good.substring(0, 30) + "+" + good.substring(31));
    inputs.add(good.substring(0, 30) + "/" + good.substring(31));
    inputs.add(good.substring(0, 30) + "\u00e9" + good.substring(31));
    inputs.add(good.substring(0, 30) + "\0" + good.substring(31));
    inputs.add(good + good);
    inputs.add("x".repeat(10_000));
    inputs.add(nonCanonicalSecretTwin(good));
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      char[] junk = new char[random.nextInt(200)];
      for (int j = 0; j < junk.length; j++) {
        junk[j] = (char) random.nextInt(0x3000);
      }
      inputs.add(new String(junk));
    }

    for (String input : inputs) {
      assertThat(counted.validate(input).isValid()).as("input %s", input).isFalse();
    }
    assertThat(counting.calls()).isZero();
    assertThat(events.rejected).hasSize(inputs.size()).containsOnly(InvalidTokenReason.MALFORMED);
  }

  /** The same 256 bits with a non-zero unused low bit in the last character: must not validate. */
  private static String nonCanonicalSecretTwin(String token) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = token.charAt(token.length() - 1);
    char twin = alphabet.charAt(alphabet.indexOf(last) | 1);
    return token.substring(0, token.length() - 1) + twin;
  }

  @Test
  void validationIsRepeatableWithoutWritesInsideTheTouchInterval() {
    IssuedSession issued = login("alice");
    InstrumentedStore counting = new InstrumentedStore(store);
    SessionService counted = SessionService.builder(counting.store()).policy(policy()).clock(clock).build();
    for (int i = 0; i < 10; i++) {
      clock.advance(TOUCH.dividedBy(20));
      ValidationResult r = counted.validate(issued.token().value());
      assertThat(r.isValid()).isTrue();
      assertThat(r.touched()).isFalse();
    }
    assertThat(counting.calls()).isEqualTo(10); // one findById per validation, never a touch
    assertThat(store.findById(issued.session().id()).session().lastAccessedAt()).isEqualTo(START);
  }

  @Test
  void aRevokeBetweenLookupAndTouchWins() {
    IssuedSession issued = login("alice");
    clock.advance(TOUCH);
    SessionStore racing =
        (SessionStore)
            Proxy.newProxyInstance(
                SessionStore.class.getClassLoader(),
                new Class<?>[] {SessionStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("touch")) {
                    store.revoke("alice", List.of(issued.session().id()));
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    SessionService racy = SessionService.builder(racing).policy(policy()).clock(clock).listener(events).build();

    assertThat(racy.validate(issued.token().value()).isValid()).isFalse();
    assertThat(events.rejected).containsExactly(InvalidTokenReason.UNKNOWN);
  }
}
