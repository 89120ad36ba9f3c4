package dev.sessionkit.testsupport;

import com.github.valfirst.slf4jtest.LoggingEvent;
import com.github.valfirst.slf4jtest.TestLoggerFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.Level;

/**
 * What one logger logged since this object was made, from any thread: tests that provoke a warning
 * on purpose assert on it here (nothing is printed during a run).
 */
public final class CapturedLogs {
  private final String logger;
  private final int start;

  private CapturedLogs(String logger) {
    this.logger = logger;
    this.start = TestLoggerFactory.getAllLoggingEvents().size();
  }

  /**
   * Starts watching a logger.
   *
   * @param loggerClass the class whose logger (same name) to watch
   * @return the watcher
   */
  public static CapturedLogs of(Class<?> loggerClass) {
    return new CapturedLogs(loggerClass.getName());
  }

  /** @return the events of this logger since the watch began */
  public List<LoggingEvent> events() {
    List<LoggingEvent> all = new ArrayList<>(TestLoggerFactory.getAllLoggingEvents()); // locked copy
    return all.subList(Math.min(start, all.size()), all.size()).stream()
        .filter(e -> e.getCreatingLogger().getName().equals(logger))
        .toList();
  }

  /**
   * @param level a level
   * @return the formatted messages logged at that level since the watch began
   */
  public List<String> messages(Level level) {
    return events().stream().filter(e -> e.getLevel() == level).map(LoggingEvent::getFormattedMessage).toList();
  }
}
