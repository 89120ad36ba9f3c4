package dev.sessionkit.testsupport;

import com.github.valfirst.slf4jtest.LoggingEvent;
import com.github.valfirst.slf4jtest.TestLoggerFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class of every module (extension autodetection, see this jar's
 * junit-platform.properties): before the first class it makes {@link IssuedSecrets} record every
 * token secret, and after each class it reads every log event captured since the last check, from
 * every thread and every level down to TRACE, and fails the class if one shows a secret or its
 * SHA-256 in any usual encoding. A token that reaches a log line therefore fails the build at the
 * class that logged it.
 */
public final class SecretLeakGuard implements BeforeAllCallback, AfterAllCallback {
  private static int checked;

  static {
    IssuedSecrets.install();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    IssuedSecrets.install();
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
