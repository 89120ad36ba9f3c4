package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TokenIdKeyTest {
  private static final String ID = "AbCdEfGhIjKlMnOpQrStUg";
  private static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3tA";
  private static final String TOKEN = ID + "." + SECRET;

  private static TokenIdKey key(String token) {
    return new TokenIdKey(token);
  }

  @Test
  void equalsAndHashesLikeTheSessionIdOfTheSameCharacters() {
    SessionId id = SessionId.of(ID);
    TokenIdKey key = key(TOKEN);

    assertThat(key.equals(id)).isTrue();
    assertThat(id.equals(key)).isTrue();
    assertThat(key.hashCode()).isEqualTo(id.hashCode()).isEqualTo(ID.hashCode());
    assertThat(key.toSessionId()).isEqualTo(id);
  }

  @Test
  void differsFromOtherIdsInAnyCharacter() {
    TokenIdKey key = key(TOKEN);
    SessionId lastCharDiffers = SessionId.of(ID.substring(0, 21) + "w");
    SessionId firstCharDiffers = SessionId.of("B" + ID.substring(1));

    assertThat(key.equals(lastCharDiffers)).isFalse();
    assertThat(key.equals(firstCharDiffers)).isFalse();
    assertThat(lastCharDiffers.equals(key)).isFalse();
    assertThat(key.equals(ID)).as("a plain string is not an id").isFalse();
    assertThat(key.equals(null)).isFalse();
    assertThat(key.hashCode()).isNotEqualTo(lastCharDiffers.hashCode());
  }

  @Test
  void keysOfTokensWithTheSameIdAreEqualWhateverTheSecret() {
    String otherSecret = ID + "." + "B".repeat(42) + "A";
    String otherId = "B" + ID.substring(1) + "." + SECRET;

    assertThat(key(TOKEN)).isEqualTo(key(otherSecret)).hasSameHashCodeAs(key(otherSecret));
    assertThat(key(TOKEN)).isNotEqualTo(key(otherId));
  }

  @Test
  void findsTheSessionInMapsKeyedBySessionId() {
    SessionId id = SessionId.of(ID);
    Map<SessionId, String> hashMap = new HashMap<>();
    Map<SessionId, String> concurrent = new ConcurrentHashMap<>();
    for (int i = 0; i < 1000; i++) {
      SessionId filler = SessionId.of(String.format("%022d", i).replace('0', 'A').substring(0, 21) + "A");
      hashMap.put(filler, "other");
      concurrent.put(filler, "other");
    }
    hashMap.put(id, "found");
    concurrent.put(id, "found");

    assertThat(hashMap.get(key(TOKEN))).isEqualTo("found");
    assertThat(concurrent.get(key(TOKEN))).isEqualTo("found");
    assertThat(concurrent.get(key("B" + ID.substring(1) + "." + SECRET))).isNull();
  }

  @Test
  void aStoreWithoutItsOwnTokenLookupIsAskedByIdAsBefore() throws Throwable {
    List<Object> asked = new ArrayList<>();
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    StoredSession found = new StoredSession(
        new Session(SessionId.of(ID), "alice", now, now, now.plusSeconds(60), now.plusSeconds(60), 1,
            ClientInfo.empty(), Map.of()),
        new byte[32]);
    SessionStore store = (SessionStore) Proxy.newProxyInstance(
        SessionStore.class.getClassLoader(), new Class<?>[] {SessionStore.class},
        (proxy, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          asked.add(method.getName());
          asked.add(args[0]);
          return method.getName().equals("findById") ? found : null;
        });

    assertThat(store.findByTokenId(key(TOKEN))).isSameAs(found);
    assertThat(asked).containsExactly("findById", SessionId.of(ID));
    assertThat(asked.get(1)).isInstanceOf(SessionId.class);
  }

  @Test
  void showsTheIdButNeverTheSecret() {
    assertThat(key(TOKEN).toString()).isEqualTo("TokenIdKey[" + ID + "]").doesNotContain(SECRET);
  }

  @Test
  void sessionIdsStillCompareByValue() {
    assertThat(SessionId.of(ID)).isEqualTo(SessionId.of(new String(ID))).hasSameHashCodeAs(SessionId.of(ID));
    assertThat(SessionId.of(ID)).isNotEqualTo(SessionId.of("B" + ID.substring(1)));
    assertThat(SessionId.of(ID).equals(ID)).isFalse();
  }
}
