package dev.sessionkit.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the JDK's HTTP server logs at WARNING and above while this is open. The server logs through
 * {@link System.Logger} under "com.sun.net.httpserver", which is java.util.logging here, not slf4j, so
 * {@code CapturedLogs} cannot see it.
 */
final class JdkServerWarnings implements AutoCloseable {
  // A strong reference: java.util.logging forgets loggers (and their handlers) nobody holds.
  private final Logger logger = Logger.getLogger("com.sun.net.httpserver");
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        messages.add(record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  JdkServerWarnings() {
    logger.addHandler(handler);
  }

  List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
