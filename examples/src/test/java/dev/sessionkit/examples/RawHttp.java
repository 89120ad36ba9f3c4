package dev.sessionkit.examples;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} hides: a request that is
 * never finished, request targets it would normalize, and many requests on one connection.
 */
final class RawHttp implements Closeable {
  /** An answer: status, headers (names in lower case) and body text. */
  record Response(int status, Map<String, String> headers, String body) {}

  private final Socket socket;
  private final InputStream in;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
  }

  /** Connects to the server; TCP_NODELAY on this side, so any delay measured is the server's. */
  static RawHttp connect(URI server) throws IOException {
    Socket socket = new Socket(server.getHost(), server.getPort());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(20_000);
    return new RawHttp(socket);
  }

  /** Writes text as it is (ISO-8859-1), complete request or not. */
  RawHttp send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Sends {@code GET target} with the given extra header lines and reads the answer. */
  Response get(String target, String... headerLines) throws IOException {
    return exchange("GET", target, headerLines);
  }

  Response exchange(String method, String target, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    send(request.append("\r\n").toString());
    return read(!method.equals("HEAD"));
  }

  /** Reads one answer; its body by Content-Length, when the request method gets one. */
  Response read(boolean withBody) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before an answer");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
  }

  /**
   * Waits for the server to close this connection: true at a clean end of stream, false when more bytes
   * come first; a reset (the server closing with bytes of ours unread) throws.
   */
  boolean closesCleanly() throws IOException {
    return in.read() == -1;
  }

  /**
   * Waits for the server to close this connection without an answer: true at end of stream or a reset
   * (the server closing with bytes of ours unread), false when bytes come first.
   */
  boolean closesCleanlyOrIsReset() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** Whether the server has closed this connection (end of stream or reset), without waiting. */
  boolean closedByServer() {
    try {
      socket.setSoTimeout(1);
      return in.read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    } finally {
      try {
        socket.setSoTimeout(20_000);
      } catch (IOException closed) {
        // nothing to restore on a closed socket
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
