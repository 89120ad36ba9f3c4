package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** H2 keeps Java strings as they are, unpaired surrogates included: rows from before validation. */
class H2LegacyRowsTest extends AbstractLegacyRowsTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }

  @Test
  void rawUnpairedSurrogatesBecomeReplacementCharactersAndTheListPageStillLoads() throws SQLException {
    // (Attributes are a CLOB, which H2 keeps as UTF-8: an unpaired surrogate arrives there as '?'
    // already; the escaped form is tested for every database.)
    insert(GOOD, "Mozilla\uD800/5.0", "phone \uDC00\uD83D\uDE00", "{}");
    insert(OTHER, "curl/8", "ok", "{}");

    Session session = store.findById(SessionId.of(GOOD)).session();

    assertThat(session.client().userAgent()).isEqualTo("Mozilla\uFFFD/5.0");
    assertThat(session.client().deviceName()).isEqualTo("phone \uFFFD\uD83D\uDE00");
    assertThat(list()).hasSize(2);
  }
}
