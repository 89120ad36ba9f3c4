package dev.sessionkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Measured figures of a test run (rounds, inputs, delays) as plain lines under the module's
 * {@code target/test-figures/}, one file per topic. Tests stay quiet; {@code .ci/run} prints the files.
 */
public final class Figures {
  private Figures() {}

  /**
   * Appends one line to {@code target/test-figures/<topic>.txt} of the module under test.
   *
   * @param topic the file name without extension, e.g. {@code "stress"}
   * @param line the figure, one line
   */
  public static synchronized void record(String topic, String line) {
    Path file = Path.of("target", "test-figures", topic + ".txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record a test figure in " + file, e);
    }
  }
}
