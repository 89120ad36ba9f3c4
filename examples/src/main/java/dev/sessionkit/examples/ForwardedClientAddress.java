package dev.sessionkit.examples;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * The client address behind the proxies the operator trusts. Without any (the default), a request's
 * address is its connection's, and {@code X-Forwarded-For} is ignored: anyone can send it, and a
 * sign-in limit keyed on it would be a limit the client picks. For a request whose connection comes
 * from a trusted proxy, the address is the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy itself: proxies append the address they saw, so entries left of the last proxy's
 * are the client's own words. An entry that is not an IP address, or no header, leaves the proxy's
 * address. Jetty's {@code ForwardedRequestCustomizer} takes the left-most entry, from any connection,
 * which is why this is not it.
 */
final class ForwardedClientAddress implements HttpConfiguration.Customizer {
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private final Set<InetAddress> trusted;

  /** @param trustedProxies IP addresses, as {@link #parse} takes them */
  ForwardedClientAddress(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream()
        .map(p -> parse(p).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + p)))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether connections from this address are a trusted proxy's. */
  boolean isTrusted(InetAddress address) {
    return trusted.contains(address);
  }

  /**
   * An IPv4 or IPv6 address literal (IPv6 with or without brackets), never looked up by name: a host
   * name or anything else is empty.
   */
  static Optional<InetAddress> parse(String text) {
    String literal = text.trim();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    // InetAddress.getByName looks a name up; these two forms it only parses.
    if (!IPV4.matcher(literal).matches() && !(literal.indexOf(':') >= 0 && literal.matches("[0-9A-Fa-f:.]+"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    if (trusted.isEmpty()
        || !(request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress proxy)
        || !trusted.contains(proxy.getAddress())) {
      return request;
    }
    List<String> forwarded = request.getHeaders().getCSV("X-Forwarded-For", false);
    InetAddress client = null;
    for (int i = forwarded.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = parse(forwarded.get(i));
      if (hop.isEmpty()) {
        return request; // not what a trusted proxy writes: keep the proxy's address
      }
      client = hop.get();
      if (!trusted.contains(client)) {
        break;
      }
    }
    if (client == null) {
      return request;
    }
    SocketAddress remote = new InetSocketAddress(client, proxy.getPort());
    ConnectionMetaData connection = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
      @Override
      public SocketAddress getRemoteSocketAddress() {
        return remote;
      }
    };
    return new Request.Wrapper(request) {
      @Override
      public ConnectionMetaData getConnectionMetaData() {
        return connection;
      }
    };
  }
}
