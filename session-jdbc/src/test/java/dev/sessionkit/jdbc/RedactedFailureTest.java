package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the store hands on of a driver failure keeps what an operator needs and no secret-like value. */
class RedactedFailureTest {
  private static final String HASH_HEX = "9e85ed621a0af5ddce9195d3ed690f5e5f65189371983a7ea159ae227b30cde5";

  @Test
  void driverMessagesAreDroppedAlongTheWholeChainAndTheDiagnosticsKept() {
    SQLException h2 = new SQLTimeoutException("Timeout trying to lock table \"T\"", "HYT00", 50200,
        new IllegalStateException("Map entry with value ('id', 'alice', CAST(X'" + HASH_HEX + "' AS BINARY(32))) is locked"));
    SQLException postgres = new SQLException(
        "ERROR: new row violates check constraint\n Detail: Failing row contains (abc, alice, \\x" + HASH_HEX + ", 1)",
        "23514", 0, h2);
    SQLException maria = new SQLException("Data too long: _binary'\\0\\1ab' and " + "QUJD".repeat(11), "22001", 1406, postgres);

    SQLException redacted = RedactedFailure.of(maria);

    String all = chain(redacted);
    assertThat(all).doesNotContain(HASH_HEX).doesNotContain("QUJDQUJD").doesNotContain("\\1ab")
        .doesNotContain("alice").doesNotContain("Data too long").doesNotContain("Map entry")
        .contains("java.sql.SQLException (SQLState 22001, vendor code 1406): driver message withheld",
            "java.sql.SQLTimeoutException (SQLState HYT00, vendor code 50200)",
            "java.lang.IllegalStateException: driver message withheld");
    assertThat(redacted.getSQLState()).isEqualTo("22001");
    assertThat(redacted.getErrorCode()).isEqualTo(1406);
    assertThat(((SQLException) redacted.getCause().getCause()).getSQLState()).isEqualTo("HYT00");
    assertThat(redacted.getStackTrace()).isEqualTo(maria.getStackTrace());
  }

  /** Formats the former pattern missed: none of their text survives. */
  @Test
  void messageFormatsNoPatternFullyCoversAreDroppedToo() {
    byte[] hash = HexFormat.of().parseHex(HASH_HEX);
    String rawBytes = new String(hash, StandardCharsets.ISO_8859_1);
    String spaced = HexFormat.ofDelimiter(" ").formatHex(hash);
    List<SQLException> failures = List.of(
        // MariaDB: a duplicate key quoted with its raw bytes.
        new SQLIntegrityConstraintViolationException(
            "(conn=12) Duplicate entry '" + rawBytes + "' for key 'PRIMARY'", "23000", 1062),
        // A byte dump with spaces between the bytes.
        new SQLException("bad value " + spaced, "22P02", 0),
        // PostgreSQL: the DETAIL line of a unique violation.
        new SQLException("ERROR: duplicate key value violates unique constraint \"t_pk\"\n  Detail: Key (id, subject)="
            + "(AAAAAAAAAAAAAAAAAAAAAA, alice@example.com) already exists.", "23505", 0),
        // H2: a lock timeout quoting the locked row.
        new SQLException("Timeout trying to lock table; Row \"('AAAAAAAAAAAAAAAAAAAAAA', 'alice@example.com', X'"
            + HASH_HEX.substring(0, 20) + "', ...)\" is locked", "HYT00", 50200));

    for (SQLException failure : failures) {
      SQLException redacted = RedactedFailure.of(failure);
      assertThat(chain(redacted)).doesNotContain(rawBytes.substring(0, 6)).doesNotContain(spaced.substring(0, 8))
          .doesNotContain("alice").doesNotContain("AAAAAAAAAA").doesNotContain(HASH_HEX.substring(0, 20))
          .contains(failure.getClass().getName(), "SQLState " + failure.getSQLState(), "driver message withheld");
      assertThat(redacted.getSQLState()).isEqualTo(failure.getSQLState());
      assertThat(redacted.getErrorCode()).isEqualTo(failure.getErrorCode());
    }
  }

  @Test
  void connectionFailuresKeepTheirTextAndTheSocketErrorBeneathStillRedacted() {
    SQLException refused = new SQLException(
        "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct", "08001", 0,
        new ConnectException("Connection refused " + HASH_HEX));

    SQLException redacted = RedactedFailure.of(refused);

    assertThat((Throwable) redacted).hasMessage("java.sql.SQLException (SQLState 08001, vendor code 0): Connection to"
        + " 127.0.0.1:5432 refused. Check that the hostname and port are correct");
    assertThat(redacted.getCause()).hasMessage("java.net.ConnectException: Connection refused <redacted>");
  }

  @Test
  void otherIoExceptionsBeneathAConnectionFailureAreWithheld() {
    SQLException lost = new SQLException("I/O error", "08006", 0,
        new java.io.IOException("Unexpected character ('a' (code 97)): alice@example.com"));

    assertThat(RedactedFailure.of(lost).getCause()).hasMessage("java.io.IOException: driver message withheld");
  }

  @Test
  void aMessagelessFailureStaysMessageless() {
    assertThat((Throwable) RedactedFailure.of(new SQLException((String) null, "HY000", 1)))
        .hasMessage("java.sql.SQLException (SQLState HY000, vendor code 1)");
  }

  private static String chain(Throwable t) {
    StringBuilder text = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      text.append(t).append(' ');
    }
    return text.toString();
  }

  @Test
  void theRedactionOfConnectionMessagesCatchesBinaryLiteralsAndLongRuns() {
    assertThat(RedactedFailure.redact("X'" + HASH_HEX + "' \\x" + HASH_HEX + " _binary'\\0\\1ab' " + "QUJD".repeat(11)))
        .isEqualTo("<redacted> <redacted> <redacted> <redacted>");
  }

  @Test
  void ordinaryConnectionMessagesPassUnchanged() {
    String message = "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct";
    assertThat(RedactedFailure.redact(message)).isEqualTo(message);
    assertThat(RedactedFailure.redact("session AAAAAAAAAAAAAAAAAAAAAA of table sk_test_5dce08c84b1bb62"))
        .isEqualTo("session AAAAAAAAAAAAAAAAAAAAAA of table sk_test_5dce08c84b1bb62");
  }

  @Test
  void aLoopingCauseChainIsCutAtAFixedDepthAndStackTracesAreKept() {
    SQLException a = new SQLException("a", "08001");
    SQLException b = new SQLException("b", "08002", a);
    a.initCause(b); // a -> b -> a -> ...

    SQLException redacted = RedactedFailure.of(a);

    int depth = 0;
    for (Throwable t = redacted; t != null; t = t.getCause()) {
      assertThat(t.getStackTrace()).isEqualTo(depth % 2 == 0 ? a.getStackTrace() : b.getStackTrace());
      depth++;
    }
    assertThat(depth).isEqualTo(RedactedFailure.MAX_DEPTH + 1);
  }

  @Test
  void loopingSuppressedFailuresEndToo() {
    SQLException a = new SQLException("a", "08001");
    SQLException b = new SQLException("b", "08002");
    a.addSuppressed(b);
    b.addSuppressed(a);

    SQLException redacted = RedactedFailure.of(a);

    int depth = 0;
    for (Throwable t = redacted; t.getSuppressed().length > 0; t = t.getSuppressed()[0]) {
      depth++;
    }
    assertThat(depth).isEqualTo(RedactedFailure.MAX_DEPTH);
  }
}
