package dev.sessionkit.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The limits of the JDK's HTTP server. It reads them from system properties once, when its classes
 * load, and has no other way to set them; so {@link #apply} sets them before the JVM's first server
 * is created (a server created earlier in the same JVM keeps what it read). A property the user set,
 * with {@code -D} on the command line, is kept as it is.
 */
final class JdkHttpSettings {
  /** Each property the example sets, its value, and why. */
  static final Map<String, String> DEFAULTS = defaults();

  private JdkHttpSettings() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    // Seconds a request may take from its first byte to its last, headers and body. The JDK server
    // reads a request on a worker thread, so a client that sends slowly holds that thread: without a
    // limit, a few such clients stall every worker for good. Ten seconds is plenty for a few kB.
    d.put("sun.net.httpserver.maxReqTime", "10");
    // Seconds from a request's last byte to its answer's last: the handler (a store call waits at most
    // five seconds for a connection) plus a client that reads its answer slowly.
    d.put("sun.net.httpserver.maxRspTime", "30");
    // Seconds a kept-alive connection may sit idle. A connection that never sends a byte is closed
    // after the smaller of this and maxReqTime.
    d.put("sun.net.httpserver.idleInterval", "30");
    // The server writes an answer's headers and body separately. With Nagle's algorithm on, the body
    // waits until the client acknowledges the headers, and clients delay that ACK by up to 40 ms: every
    // request on a kept-alive connection took 42 ms instead of 1.
    d.put("sun.net.httpserver.nodelay", "true");
    // Bytes of a request body the server reads and drops when the handler answered without reading it
    // (a 413, a 401 before the body): the client, still sending, then reads the answer. Past this, the
    // server closes the connection with data unread, and the client sees a reset instead. Default 64 kB.
    d.put("sun.net.httpserver.drainAmount", Integer.toString(1024 * 1024));
    // Connections past this many are closed as they are accepted, so open sockets stay bounded.
    d.put("jdk.httpserver.maxConnections", "1000");
    return Collections.unmodifiableMap(d);
  }

  /**
   * Sets every property of {@link #DEFAULTS} that is not set yet.
   *
   * @param properties the system properties (tests pass their own)
   * @return each property of {@link #DEFAULTS} with the value in force
   */
  static Map<String, String> apply(Properties properties) {
    Map<String, String> inForce = new LinkedHashMap<>();
    synchronized (properties) {
      DEFAULTS.forEach((name, value) -> {
        if (properties.getProperty(name) == null) {
          properties.setProperty(name, value);
        }
        inForce.put(name, properties.getProperty(name));
      });
    }
    return inForce;
  }
}
