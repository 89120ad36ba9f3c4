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
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference HTTP server: sessionkit wrapped the way a framework author would, on the JDK's own
 * HTTP server. Run it with {@code mvn -q -pl examples -am package -DskipTests exec:java} and open the printed URL.
 */
public final class ExampleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExampleServer.class);
  /**
   * Request threads. The JDK server reads a request on the thread that then handles it, so each slow
   * client holds one until maxReqTime cuts it off: with 200 (Tomcat's default) it takes that many at
   * once to stall the server, and then only for the time limit.
   */
  private static final int WORKER_THREADS = 200;
  /** Room for a waiting request from every connection the server accepts (jdk.httpserver.maxConnections). */
  private static final int WORKER_QUEUE = 1000;

  private final HttpServer http;
  private final ThreadPoolExecutor workers;
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
    new SessionRoutes(sessions, new DemoUsers(), new LoginThrottle(clock, LoginThrottle.DEFAULT)).register(router);
    new StaticFiles().register(router);
    Map<String, String> limits = JdkHttpSettings.apply(System.getProperties());
    LOG.debug("JDK HTTP server settings: {}", limits);
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 0);
    this.workers = newWorkerPool();
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

  /** Starts a server whose sessions and sign-in limits keep the time of {@code clock}; tests move it. */
  static ExampleServer start(ServerConfig config, Clock clock) throws IOException {
    ExampleStore store = ExampleStore.open(config);
    try {
      return new ExampleServer(config, store, clock);
    } catch (IOException | RuntimeException e) {
      store.close(); // a taken port must not leave the pool (and the H2 file lock) behind
      throw e;
    }
  }

  /**
   * Threads start on demand and end after a minute idle. A request refused by a full queue makes the
   * JDK server close that connection, which is what an overloaded server should do.
   */
  private static ThreadPoolExecutor newWorkerPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(
        WORKER_THREADS, WORKER_THREADS, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(WORKER_QUEUE),
        task -> {
          Thread t = new Thread(task, "sessionkit-http-" + count.incrementAndGet());
          t.setDaemon(true); // the JDK's dispatcher thread is what keeps the process up
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** How many request threads are busy right now, slow clients included. */
  int busyWorkers() {
    return workers.getActiveCount();
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
