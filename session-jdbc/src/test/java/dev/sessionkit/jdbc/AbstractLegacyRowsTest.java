package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows written before the API validated text, or by hand, inserted here with SQL: text that is only
 * shown is read with U+FFFD in place of what cannot be shown, and a row that cannot be read at all is
 * INTERNAL_ERROR (the database answered: not STORE_UNAVAILABLE) without a word of its content.
 */
abstract class AbstractLegacyRowsTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final String GOOD = "AAAAAAAAAAAAAAAAAAAAAA";
  static final String OTHER = "BAAAAAAAAAAAAAAAAAAAAA";
  /** Row content that must never show in an error. */
  static final String CONTENT = "row-content-4f1d";

  final String table = TestDatabases.newTableName();
  HikariDataSource pool;
  SessionStore store;

  abstract TestDatabases database();

  @BeforeEach
  void open() {
    pool = database().newPool("legacy-rows", 2);
    store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
  }

  @AfterEach
  void dropAndClose() {
    try {
      JdbcSessionStore.dropSchema(pool, database().dialect, table);
    } finally {
      pool.close();
    }
  }

  /** Inserts a row with SQL as a legacy version or an operator could have: no API checks. */
  void insert(String id, String userAgent, String deviceName, String attributesJson) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO " + table + " (" + SessionRows.COLUMNS + ") VALUES (" + SessionRows.VALUES + ")")) {
      long at = NOW.toEpochMilli();
      Sql.bind(ps, id, "alice", new byte[32], at, at, at + Duration.ofDays(1).toMillis(),
          at + Duration.ofHours(1).toMillis(), 1L, null, userAgent, null, null, "DESKTOP", deviceName, null, null,
          null, attributesJson);
      ps.executeUpdate();
    }
  }

  List<Session> list() {
    return store.list(new SessionQuery("alice", NOW, SortField.LAST_ACCESSED, SortDirection.DESCENDING, 0, 10, null));
  }

  @Test
  void controlCharactersInShownTextBecomeReplacementCharacters() throws SQLException {
    insert(GOOD, "Mozilla\u0001/5.0\u007f", "Alice\u0085s phone\u0007", "{\"k\\u0001\":\"v\\u0001\"}");

    Session session = store.findById(SessionId.of(GOOD)).session();

    assertThat(session.client().userAgent()).isEqualTo("Mozilla\uFFFD/5.0\uFFFD");
    assertThat(session.client().deviceName()).isEqualTo("Alice\uFFFDs phone\uFFFD");
    // The API refuses control characters in attribute names, not in values.
    assertThat(session.attributes()).isEqualTo(Map.of("k\uFFFD", "v\u0001"));
    assertThat(list()).singleElement().isEqualTo(session);
    assertThat(store.count("alice", NOW)).isEqualTo(1);
  }

  @Test
  void unpairedSurrogatesEscapedInAttributesBecomeReplacementCharacters() throws SQLException {
    insert(GOOD, null, null, "{\"k\":\"v\\ud800\",\"\\udc00\":\"x\\ud83d\\ude00\"}");

    assertThat(store.findById(SessionId.of(GOOD)).session().attributes())
        .isEqualTo(Map.of("k", "v\uFFFD", "\uFFFD", "x\uD83D\uDE00"));
  }

  @Test
  void aRowThatCannotBeReadIsAnInternalErrorThatQuotesNothingOfIt() throws SQLException {
    insert(GOOD, CONTENT, null, "{\"k\": \"" + CONTENT + "\", broken " + CONTENT);

    SessionException e = catchThrowableOfType(SessionException.class, this::list);

    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(e).hasMessageContaining("attributes");
    assertThat(describe(e)).doesNotContain(CONTENT);
    e = catchThrowableOfType(SessionException.class, () -> store.findById(SessionId.of(GOOD)));
    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
  }

  @Test
  void aMalformedIdIsAnInternalErrorNotAnInvalidArgument() throws SQLException {
    insert("not-an-id-" + CONTENT.substring(0, 4), null, null, "{}");
    insert(OTHER, null, null, "{}");

    SessionException e = catchThrowableOfType(SessionException.class, this::list);

    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(e).hasMessageContaining("its id is malformed");
    assertThat(describe(e)).doesNotContain("not-an-id");
    assertThat(store.findById(SessionId.of(OTHER))).as("the other rows still read").isNotNull();
  }

  static String describe(Throwable t) {
    StringBuilder text = new StringBuilder();
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      text.append(t).append(' ');
      for (Throwable s : t.getSuppressed()) {
        text.append(s).append(' ');
      }
    }
    return text.toString();
  }
}
