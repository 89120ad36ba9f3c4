package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.ReferenceSessionStore;
import dev.sessionkit.spi.KeysetPosition;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Caffeine store serves pages ending within the first 1024 items from a heap and longer ones by
 * a full sort: both paths, and the pages around the switch, must give exactly what the reference
 * store gives, in every order, by offset and by keyset.
 */
class LongListTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final int SESSIONS = 1_100;

  private final SessionStore caffeine =
      CaffeineSessionStore.builder().clock(new FakeClock(T)).executor(Runnable::run).build();
  private final SessionStore reference = new ReferenceSessionStore();
  private final List<Session> issued = new ArrayList<>();

  LongListTest() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < SESSIONS; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      // Times in a few buckets, so that many sessions tie on the sort value and the id decides.
      Instant created = T.plusSeconds(i % 37);
      Instant used = T.plusSeconds(40 + i % 11);
      Session s = new Session(SessionId.of(Base64.getUrlEncoder().withoutPadding().encodeToString(id)),
          i % 10 == 9 ? "bob" : "alice", created, used, T.plus(Duration.ofDays(1 + i % 5)), T.plus(Duration.ofHours(20)),
          1, ClientInfo.empty(), Map.of());
      issued.add(s);
      StoredSession stored = new StoredSession(s, new byte[32]);
      caffeine.create(stored, SubjectCap.NONE, T);
      reference.create(stored, SubjectCap.NONE, T);
    }
  }

  @Test
  void offsetPagesAroundAndPastTheHeapLimitMatchTheReference() {
    for (SortField field : SortField.values()) {
      for (SortDirection direction : SortDirection.values()) {
        for (long offset : new long[] {0, 500, 1000, 1014, 1015, 1023, 1024, 1030, 1080, 989, 990, 2000}) {
          for (int limit : new int[] {1, 10, 35}) {
            SessionQuery query = new SessionQuery("alice", T, field, direction, offset, limit, null);
            assertThat(caffeine.list(query)).as("%s %s offset %s limit %s", field, direction, offset, limit)
                .isEqualTo(reference.list(query));
          }
        }
      }
    }
  }

  @Test
  void keysetPagesDeepInTheListMatchTheReference() {
    for (SortField field : SortField.values()) {
      for (SortDirection direction : SortDirection.values()) {
        List<Session> all = reference.list(new SessionQuery("alice", T, field, direction, 0, 2000, null));
        assertThat(all).hasSize(SESSIONS * 9 / 10);
        for (int at : new int[] {0, 17, 500, 980}) {
          Session last = all.get(at);
          KeysetPosition after = new KeysetPosition(SessionQuery.sortValue(field, last), last.id());
          for (int limit : new int[] {1, 20, 60}) {
            SessionQuery query = new SessionQuery("alice", T, field, direction, 0, limit, after);
            assertThat(caffeine.list(query)).as("%s %s after #%s limit %s", field, direction, at, limit)
                .isEqualTo(reference.list(query))
                .isEqualTo(all.subList(at + 1, Math.min(all.size(), at + 1 + limit)));
          }
        }
        SessionQuery everything = new SessionQuery("alice", T, field, direction, 0, 2000, null);
        assertThat(caffeine.list(everything)).isEqualTo(all);
      }
    }
  }
}
