package dev.sessionkit.examples;

import com.sun.net.httpserver.HttpServer;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.useragent.UapUserAgentParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference HTTP server: sessionkit wrapped the way a framework author would, on the JDK's own
 * HTTP server. Run it with {@code mvn -q -pl examples -am package -DskipTests exec:java} and open the printed URL.
 */
public final class ExampleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExampleServer.class);

  private final HttpServer http;
  private final ExecutorService workers;
  private final ScheduledExecutorService purger;
  private final ExampleStore store;
  private final SessionService sessions;

  private ExampleServer(ServerConfig config, ExampleStore store) throws IOException {
    this.store = store;
    this.sessions = SessionService.builder(store.store())
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
    this.purger = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sessionkit-purge");
      t.setDaemon(true);
      return t;
    });
    long every = config.purgeInterval().toSeconds();
    purger.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.SECONDS);
    http.start();
  }

  /**
   * Starts a server.
   *
   * @param config where to listen and which store to use
   * @return the running server
   * @throws IOException when the port cannot be bound
   */
  static ExampleServer start(ServerConfig config) throws IOException {
    ExampleStore store = ExampleStore.open(config);
    try {
      return new ExampleServer(config, store);
    } catch (IOException | RuntimeException e) {
      store.close(); // a taken port must not leave the pool (and the H2 file lock) behind
      throw e;
    }
  }

  private void purge() {
    try {
      sessions.purgeExpired();
    } catch (RuntimeException e) {
      LOG.warn("purge of expired sessions failed; will retry", e);
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

  @Override
  public void close() {
    http.stop(0);
    purger.shutdownNow();
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
