package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An id of the right shape whose first character names another tag than its subject's (forged, or
 * made by a store that does not place ids) is never found under that subject and never reaches
 * another subject's session: it finds nothing, revokes nothing, updates nothing.
 */
class RedisForgedIdTest {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private final String prefix = TestRedis.freshPrefix();
  private RedisSessionStore store;
  private SessionService service;

  /** @return the Redis to run on; the cluster leaf overrides it */
  RedisTarget target() {
    return TestRedis.STANDALONE;
  }

  @BeforeEach
  void start() {
    store = target().store(prefix);
    service = SessionService.builder(store).build();
  }

  @AfterEach
  void stop() {
    store.close();
    target().deleteAll(prefix);
  }

  @Test
  void anIdRetaggedForTheAttackerFindsRevokesAndUpdatesNothing() {
    IssuedSession victim = service.issue("victim", ClientInfo.empty());
    String attacker = subjectOfAnotherTagThan("victim");
    service.issue(attacker, ClientInfo.empty());
    SessionId real = victim.session().id();
    SessionId forged = retagged(real, SlotTags.ofSubject(attacker));
    Instant now = Instant.now();

    assertThat(store.findById(forged)).isNull();
    assertThat(service.validate(forged.value() + victim.token().value().substring(22)).isValid()).isFalse();
    assertThat(store.touch(forged, now, now.plusSeconds(60))).isEmpty();
    assertThat(store.revoke(attacker, List.of(forged, real))).isEmpty();
    assertThat(store.revoke("victim", List.of(forged))).isEmpty();
    assertThat(store.updateAttributes(attacker, forged, 1, Map.of("k", "v"), now))
        .isEqualTo(AttributeUpdate.notFound());
    assertThat(store.updateAttributes(attacker, real, 1, Map.of("k", "v"), now))
        .isEqualTo(AttributeUpdate.notFound());
    for (SessionId id : List.of(real, forged)) {
      assertThatThrownBy(() -> service.forSubject(attacker).revoke(id.value()))
          .isInstanceOfSatisfying(SessionException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND));
    }
    assertThat(store.revokeAll(attacker, forged)).hasSize(1); // the attacker's own session only

    assertThat(service.validate(victim.token().value()).session()).contains(victim.session());
    assertThat(service.forSubject("victim").count()).isEqualTo(1);
  }

  @Test
  void aCreateWithAnIdOfAnotherTagIsRefusedAndStoresNothing() {
    String subject = subjectOfAnotherTagThan("victim");
    SessionId foreign = retagged(SessionId.random(new java.security.SecureRandom()), SlotTags.ofSubject("victim"));
    Instant now = Instant.now();
    Session session = new Session(foreign, subject, now, now, now.plusSeconds(600), now.plusSeconds(600), 1,
        ClientInfo.empty(), Map.of());

    assertThatThrownBy(() -> store.create(new StoredSession(session, new byte[32]),
            new SubjectCap(5, OverflowStrategy.REJECT_NEW), now))
        .isInstanceOfSatisfying(SessionException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(store.findById(foreign)).isNull();
    assertThat(target().dump(prefix)).isEmpty();
  }

  private static String subjectOfAnotherTagThan(String subject) {
    for (int i = 0; ; i++) {
      if (SlotTags.ofSubject("attacker" + i) != SlotTags.ofSubject(subject)) {
        return "attacker" + i;
      }
    }
  }

  /** The same id with its first character naming {@code tag}. */
  private static SessionId retagged(SessionId id, int tag) {
    return SessionId.of(ALPHABET.charAt(tag) + id.value().substring(1));
  }
}
