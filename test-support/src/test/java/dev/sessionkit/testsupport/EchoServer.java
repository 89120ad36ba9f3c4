package dev.sessionkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A loopback server that writes back every byte it reads and counts them; the proxy's target. */
final class EchoServer implements AutoCloseable {
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();

  EchoServer() throws IOException {
    listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** @return bytes read from all connections so far */
  long received() {
    return received.get();
  }

  /** @return connections accepted so far */
  long accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (true) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      sockets.add(socket);
      Thread echo = new Thread(() -> echo(socket), "echo-" + socket.getPort());
      echo.setDaemon(true);
      echo.start();
    }
  }

  private void echo(Socket socket) {
    byte[] buffer = new byte[8192];
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.addAndGet(n);
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the client or the proxy reset the connection
    } finally {
      sockets.remove(socket);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
