package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** What the store hands on of a driver failure keeps what an operator needs and no secret-like value. */
class RedactedFailureTest {
  private static final String HASH_HEX = "9e85ed621a0af5ddce9195d3ed690f5e5f65189371983a7ea159ae227b30cde5";

  @Test
  void binaryLiteralsAndLongHexOrBase64RunsAreRedactedAlongTheWholeChain() {
    SQLException h2 = new SQLTimeoutException("Timeout trying to lock table \"T\"", "HYT00", 50200,
        new IllegalStateException("Map entry with value ('id', 'alice', CAST(X'" + HASH_HEX + "' AS BINARY(32))) is locked"));
    SQLException postgres = new SQLException(
        "ERROR: new row violates check constraint\\n Detail: Failing row contains (abc, alice, \\\\x" + HASH_HEX + ", 1)",
        "23514", 0, h2);
    SQLException maria = new SQLException("Data too long: _binary'\\0\\1ab' and " + "QUJD".repeat(11), "22001", 1406, postgres);

    SQLException redacted = RedactedFailure.of(maria);

    String all = redacted + " " + redacted.getCause() + " " + redacted.getCause().getCause() + " "
        + redacted.getCause().getCause().getCause();
    assertThat(all).doesNotContain(HASH_HEX).doesNotContain("QUJDQUJD").doesNotContain("\\1ab")
        .contains("java.sql.SQLException: Data too long", "java.sql.SQLTimeoutException",
            "java.lang.IllegalStateException: Map entry", "'alice'", "<redacted>");
    assertThat(redacted.getSQLState()).isEqualTo("22001");
    assertThat(redacted.getErrorCode()).isEqualTo(1406);
    assertThat(((SQLException) redacted.getCause().getCause()).getSQLState()).isEqualTo("HYT00");
    assertThat(redacted.getStackTrace()).isEqualTo(maria.getStackTrace());
  }

  @Test
  void ordinaryMessagesPassUnchanged() {
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
