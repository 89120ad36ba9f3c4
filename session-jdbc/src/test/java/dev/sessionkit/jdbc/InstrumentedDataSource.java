package dev.sessionkit.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real data source (H2, usually) seen through a thin proxy that can fail on cue and shows what the
 * store asked of its connections: for the retry, timeout and rollback paths that a healthy embedded
 * database never takes. Not a mock: every statement that is not failed on purpose runs for real.
 */
final class InstrumentedDataSource {
  final AtomicInteger connections = new AtomicInteger();
  final List<Integer> networkTimeoutsSet = new CopyOnWriteArrayList<>();
  final List<Integer> queryTimeoutsSet = new CopyOnWriteArrayList<>();
  final List<Integer> isolationsSet = new CopyOnWriteArrayList<>();
  final AtomicInteger statementsClosed = new AtomicInteger();
  volatile boolean failQueryTimeout;
  private final Deque<SQLException> statementFailures = new ArrayDeque<>();
  private final DataSource delegate;
  /** The network timeout the emulated driver reports; null: it has none (throws, as H2 would). */
  volatile Integer networkTimeout;
  volatile boolean failRollback;

  InstrumentedDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** The next statements prepared fail with these, in order. */
  synchronized InstrumentedDataSource failNextStatements(SQLException... failures) {
    statementFailures.addAll(List.of(failures));
    return this;
  }

  private synchronized SQLException nextFailure() {
    return statementFailures.pollFirst();
  }

  DataSource dataSource() {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            connections.incrementAndGet();
            return connection((Connection) invoke(delegate, method, args));
          }
          return invoke(delegate, method, args);
        });
  }

  private Connection connection(Connection real) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "prepareStatement" -> {
              SQLException failure = nextFailure();
              if (failure != null) {
                throw failure;
              }
              return statement((java.sql.PreparedStatement) invoke(real, method, args));
            }
            case "getNetworkTimeout" -> {
              if (networkTimeout == null) {
                throw new java.sql.SQLFeatureNotSupportedException("no network timeout here");
              }
              return networkTimeout;
            }
            case "setNetworkTimeout" -> {
              networkTimeoutsSet.add((Integer) args[1]);
              return null;
            }
            case "setTransactionIsolation" -> {
              isolationsSet.add((Integer) args[0]);
              return invoke(real, method, args);
            }
            case "rollback" -> {
              if (failRollback) {
                throw new SQLException("rollback failed", "08006");
              }
              return invoke(real, method, args);
            }
            default -> {
              return invoke(real, method, args);
            }
          }
        });
  }

  private java.sql.PreparedStatement statement(java.sql.PreparedStatement real) {
    return (java.sql.PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {java.sql.PreparedStatement.class},
        (proxy, method, args) -> {
          if (method.getName().equals("setQueryTimeout")) {
            queryTimeoutsSet.add((Integer) args[0]);
            if (failQueryTimeout) {
              throw new SQLException("statement refuses a timeout", "HY000");
            }
          }
          if (method.getName().equals("close")) {
            statementsClosed.incrementAndGet();
          }
          return invoke(real, method, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
