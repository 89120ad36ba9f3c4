package dev.sessionkit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measurements a test records for people to read (times to fail, recovery times), while its
 * assertions only hold generous bounds: one plain text file per test class,
 * {@code target/test-figures/<SimpleName>.txt} in the module, written anew from the first line a
 * class records in a run (a class that records nothing leaves no file). CI prints these files;
 * nothing is printed during the run, so a green run stays quiet.
 */
public final class TestFigures {
  private static final Map<String, TestFigures> FILES = new ConcurrentHashMap<>();

  private final Path file;
  private boolean started; // guarded by this
  private final Set<String> recorded = new HashSet<>(); // guarded by this

  private TestFigures(Path directory, String name) {
    this.file = directory.resolve(name + ".txt");
  }

  /**
   * The figures of a test class.
   *
   * @param testClass the test class (a leaf: its simple name names the file)
   * @return its figures
   */
  public static TestFigures of(Class<?> testClass) {
    // Surefire runs each module's tests with "basedir" set to the module (and there as the
    // working directory, the fallback).
    Path directory = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("test-figures");
    return FILES.computeIfAbsent(testClass.getSimpleName(), name -> new TestFigures(directory, name));
  }

  /** Figures in another directory: for the tests of this class. */
  static TestFigures in(Path directory, String name) {
    return new TestFigures(directory, name);
  }

  /**
   * Appends one line.
   *
   * @param line the figure, as plain text
   */
  public synchronized void record(String line) {
    try {
      if (!started) { // the first line of this run replaces what an earlier run left
        Files.createDirectories(file.getParent());
        Files.writeString(file, "", StandardCharsets.UTF_8);
        started = true;
      }
      Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      recorded.add(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Appends a line unless this run recorded it already: a header, such as the configuration the
   * figures were measured with, that each test of a class states but the file needs once.
   *
   * @param line the line
   */
  public synchronized void recordOnce(String line) {
    if (!recorded.contains(line)) {
      record(line);
    }
  }

  /** @return the file the figures go to */
  public Path file() {
    return file;
  }
}
