package dev.sessionkit.jdbc;

import java.io.EOFException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * A driver's exception as sessionkit hands it on: the same class name, SQL state, vendor code, stack
 * trace and cause chain (suppressed failures included), but not the driver's message text. Drivers
 * quote data in their messages: H2 puts a locked row's values, the secret hash among them, into its
 * lock-timeout message; PostgreSQL lists a failing row's columns and a key's value in DETAIL lines;
 * MariaDB quotes a duplicate key's raw bytes. No pattern recognises every such format, so this fails
 * closed: the text is dropped. Only connection failures keep theirs (SQL state class 08, and socket,
 * TLS and end-of-stream errors, wherever in the chain): they describe a host and a port, never a row,
 * and they are what an operator needs to find an outage. Even those go through {@link #redact}.
 */
final class RedactedFailure extends SQLException {
  private static final long serialVersionUID = 1L;

  /** Binary literals as the supported databases print them, and long runs of hex or base64. */
  private static final Pattern SECRET_LIKE = Pattern.compile(
      "(?i)X'[0-9a-f]*'" // H2 and MariaDB: X'9e85...'
          + "|\\\\x[0-9a-f]+" // PostgreSQL bytea: \x9e85...
          + "|_binary\\s*'(?:[^'\\\\]|\\\\.)*'" // MariaDB: _binary'...'
          + "|\\b[0-9a-f]{32,}\\b" // any hex of 16 bytes or more
          + "|[A-Za-z0-9+/_-]{43,}={0,2}"); // any base64 of 32 bytes or more

  /** How deep a chain of causes and suppressed failures is copied. */
  static final int MAX_DEPTH = 16;

  private RedactedFailure(String message, String sqlState, int vendorCode, Throwable cause) {
    super(message, sqlState, vendorCode, cause);
  }

  /**
   * @param failure what the driver threw
   * @return the redacted copy, its cause chain redacted too
   */
  static SQLException of(SQLException failure) {
    return (SQLException) redact(failure, 0);
  }

  /**
   * The copy of one throwable, its cause and its suppressed ones (a failed rollback rides along as
   * one). Depth-bounded, as a cause chain can be made to loop.
   */
  private static Throwable redact(Throwable t, int depth) {
    if (t == null || depth > MAX_DEPTH) {
      return null;
    }
    Throwable cause = redact(t.getCause(), depth + 1);
    Throwable copy = t instanceof SQLException sql
        ? new RedactedFailure(describe(sql), sql.getSQLState(), sql.getErrorCode(), cause)
        : new RedactedCause(describe(t), cause);
    copy.setStackTrace(t.getStackTrace());
    for (Throwable suppressed : t.getSuppressed()) {
      Throwable redacted = redact(suppressed, depth + 1);
      if (redacted != null) {
        copy.addSuppressed(redacted);
      }
    }
    return copy;
  }

  /**
   * "original.Class (SQLState s, vendor code n)", and ": message" with secret-like values replaced for
   * a connection failure only.
   */
  private static String describe(Throwable t) {
    StringBuilder text = new StringBuilder(t.getClass().getName());
    if (t instanceof SQLException sql) {
      text.append(" (SQLState ").append(sql.getSQLState()).append(", vendor code ").append(sql.getErrorCode())
          .append(')');
    }
    String message = t.getMessage();
    if (message != null) {
      text.append(keepsMessage(t) ? ": " + redact(message) : ": driver message withheld");
    }
    return text.toString();
  }

  /** Connection-class failures only: their text names a host or a socket error, never row data. */
  static boolean keepsMessage(Throwable t) {
    if (t instanceof SQLException sql) {
      String state = sql.getSQLState();
      return state != null && state.startsWith("08");
    }
    // Socket and TLS errors name a host, a port or a timeout. Other IOExceptions may quote data
    // (Jackson's parse errors are IOExceptions): withheld.
    String name = t.getClass().getName();
    return name.startsWith("java.net.") || name.startsWith("javax.net.ssl.") || t instanceof EOFException;
  }

  static String redact(String text) {
    return SECRET_LIKE.matcher(text).replaceAll("<redacted>");
  }

  /** A non-SQL cause (H2's MVStoreException, a socket error), redacted the same way. */
  private static final class RedactedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedactedCause(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
