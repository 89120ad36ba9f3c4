package dev.sessionkit.examples;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;

/**
 * At most {@code max} connections open at once from one client address: past that, a new one is
 * closed as soon as it opens, before a byte of it is read, so that one client cannot take the whole
 * {@link ExampleServer#MAX_CONNECTIONS} with idle or slow connections. Connections from a trusted
 * proxy are not counted (every client behind it shares its address). The count is of the connection's
 * own address: a proxy's {@code X-Forwarded-For} is only read once a request has come. Jetty adds
 * this, a bean of the connector, as a listener to each connection.
 */
final class ConnectionsPerAddress implements Connection.Listener {
  private final int max;
  private final ForwardedClientAddress proxies;
  /** Open connections per address; an address leaves with its last connection, so at most as many as connections. */
  private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
  /**
   * The connections counted in {@link #open}, with their address: each leaves it once, and a closed
   * connection's end point no longer knows its remote address.
   */
  private final ConcurrentMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

  ConnectionsPerAddress(int max, ForwardedClientAddress proxies) {
    this.max = max;
    this.proxies = proxies;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = addressOf(connection);
    if (address == null) {
      return;
    }
    if (open.merge(address, 1, Integer::sum) > max) {
      leave(address);
      // Jetty does not tell onClosed of a connection closed while it opens: it was never counted in.
      connection.getEndPoint().close();
    } else {
      counted.put(connection, address);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress address = counted.remove(connection);
    if (address != null) {
      leave(address);
    }
  }

  private void leave(InetAddress address) {
    open.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
  }

  /** The address to count the connection under; null for a trusted proxy's. */
  private InetAddress addressOf(Connection connection) {
    if (connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress remote
        && remote.getAddress() != null && !proxies.isTrusted(remote.getAddress())) {
      return remote.getAddress();
    }
    return null;
  }
}
