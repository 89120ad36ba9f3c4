package dev.sessionkit.jdbc;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The local database server, really stopped and started through {@code .ci/database-server}, as CI's
 * restart phase does it (as root, on the servers {@code .ci/start-databases} runs).
 */
final class DatabaseServer {
  /** The script waits for the server itself, a minute at most; this only catches a hung script. */
  private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(3);

  /** The work to do while the server is down. */
  @FunctionalInterface
  interface Outage {
    void check() throws Exception;
  }

  /** How long the script took to stop the server, and to start it until it answered again. */
  record Restart(Duration stop, Duration start) {}

  private final String name;

  /** @param name the server as the script names it: postgresql or mariadb */
  DatabaseServer(String name) {
    this.name = name;
  }

  /**
   * Stops the server, runs the checks, and starts the server again whatever happens in them: a
   * failed check must not leave the rest of the build without a database.
   */
  Restart whileStopped(Outage outage) throws Exception {
    Duration stop;
    try {
      stop = run("stop");
      outage.check();
    } catch (Exception | Error failure) {
      try {
        run("start");
      } catch (Exception | Error notStarted) {
        failure.addSuppressed(notStarted);
      }
      throw failure;
    }
    return new Restart(stop, start());
  }

  /** Starts the server unless it is up; returns how long that took. */
  Duration start() throws IOException, InterruptedException {
    return run("start");
  }

  /** Runs the script to its end; its output only shows in the failure when it fails. */
  private Duration run(String action) throws IOException, InterruptedException {
    Path script = repositoryRoot().resolve(".ci").resolve("database-server");
    if (!Files.isExecutable(script)) {
      throw new AssertionError("no executable " + script);
    }
    // A file, not a pipe: a server the script starts may keep the script's output open for good.
    Path output = Files.createTempFile("database-server-", ".log");
    try {
      long started = System.nanoTime();
      Process process = new ProcessBuilder(script.toString(), action, name)
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(SCRIPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(script + " " + action + " " + name + " still running after " + SCRIPT_LIMIT
            + ":\n" + Files.readString(output));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (process.exitValue() != 0) {
        throw new AssertionError(script + " " + action + " " + name + " failed (exit " + process.exitValue()
            + "):\n" + Files.readString(output));
      }
      return took;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Surefire runs the tests in the module's directory ("basedir"); the repository is its parent. */
  private static Path repositoryRoot() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
  }
}
