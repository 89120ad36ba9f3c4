package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Table-name validation, the shipped scripts, and dialect detection. */
class JdbcSessionStoreBuilderTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "sessions; DROP TABLE users",
    "sessions--",
    "sessions/**/",
    "\"sessions\"",
    "`sessions`",
    "public.sessions",
    "sessions WHERE 1=1",
    "Sessions",
    "1sessions",
    "sessions'",
    "",
    " ",
    "s\u0000",
    "séssions",
    "a_name_that_is_longer_than_forty_characters"
  })
  void tableNamesThatAreNotPlainIdentifiersAreRejected(String name) {
    assertThatThrownBy(() -> JdbcSessionStore.builder().tableName(name))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcSessionStore.schemaScript(JdbcDialect.H2, name))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcSessionStore.dropSchema(new UnreachableDataSource(), JdbcDialect.H2, name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNullTableNameIsRejected() {
    assertThatThrownBy(() -> JdbcSessionStore.builder().tableName(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sessionkit_sessions", "_s", "s1", "app_sessions_v2", "forty_characters_are_still_fine_xxxxxxxx"})
  void plainIdentifiersAreAccepted(String name) {
    assertThat(JdbcSessionStore.schemaScript(JdbcDialect.H2, name)).contains("CREATE TABLE IF NOT EXISTS " + name + " (");
  }

  @ParameterizedTest
  @EnumSource(JdbcDialect.class)
  void everyDialectShipsASchemaAndADropScriptWithTheNameFilledIn(JdbcDialect dialect) {
    String script = JdbcSessionStore.schemaScript(dialect, "my_sessions");
    assertThat(script)
        .doesNotContain("${")
        .contains("my_sessions_subject_idx")
        .contains("my_sessions_expiry_idx")
        .contains("my_sessions_version");
    assertThat(getClass().getClassLoader().getResource(dialect.dropResource())).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void closingTheStoreClosesThePoolOnlyWhenTheBuilderHandedItOver(boolean handedOver) throws Exception {
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:close_" + handedOver + ";DB_CLOSE_DELAY=-1");
    String table = TestDatabases.newTableName();
    try (HikariDataSource pool = new HikariDataSource(config)) {
      SessionStore store = JdbcSessionStore.builder()
          .dataSource(pool).tableName(table).createSchema(true).closeDataSource(handedOver).build();
      IssuedSession issued = SessionService.builder(store).build().issue("alice", ClientInfo.empty());

      store.close();
      store.close(); // harmless

      assertThat(pool.isClosed()).as("the pool after the store closed").isEqualTo(handedOver);
      assertThatThrownBy(() -> store.findById(issued.session().id()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      if (!handedOver) {
        JdbcSessionStore.dropSchema(pool, JdbcDialect.H2, table);
      }
    }
  }

  @Test
  void schemaCreationAndDropCommitOnAPoolWithoutAutoCommit() throws Exception {
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:no_autocommit;DB_CLOSE_DELAY=-1");
    config.setAutoCommit(false);
    String table = TestDatabases.newTableName();
    try (HikariDataSource pool = new HikariDataSource(config)) {
      SessionStore store =
          JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
      IssuedSession issued = SessionService.builder(store).build().issue("alice", ClientInfo.empty());

      try (Connection c = pool.getConnection();
          ResultSet rs = c.createStatement().executeQuery("SELECT version FROM " + table + "_version")) {
        assertThat(rs.next()).as("the schema version row was committed").isTrue();
        assertThat(rs.getInt(1)).isEqualTo(JdbcSessionStore.SCHEMA_VERSION);
      }
      assertThat(store.findById(issued.session().id())).isNotNull();

      JdbcSessionStore.dropSchema(pool, JdbcDialect.H2, table);
      try (Connection c = pool.getConnection();
          ResultSet rs = c.getMetaData().getTables(null, null, table.toUpperCase(), null)) {
        assertThat(rs.next()).as("the drop was committed").isFalse();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(JdbcDialect.class)
  void everyDialectShipsAnUpgradeFromEachOlderVersion(JdbcDialect dialect) {
    for (int from = 1; from < JdbcSessionStore.SCHEMA_VERSION; from++) {
      assertThat(JdbcSessionStore.upgradeScript(dialect, "my_sessions", from))
          .doesNotContain("${")
          .contains("UPDATE my_sessions_version SET version = " + (from + 1));
    }
    assertThatThrownBy(() -> JdbcSessionStore.upgradeScript(dialect, "my_sessions", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcSessionStore.upgradeScript(dialect, "my_sessions", JdbcSessionStore.SCHEMA_VERSION))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcSessionStore.upgradeScript(dialect, "x; DROP TABLE y", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT0.5S", "PT1.5S", "PT-1S", "PT596524H"})
  void statementTimeoutsThatJdbcCannotExpressAreRejected(String timeout) {
    assertThatThrownBy(() -> JdbcSessionStore.builder().statementTimeout(java.time.Duration.parse(timeout)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statementTimeout");
  }

  @Test
  void statementTimeoutsFromOneSecondToTheLargestAreAcceptedAndSettersChain() {
    JdbcSessionStore.Builder builder = JdbcSessionStore.builder();
    assertThat(builder.statementTimeout(java.time.Duration.ofSeconds(1))).isSameAs(builder);
    assertThat(builder.statementTimeout(java.time.Duration.ofSeconds(2_147_482))).isSameAs(builder);
    assertThat(builder.objectMapper(new com.fasterxml.jackson.databind.ObjectMapper())).isSameAs(builder);
    assertThatThrownBy(() -> builder.statementTimeout(java.time.Duration.ofSeconds(2_147_483)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBuilderWithoutDataSourceFails() {
    assertThatThrownBy(() -> JdbcSessionStore.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unknownDatabasesAreRejectedAndKnownOnesDetected() {
    assertThat(JdbcDialect.fromProductName("PostgreSQL")).isEqualTo(JdbcDialect.POSTGRESQL);
    assertThat(JdbcDialect.fromProductName("MariaDB")).isEqualTo(JdbcDialect.MARIADB);
    assertThat(JdbcDialect.fromProductName("H2")).isEqualTo(JdbcDialect.H2);
    assertThatThrownBy(() -> JdbcDialect.fromProductName("Oracle")).isInstanceOf(IllegalArgumentException.class);
    // Untested databases are not claimed: MySQL's collations and statements differ from MariaDB's.
    assertThatThrownBy(() -> JdbcDialect.fromProductName("MySQL")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL, MariaDB and H2");
  }

  @Test
  void theDialectIsDetectedAndTheSchemaCreatedAtTheCurrentVersion() throws Exception {
    String table = TestDatabases.newTableName();
    try (HikariDataSource pool = TestDatabases.H2.newPool("detect", 2)) {
      SessionStore store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
      // Building twice is harmless: the script only creates what is missing.
      JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
      SessionService service = SessionService.builder(store).clock(new FakeClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
      IssuedSession issued = service.issue("alice", ClientInfo.empty());

      assertThat(service.validate(issued.token().value()).isValid()).isTrue();
      assertThat(store.toString()).contains("H2Dialect").contains(table);
      try (Connection c = pool.getConnection();
          ResultSet rs = c.createStatement().executeQuery("SELECT version FROM " + table + "_version")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(JdbcSessionStore.SCHEMA_VERSION);
      }
      JdbcSessionStore.dropSchema(pool, JdbcDialect.H2, table);
    }
  }
}
