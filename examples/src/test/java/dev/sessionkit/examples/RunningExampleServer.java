package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the end-to-end tests: a fresh example server per test, on a random port with the
 * embedded store in a temporary folder, and a client for it; afterwards the server is closed and
 * Jetty must have logged no warning or error.
 */
abstract class RunningExampleServer {
  /** The server's data folder, fresh for every test. */
  @TempDir Path dataDir;
  /** The running server. */
  ExampleServer server;
  /** A client of {@link #server}. */
  ApiClient api;

  /** Where the check of Jetty's log starts; a test that provokes a warning on purpose moves it. */
  int jettyLogs;

  @BeforeEach
  void startServer() throws Exception {
    jettyLogs = JettyLogs.atRuntimeLevels();
    server = ExampleServer.start(config());
    api = new ApiClient(server.uri());
  }

  /** The settings each test's server starts with: the embedded store in {@link #dataDir}, on a random port. */
  ServerConfig config() {
    return ServerConfig.embedded(0, dataDir);
  }

  @AfterEach
  void stopServer() {
    server.close();
    assertThat(JettyLogs.warningsSince(jettyLogs)).as("Jetty's warnings and errors").isEmpty();
  }

  /** Replaces the running server by one with other settings or a clock the test moves, same database. */
  void restart(ServerConfig config, Clock clock) throws IOException {
    server.close();
    server = ExampleServer.start(config, clock);
    api = new ApiClient(server.uri());
  }
}
