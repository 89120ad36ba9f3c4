package dev.sessionkit.examples;

import com.sun.net.httpserver.HttpServer;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.PurgeScheduler;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.useragent.UapUserAgentParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference HTTP server: sessionkit wrapped the way a framework author would, on the JDK's own
 * HTTP server. Run it with {@code mvn -q -pl examples -am package -DskipTests exec:java} and open the printed URL.
 */
public final class ExampleServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService workers;
  private final PurgeScheduler purger;
  private final ExampleStore store;
  private final SessionService sessions;

  private ExampleServer(ServerConfig config, ExampleStore store, Clock clock) throws IOException {
    this.store = store;
    this.sessions = SessionService.builder(store.store())
        .clock(clock)
        .policy(SessionPolicy.builder()
            .absoluteLifetime(Duration.ofDays(30))
            .idleTimeout(Duration.ofDays(7))
            .touchInterval(Duration.ofMinutes(1))
            .maxSessionsPerSubject(20, OverflowStrategy.EVICT_LEAST_RECENTLY_USED)
            .build())
        .userAgentParser(new UapUserAgentParser())
        .build();
    Router router = new Router();
    new SessionRoutes(sessions, new DemoUsers()).register(router);
    new StaticFiles().register(router);
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 0);
    this.workers = Executors.newFixedThreadPool(8);
    http.setExecutor(workers);
    http.createContext("/", router);
    http.start();
    this.purger = PurgeScheduler.start(sessions, config.purgeInterval());
  }

  /**
   * Starts a server.
   *
   * @param config where to listen and which store to use
   * @return the running server
   * @throws IOException when the port cannot be bound
   */
  static ExampleServer start(ServerConfig config) throws IOException {
    return start(config, Clock.systemUTC());
  }

  /** Starts a server whose sessions (and, later, limits) keep the time of {@code clock}; tests move it. */
  static ExampleServer start(ServerConfig config, Clock clock) throws IOException {
    ExampleStore store = ExampleStore.open(config);
    try {
      return new ExampleServer(config, store, clock);
    } catch (IOException | RuntimeException e) {
      store.close(); // a taken port must not leave the pool (and the H2 file lock) behind
      throw e;
    }
  }

  /** The store and its pool; tests close the pool to see the server answer 503. */
  ExampleStore store() {
    return store;
  }

  int port() {
    return http.getAddress().getPort();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  /** Stops taking requests, then purging (a purge run in progress finishes first), then the store. */
  @Override
  public void close() {
    http.stop(0);
    purger.close();
    workers.shutdownNow();
    store.close();
  }

  public static void main(String[] args) throws IOException {
    ServerConfig config = ServerConfig.fromEnvironment();
    ExampleServer server = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sessionkit-shutdown"));
    System.out.println("sessionkit example server on " + server.uri() + "  (" + server.store.description() + ")");
    System.out.println("Sign in as alice / alice-password, bob / bob-password or admin / admin-password. Ctrl+C stops it.");
  }
}
