package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Small JDBC helpers shared by the store and the dialects. */
final class Sql {
  private Sql() {}

  /** Work on an open connection that may throw SQLException. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Binds positional parameters. Only the types the store uses: String, Long, Integer, byte[] and
   * null (for the nullable client-info columns, always bound as VARCHAR).
   */
  static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p == null) {
        ps.setNull(index, Types.VARCHAR);
      } else if (p instanceof String s) {
        ps.setString(index, s);
      } else if (p instanceof Long l) {
        ps.setLong(index, l);
      } else if (p instanceof Integer n) {
        ps.setInt(index, n);
      } else if (p instanceof byte[] b) {
        ps.setBytes(index, b);
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + p.getClass().getName());
      }
    }
  }

  /**
   * Runs {@code work} in a transaction on {@code c}, a connection in autocommit mode (the store puts
   * every connection in it): committed when it returns, rolled back when it throws, so no
   * half-written session stays behind.
   */
  static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      restoreAutoCommit(c);
    }
  }

  /**
   * Runs {@code work} in the caller's transaction when {@code c} is in one (autocommit off), else in a
   * transaction of its own ({@link #inTransaction}).
   */
  static <T> T inTransactionJoining(Connection c, Work<T> work) throws SQLException {
    return c.getAutoCommit() ? inTransaction(c, work) : work.run(c);
  }

  private static void rollbackQuietly(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
    }
  }

  private static void restoreAutoCommit(Connection c) {
    // Pools such as HikariCP restore it too, but a plain DataSource hands the connection out as is.
    // A failure here means a broken connection, and the original outcome matters more.
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the pool discards broken connections
    }
  }

  /** A string of {@code n} comma-separated placeholders for an IN list: the count, never the values. */
  static String placeholders(int n) {
    StringBuilder sb = new StringBuilder(n * 2);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ",?");
    }
    return sb.toString();
  }
}
