package dev.sessionkit.examples;

import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.PurgeScheduler;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.micrometer.SessionMetrics;
import dev.sessionkit.useragent.UapUserAgentParser;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The reference HTTP server: sessionkit wrapped the way a framework author would, on Jetty (its core
 * handler API, no servlets). Run it with {@code mvn -q -pl examples -am package -DskipTests exec:java}
 * and open the printed URL.
 *
 * <p>Jetty reads requests without holding a thread, so a client that sends its request slowly, or
 * stops halfway, costs a connection and not one of the request threads; a connection that sends
 * nothing for the idle timeout (in a request's line, headers or body, or between requests) is closed,
 * and so is one whose request line and headers take longer than the request head timeout however
 * steadily their bytes come ({@link RequestHeadDeadline}); one address may hold a bounded number of
 * connections ({@link ConnectionsPerAddress}).
 * Every answer is the router's or {@link JsonErrorHandler}'s, so every error has the one JSON shape.
 */
public final class ExampleServer implements AutoCloseable {
  /** Threads that run handlers, which block on the store. Jetty's default; slow clients do not hold them. */
  static final int MAX_THREADS = 200;
  /** Connections open at once; past this many, new ones wait in the accept queue until one closes. */
  static final int MAX_CONNECTIONS = 1000;
  /**
   * Connections the kernel completes before the server accepts them. The JDK's default, 50, drops
   * the rest of a burst of new connections, and each dropped one waits a second to try again.
   */
  static final int ACCEPT_QUEUE = 1024;
  /**
   * A request body must come at least this fast on average, or it is refused: a route reads its body
   * on a request thread, which a body sent a byte now and then (never idle for the idle timeout) would
   * hold. At this rate the largest body takes a minute.
   */
  static final long MIN_BODY_BYTES_PER_SECOND = 1024;
  /** The request line and headers together; more is a 400 (Jetty's 431). */
  static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;
  /**
   * Jetty's URI rules, less those the router applies itself on the raw path: an empty segment
   * ({@code //sessions}) is its 404, an encoded "/" ({@code a%2Fb}) and "%" ({@code %25zz}) stay
   * inside their segment, escapes that are not UTF-8 are its 400 (and the connection lives on).
   */
  static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("SESSIONKIT",
      UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
      UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
      UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
      UriCompliance.Violation.BAD_UTF8_ENCODING,
      UriCompliance.Violation.TRUNCATED_UTF8_ENCODING);

  private final Server http;
  private final QueuedThreadPool threads;
  private final ServerConnector connector;
  private final ExampleStore store;
  private final SessionService sessions;
  private PurgeScheduler purger;

  private ExampleServer(ServerConfig config, ExampleStore store, Clock clock) {
    this.store = store;
    // The session meters, scraped at GET /metrics: store call timers and the listener's counters.
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.sessions = SessionMetrics.instrument(store.store(), metrics).serviceBuilder()
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
    new MetricsRoute(metrics).register(router);

    this.threads = new QueuedThreadPool(MAX_THREADS);
    threads.setName("sessionkit-http");
    this.http = new Server(threads);
    HttpConfiguration settings = new HttpConfiguration();
    settings.setSendServerVersion(false);
    settings.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    settings.setUriCompliance(URI_COMPLIANCE);
    ForwardedClientAddress proxies = new ForwardedClientAddress(config.trustedProxies());
    settings.addCustomizer(proxies);
    this.connector = new ServerConnector(http, new HttpConnectionFactory(settings));
    connector.setHost("127.0.0.1");
    connector.setPort(config.port());
    connector.setIdleTimeout(config.idleTimeout().toMillis());
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    http.addConnector(connector);
    http.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
    connector.addBean(new ConnectionsPerAddress(config.maxConnectionsPerAddress(), proxies));
    connector.addBean(new RequestHeadDeadline(connector, config.requestHeadTimeout())); // after its scheduler
    http.setHandler(new MinimumDataRateHandler(router, MIN_BODY_BYTES_PER_SECOND, 0));
    http.setErrorHandler(new JsonErrorHandler());
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
    ExampleServer server;
    try {
      server = new ExampleServer(config, store, clock);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      server.http.start();
    } catch (Exception e) {
      server.close(); // a taken port must not leave threads, the pool (and the H2 file lock) behind
      throw e instanceof IOException io ? io : new IOException("the server did not start", e);
    }
    server.purger = PurgeScheduler.start(server.sessions, config.purgeInterval());
    return server;
  }

  /** Threads busy now: Jetty's acceptor and selector, and those running a route (no slow client's). */
  int busyThreads() {
    return threads.getBusyThreads();
  }

  /** Connections open right now, slow clients' included. */
  int openConnections() {
    return connector.getConnectedEndPoints().size();
  }

  /** The store and its pool; tests close the pool to see the server answer 503. */
  ExampleStore store() {
    return store;
  }

  int port() {
    return connector.getLocalPort();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  /** Stops taking requests, then purging (a purge run in progress finishes first), then the store. */
  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the HTTP server did not stop", e);
    } finally {
      if (purger != null) {
        purger.close();
      }
      store.close();
    }
  }

  public static void main(String[] args) throws IOException {
    ServerConfig config = ServerConfig.fromEnvironment();
    ExampleServer server = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sessionkit-shutdown"));
    System.out.println("sessionkit example server on " + server.uri() + "  (" + server.store.description() + ")");
    System.out.println("Sign in as alice / alice-password, bob / bob-password or admin / admin-password. Ctrl+C stops it.");
  }
}
