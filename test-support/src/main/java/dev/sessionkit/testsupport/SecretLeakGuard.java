package dev.sessionkit.testsupport;

import com.github.valfirst.slf4jtest.LoggingEvent;
import com.github.valfirst.slf4jtest.TestLoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class of every module (extension autodetection, see this jar's
 * junit-platform.properties): before the first class it makes {@link IssuedSecrets} record every
 * token secret, and after each class it reads every log event captured since the last check, from
 * every thread and every level down to TRACE, and fails the class if one shows a secret or its
 * SHA-256 in any usual encoding. A token that reaches a log line therefore fails the build at the
 * class that logged it. Records of java.util.logging (PostgreSQL's driver logs there) are captured
 * and searched the same way, and so are hashes printed a byte at a time, as spaced hex ("9e 85 a1 ...")
 * or in a driver's hex dump.
 */
public final class SecretLeakGuard implements BeforeAllCallback, AfterAllCallback {
  private static int checked;

  /**
   * What went through java.util.logging (PostgreSQL's driver logs there, and HikariCP or H2 may):
   * "LEVEL from logger: text", rendered when logged, taken off when scanned.
   */
  private static final Queue<String[]> JUL_RECORDS = new ConcurrentLinkedQueue<>();

  private static final Handler JUL_CAPTURE = new Handler() {
    private final Formatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      StringBuilder text = new StringBuilder(String.valueOf(formatter.formatMessage(record)));
      if (record.getParameters() != null) {
        for (Object parameter : record.getParameters()) {
          text.append(' ').append(parameter);
        }
      }
      if (record.getThrown() != null) {
        text.append(IssuedSecrets.describe(record.getThrown()));
      }
      JUL_RECORDS.add(new String[] {record.getLevel() + " from " + record.getLoggerName(), text.toString()});
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /** MariaDB Connector/J's switches, read once when the driver's logging starts. */
  static final String MARIADB_SLF4J = "mariadb.logging.slf4j.enable";

  static final String MARIADB_FALLBACK = "mariadb.logging.fallback";

  static {
    IssuedSecrets.install();
    installJulCapture();
    holdDriverLoggingAtInfo();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    IssuedSecrets.install();
    installJulCapture();
    holdDriverLoggingAtInfo();
  }

  /**
   * The drivers run in the tests as the session-jdbc README asks of production: their logging at INFO
   * and above. Below that they print statement parameters by design, the hashes among them: MariaDB
   * Connector/J logs every packet as a hex dump at TRACE. slf4j-test enables every level of every
   * logger (and resets a test thread's levels before each test), so MariaDB's driver is sent to
   * java.util.logging instead, where its loggers stay at the default INFO and the capture below still
   * reads whatever they log. (PostgreSQL's driver logs there anyway.) The guard keeps reading
   * sessionkit's own logging at every level. A property set on the command line is left alone.
   */
  static void holdDriverLoggingAtInfo() {
    if (System.getProperty(MARIADB_SLF4J) == null) {
      System.setProperty(MARIADB_SLF4J, "false");
      System.setProperty(MARIADB_FALLBACK, "JDK");
    }
  }

  /**
   * Adds the capture to java.util.logging's root logger, once, at every level the loggers let
   * through (it changes no logger's level: a driver's trace logging stays as configured), in place of
   * the console handler.
   */
  static synchronized void installJulCapture() {
    java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    for (Handler handler : root.getHandlers()) {
      if (handler == JUL_CAPTURE) {
        return;
      }
    }
    JUL_CAPTURE.setLevel(Level.ALL);
    root.addHandler(JUL_CAPTURE);
    // As slf4j-test does for SLF4J: captured, not printed (a green run is quiet).
    for (Handler handler : root.getHandlers()) {
      if (handler instanceof ConsoleHandler) {
        root.removeHandler(handler);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> leaks = scanNewEvents();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size() + " log event(s) show a token secret or its hash, first: " + leaks.get(0));
    }
  }

  /** Scans events not scanned yet; returns a description of each leaking one. */
  static synchronized List<String> scanNewEvents() {
    // A copy through toArray, which the synchronized list behind the view locks: other threads log on.
    List<LoggingEvent> events = new ArrayList<>(TestLoggerFactory.getAllLoggingEvents());
    if (checked > events.size()) {
      checked = 0; // somebody cleared the capture: start over
    }
    List<String> leaks = new ArrayList<>();
    for (LoggingEvent event : events.subList(checked, events.size())) {
      String leak = IssuedSecrets.findIn(render(event));
      if (leak != null) {
        // The template is the code's own constant text: safe to show, and it says which line leaked.
        leaks.add(event.getLevel() + " from " + event.getCreatingLogger().getName() + " (\"" + event.getMessage()
            + "\", on thread " + event.getThreadName() + "): " + leak);
      }
    }
    checked = events.size();
    for (String[] record; (record = JUL_RECORDS.poll()) != null; ) {
      String leak = IssuedSecrets.findIn(record[1]);
      if (leak != null) {
        leaks.add(record[0] + " (java.util.logging): " + leak);
      }
    }
    return leaks;
  }

  /** The event as any appender could write it: message, arguments, and the whole cause chain. */
  static String render(LoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (Object argument : event.getArguments()) {
      text.append(' ').append(argument);
    }
    event.getThrowable().ifPresent(t -> text.append(IssuedSecrets.describe(t)));
    return text.toString();
  }
}
