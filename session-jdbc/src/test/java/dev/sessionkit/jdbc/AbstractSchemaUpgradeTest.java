package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import dev.sessionkit.testsupport.CapturedLogs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Tables made by the version-1 scripts (kept in the test resources as they shipped) are upgraded in
 * place by {@code createSchema(true)}: every row survives unchanged, the version says 2, and the
 * tables then behave as new ones. A leaf per database.
 */
abstract class AbstractSchemaUpgradeTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final String table = TestDatabases.newTableName();
  private HikariDataSource pool;

  abstract TestDatabases database();

  @BeforeEach
  void openPool() {
    pool = database().newPool("upgrade", 2);
  }

  @AfterEach
  void dropAndClose() {
    try {
      JdbcSessionStore.dropSchema(pool, database().dialect, table);
    } finally {
      pool.close();
    }
  }

  private void runVersionOneScript() throws SQLException {
    String script = SchemaScripts.text("dev/sessionkit/jdbc/v1/" + database().dialect.schemaResource()
        .substring("dev/sessionkit/jdbc/".length()), table);
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      for (String statement : SchemaScripts.statements(script)) {
        st.execute(statement);
      }
    }
  }

  private static StoredSession session(String id, String subject, int minutes, String userAgent) {
    Instant at = NOW.plus(Duration.ofMinutes(minutes));
    Session s = new Session(SessionId.of(id), subject, at, at, at.plus(Duration.ofDays(1)), at.plus(Duration.ofHours(1)),
        1, ClientInfo.builder().userAgent(userAgent).deviceName("dev " + minutes).build(),
        Map.of("k", "v" + minutes, "emoji", "\uD83D\uDE00"));
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) minutes);
    return new StoredSession(s, hash);
  }

  @Test
  void aVersionOneTableWithRowsIsUpgradedInPlaceAndLosesNothing() throws Exception {
    runVersionOneScript();
    assertThat(version()).isEqualTo(1);
    // The rows a version-1 store wrote. Today's builder refuses version-1 MariaDB tables (PAD SPACE
    // subjects), so the store is made as the builder would have made it then, without the check.
    SessionStore v1 = new JdbcStore(pool, SqlDialect.of(database().dialect, table),
        new SessionRows(new com.fasterxml.jackson.databind.ObjectMapper()), JdbcSessionStore.DEFAULT_STATEMENT_TIMEOUT, false);
    SubjectCap cap = new SubjectCap(10, OverflowStrategy.REJECT_NEW);
    v1.create(session("AAAAAAAAAAAAAAAAAAAAAA", "alice", 0, "Mozilla/5.0"), cap, NOW);
    v1.create(session("BAAAAAAAAAAAAAAAAAAAAA", "alice", 1, null), cap, NOW);
    v1.create(session("CAAAAAAAAAAAAAAAAAAAAA", "bob", 2, "curl/8"), cap, NOW);
    v1.create(session("DAAAAAAAAAAAAAAAAAAAAA", "caf\u00E9 \uD83D\uDE00", 3, "x".repeat(512)), cap, NOW);
    List<Map<String, Object>> sessionsBefore = rows(table);
    List<Map<String, Object>> locksBefore = lockRows();

    CapturedLogs logs = CapturedLogs.of(JdbcSessionStore.class);
    SessionStore v2 = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();

    assertThat(version()).isEqualTo(3);
    assertThat(logs.messages(Level.INFO)).containsExactly("upgraded table " + table + " from schema version 1 to 3");
    assertThat(rows(table)).as("every session row, every column").isEqualTo(sessionsBefore);
    assertThat(lockRows()).isEqualTo(locksBefore);
    assertThat(v2.count("alice", NOW)).isEqualTo(2);
    assertThat(v2.findById(SessionId.of("DAAAAAAAAAAAAAAAAAAAAA")))
        .isEqualTo(session("DAAAAAAAAAAAAAAAAAAAAA", "caf\u00E9 \uD83D\uDE00", 3, "x".repeat(512)));

    // After the upgrade a padded subject is its own subject, in the session and the lock table.
    v2.create(session("EAAAAAAAAAAAAAAAAAAAAA", "alice ", 4, null), new SubjectCap(1, OverflowStrategy.REJECT_NEW), NOW);
    assertThat(v2.count("alice", NOW)).isEqualTo(2);
    assertThat(v2.count("alice ", NOW)).isEqualTo(1);
    assertThat(v2.revokeAll("alice ", null)).extracting(Session::subject).containsExactly("alice ");
    assertThat(v2.count("alice", NOW)).isEqualTo(2);
    checkUpgradedTablesMatchNewOnes();
  }

  /** What a database-specific leaf checks beyond the rows: column collations, for instance. */
  void checkUpgradedTablesMatchNewOnes() throws SQLException {}

  @Test
  void buildingTwiceAfterAnUpgradeChangesNothingAndANewerTableIsRefused() throws Exception {
    runVersionOneScript();
    JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
    JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
    assertThat(version()).isEqualTo(3);

    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE " + table + "_version SET version = 4");
    }
    assertThatThrownBy(() -> JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 4");
  }

  @Test
  void aNewTableStartsAtTheCurrentVersionWithoutAnUpgrade() throws Exception {
    CapturedLogs logs = CapturedLogs.of(JdbcSessionStore.class);
    JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();

    assertThat(version()).isEqualTo(JdbcSessionStore.SCHEMA_VERSION).isEqualTo(3);
    assertThat(logs.messages(Level.INFO)).isEmpty();
  }

  /** PostgreSQL runs DDL in transactions: on a pool without autocommit it must still be committed. */
  @Test
  void schemaCreationAndDropCommitOnAPoolWithoutAutoCommit() throws Exception {
    try (HikariDataSource manual = database().newPool("manual-commit", 1, config -> config.setAutoCommit(false))) {
      JdbcSessionStore.builder().dataSource(manual).tableName(table).createSchema(true).build();
      assertThat(version()).as("seen over another pool").isEqualTo(3);

      JdbcSessionStore.dropSchema(manual, database().dialect, table);
      try (Connection c = pool.getConnection();
          ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(names).as("dropped, seen over another pool").doesNotContain(table, table + "_version", table + "_changes");
      }
    }
  }

  /**
   * Version 3 adds the change log. A version-2 table is refused by a store built without createSchema,
   * naming the log and the upgrade script (a store that cannot log would fail its revokes, and one that
   * did not would leave other nodes' near-caches stale); createSchema upgrades it, rows untouched, and
   * revokes are logged from then on.
   */
  @Test
  void aVersionTwoTableGetsTheChangeLogAndIsRefusedWithoutIt() throws Exception {
    runVersionOneScript();
    try (Connection c = pool.getConnection()) {
      SchemaScripts.run(c, database().dialect.upgradeResource(1), table);
    }
    assertThat(version()).isEqualTo(2);
    SessionStore v2 = new JdbcStore(pool, SqlDialect.of(database().dialect, table),
        new SessionRows(new com.fasterxml.jackson.databind.ObjectMapper()), JdbcSessionStore.DEFAULT_STATEMENT_TIMEOUT, false);
    v2.create(session("AAAAAAAAAAAAAAAAAAAAAA", "alice", 0, "Mozilla/5.0"), SubjectCap.NONE, NOW);
    List<Map<String, Object>> before = rows(table);

    assertThatThrownBy(() -> JdbcSessionStore.builder().dataSource(pool).tableName(table).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table " + table + "_changes")
        .hasMessageContaining(database().dialect.upgradeResource(2))
        .hasMessageContaining("upgrade-" + database().dialect.name().toLowerCase(java.util.Locale.ROOT) + "-2-to-3.sql");

    CapturedLogs logs = CapturedLogs.of(JdbcSessionStore.class);
    SessionStore v3 = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
    assertThat(logs.messages(Level.INFO)).containsExactly("upgraded table " + table + " from schema version 2 to 3");
    assertThat(version()).isEqualTo(3);
    assertThat(rows(table)).isEqualTo(before);
    assertThat(rows(table + "_changes")).isEmpty();

    v3.revoke("alice", List.of(SessionId.of("AAAAAAAAAAAAAAAAAAAAAA")));
    assertThat(rows(table + "_changes")).extracting(r -> r.get("session_id")).containsExactly("AAAAAAAAAAAAAAAAAAAAAA");
    JdbcSessionStore.builder().dataSource(pool).tableName(table).build(); // now accepted as it is
  }

  int version() throws SQLException {
    try (Connection c = pool.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT version FROM " + table + "_version")) {
      assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }

  String table() {
    return table;
  }

  HikariDataSource pool() {
    return pool;
  }

  private List<Map<String, Object>> lockRows() throws SQLException {
    return database() == TestDatabases.POSTGRESQL ? List.of() : rows(table + "_lock");
  }

  /** Every row of a table, every column, in a fixed order; byte arrays as lists so equals compares bytes. */
  private List<Map<String, Object>> rows(String name) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT * FROM " + name + " ORDER BY 1");
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i) instanceof java.sql.Clob ? rs.getString(i) : rs.getObject(i);
          row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
              value instanceof byte[] bytes ? toList(bytes) : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<Byte> toList(byte[] bytes) {
    List<Byte> list = new ArrayList<>(bytes.length);
    for (byte b : bytes) {
      list.add(b);
    }
    return list;
  }
}
