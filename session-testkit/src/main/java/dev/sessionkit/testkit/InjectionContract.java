package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Pagination;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SQL metacharacters in every place caller text reaches a store (subjects, attribute names and
 * values, client info, session ids) are refused or kept as data: each comes back exactly, matches
 * nothing but itself (no wildcard, no quote escape), and the store is intact afterwards. Sorts and
 * table names never come from caller text at all (enums; a validated pattern).
 */
public abstract class InjectionContract extends ContractFixture {
  static final List<String> PAYLOADS = List.of(
      "' OR '1'='1", "'; DROP TABLE sessionkit_sessions; --", "\" OR \"\"=\"", "admin'--", "x' /*", "*/ x",
      "%", "_", "%' OR subject LIKE '%", "\\", "\\'", "'')", "1; SELECT pg_sleep(5)", "$$ x $$", "`id`",
      "x\\u0027", "' UNION SELECT id, secret_hash FROM sessionkit_sessions --", "0x41414141", "NULL", "?", "?, ?");

  @Test
  void metacharactersInSubjectsAreData() {
    IssuedSession victim = login("victim");
    List<IssuedSession> sessions = new ArrayList<>();
    for (String payload : PAYLOADS) {
      sessions.add(login(payload));
    }

    for (int i = 0; i < PAYLOADS.size(); i++) {
      String payload = PAYLOADS.get(i);
      assertThat(service.forSubject(payload).count()).as("count of %s", payload).isEqualTo(1);
      assertThat(service.forSubject(payload).list(Pagination.first(10).sortedBy(SortField.CREATED, SortDirection.ASCENDING))
          .items()).extracting(v -> v.session().subject()).containsExactly(payload);
      assertThat(service.validate(sessions.get(i).token().value()).orThrow().subject()).isEqualTo(payload);
    }
    for (String payload : PAYLOADS) {
      assertThat(service.revokeAllSessionsOf(payload).revokedCount()).isEqualTo(1);
    }
    assertThat(service.validate(victim.token().value()).isValid()).as("the store is intact").isTrue();
    assertThat(service.forSubject("victim").count()).isEqualTo(1);
  }

  @Test
  void metacharactersInAttributesAndClientInfoAreKeptExactly() {
    for (String payload : PAYLOADS) {
      ClientInfo client = ClientInfo.builder().deviceName(payload).userAgent(payload).fingerprint(payload).build();
      IssuedSession issued = service.issue("alice", client, Map.of(payload, payload, "k", payload));

      Session stored = service.validate(issued.token().value()).orThrow();
      assertThat(stored.client()).isEqualTo(client);
      assertThat(stored.attributes()).isEqualTo(Map.of(payload, payload, "k", payload));
      Session updated = service.forSubject("alice")
          .updateAttributes(issued.session().id().value(), 1, Map.of("note", payload + payload));
      assertThat(updated.attributes()).containsEntry("note", payload + payload);
    }
    assertThat(service.forSubject("alice").count()).isEqualTo(PAYLOADS.size());
  }

  @Test
  void metacharactersAsSessionIdsFindAndRevokeNothing() {
    IssuedSession alice = login("alice");
    for (String payload : PAYLOADS) {
      assertThat(service.forSubject("alice").find(payload)).isEmpty();
      assertThat(service.forSubject("alice").revokeList(List.of(payload)).revokedCount()).isZero();
      SessionException e = assertFails(ErrorCode.SESSION_NOT_FOUND, () -> service.forSubject("alice").revoke(payload));
      assertThat(e.getMessage()).doesNotContain(payload);
    }
    assertThat(service.validate(alice.token().value()).isValid()).isTrue();
  }
}
