package dev.sessionkit.redis;

import dev.sessionkit.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} of a test's own, on a free loopback port with its data directory in a temp
 * dir: stopped and started again at will, which the shared server on 6379 must never be, and measured
 * by nothing but the test. Persistent means append-only with a fsync per write ({@code --appendonly yes
 * --appendfsync always}); otherwise it keeps nothing across a restart, like the shared server. {@link
 * #close()} kills it and deletes the directory.
 */
final class RedisServerProcess implements AutoCloseable {
  static final String EXECUTABLE = System.getProperty("sessionkit.redis.server", "/usr/bin/redis-server");
  private static final Duration START_LIMIT = Duration.ofSeconds(30);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

  private final boolean persistent;
  private final int port;
  private final Path dir;
  private final Thread killOnExit;
  private Process process;
  private int starts;

  private RedisServerProcess(boolean persistent) throws IOException {
    this.persistent = persistent;
    this.port = freePort();
    this.dir = Files.createTempDirectory("sessionkit-redis-");
    this.killOnExit = new Thread(() -> {
      if (process != null) {
        process.destroyForcibly();
      }
    });
    Runtime.getRuntime().addShutdownHook(killOnExit); // a JVM that dies mid-test leaves no server
  }

  /** Starts a server that keeps every write in its append-only file. */
  static RedisServerProcess persistent() throws IOException {
    return startNew(true);
  }

  /** Starts a server that keeps nothing across a restart. */
  static RedisServerProcess inMemory() throws IOException {
    return startNew(false);
  }

  private static RedisServerProcess startNew(boolean persistent) throws IOException {
    RedisServerProcess server = new RedisServerProcess(persistent);
    server.start();
    return server;
  }

  /** @return its URI, for a RedisClient */
  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Starts it (again: same port, same directory) and waits until it accepts commands. */
  void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    starts++;
    Path log = dir.resolve("server-" + starts + ".log");
    List<String> command = new ArrayList<>(List.of(EXECUTABLE, "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--daemonize", "no"));
    command.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "always")
        : List.of("--appendonly", "no"));
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Await.until("redis-server on port " + port + " ready (see " + log + ")", () -> {
      if (!process.isAlive()) {
        throw new AssertionError("redis-server exited with " + process.exitValue() + ": " + read(log));
      }
      return read(log).contains("Ready to accept connections");
    }, START_LIMIT);
  }

  /** SIGTERM, as an orderly shutdown: waits until the process is gone. */
  void stop() {
    process.destroy();
    awaitExit();
  }

  /** SIGKILL: no chance to write anything more. Waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("redis-server on port " + port + " did not exit within " + STOP_LIMIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping redis-server", e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (process != null && process.isAlive()) {
        kill();
      }
    } finally {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "RedisServerProcess[port=" + port + (persistent ? ", append-only" : ", in memory") + "]";
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
