package dev.sessionkit.jdbc;

/**
 * What wakes a {@link JdbcInvalidationSource} between polls. Only PostgreSQL has one ({@code
 * PostgresNotificationListener}, the one class that uses the PostgreSQL driver's own API): through this
 * interface the source never loads it on other databases, which then need no pgjdbc jar.
 */
interface NotificationListener extends AutoCloseable {
  /** Starts listening, running {@code wakeUp} on each batch of notifications. Called once. */
  void start(Runnable wakeUp);

  /** Stops listening and gives the connection back. Idempotent. */
  @Override
  void close();
}
