package dev.sessionkit.examples;

import com.github.valfirst.slf4jtest.LoggingEvent;
import com.github.valfirst.slf4jtest.TestLoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.slf4j.event.Level;

/**
 * Jetty's logging in tests, at the levels the example runs it at. Tests log through slf4j-test, which
 * captures every event, at every level, and prints none. Jetty at DEBUG logs each request's headers,
 * bearer tokens included, which the secret-leak guard rightly fails; the example runs Jetty at WARN
 * (simplelogger.properties), so tests capture its WARN and ERROR only. A green run has none of those:
 * the test classes check with {@link #warningsSince}; a test that provokes one asserts it with
 * {@code CapturedLogs}.
 */
final class JettyLogs {
  private static boolean leveled;

  private JettyLogs() {}

  /**
   * Limits every Jetty class's logger to WARN and ERROR, on every thread, once per JVM; then returns
   * the mark from which {@link #warningsSince} counts.
   */
  static synchronized int atRuntimeLevels() {
    if (!leveled) {
      for (Class<?> inJar : List.of(Server.class, HttpParser.class, EndPoint.class, Callback.class)) {
        for (String logger : classNames(inJar)) {
          TestLoggerFactory.getTestLogger(logger).setEnabledLevelsForAllThreads(Level.WARN, Level.ERROR);
        }
      }
      leveled = true;
    }
    return mark();
  }

  /** Where the log stands now: {@link #warningsSince} this mark sees only what comes after. */
  static int mark() {
    return TestLoggerFactory.getAllLoggingEvents().size();
  }

  /** Jetty's WARN and ERROR events since the mark, each with its logger and cause. */
  static List<String> warningsSince(int mark) {
    List<LoggingEvent> all = new ArrayList<>(TestLoggerFactory.getAllLoggingEvents()); // a locked copy
    return all.subList(Math.min(mark, all.size()), all.size()).stream()
        .filter(e -> e.getCreatingLogger().getName().startsWith("org.eclipse.jetty"))
        .filter(e -> e.getLevel() == Level.WARN || e.getLevel() == Level.ERROR)
        .map(e -> e.getCreatingLogger().getName() + ": " + e.getFormattedMessage()
            + e.getThrowable().map(t -> " (" + t + ")").orElse(""))
        .toList();
  }

  /** Every class in the jar that holds {@code inJar}: Jetty names each logger after its class. */
  private static List<String> classNames(Class<?> inJar) {
    try (JarFile jar = new JarFile(Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
      return jar.stream()
          .map(entry -> entry.getName())
          .filter(name -> name.endsWith(".class") && !name.contains("-")) // not module-info, not versioned
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
