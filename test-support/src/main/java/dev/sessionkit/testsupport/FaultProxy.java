package dev.sessionkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy for fault tests: listens on an ephemeral loopback port and forwards every connection to
 * one target (a database server, say) until a test breaks the network between them. Written here
 * because no maintained Java library does this in process (Toxiproxy needs its Go server).
 *
 * <ul>
 *   <li>{@link #cut()}: resets every open connection at both ends (RST), and every new one as soon as
 *       it is accepted: a crashed middlebox, or a firewall that starts rejecting.
 *   <li>{@link #stall()}: connections stay open and new ones are accepted (and connected to the
 *       target), but no byte goes through in either direction: a silent network, where only the
 *       clients' own timeouts end a wait.
 *   <li>{@link #stallResponses()}: client to server is forwarded, server to client is not: requests
 *       reach the server and take effect, their answers never arrive.
 *   <li>{@link #restore()}: forwards again, old and new connections alike.
 * </ul>
 *
 * <p><b>Held bytes are delivered, not dropped.</b> A stall is a pause: every byte the proxy reads
 * after {@code stall()} returns is held, in order, and written once {@code restore()} is called, like
 * TCP's retransmissions once a partition heals. An end of stream is held the same way, so a client
 * that gave up and closed during a stall has its close reach the server after its held bytes. So a
 * request sent during a stall reaches the server on restore, after its sender may have reported a
 * failure. A connection whose other end is gone by then is closed when the write fails.
 *
 * <p>Thread-safe. Every thread is a daemon; {@link #close()} resets every connection and waits for
 * every thread of the proxy to end, so nothing outlives it.
 */
public final class FaultProxy implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  /** What the proxy does with the bytes of each direction. */
  private enum Mode {
    FORWARD,
    CUT,
    STALL,
    STALL_RESPONSES;

    boolean holds(boolean toServer) {
      return this == STALL || (this == STALL_RESPONSES && !toServer);
    }
  }

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition modeChanged = lock.newCondition();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger linkNumbers = new AtomicInteger();
  private Mode mode = Mode.FORWARD; // guarded by lock
  private boolean closed; // guarded by lock

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    this.name = "fault-proxy-" + listener.getLocalPort();
    start(name + "-accept", this::acceptLoop);
  }

  /**
   * Starts a proxy to {@code host:port}, forwarding.
   *
   * @param host the target's host
   * @param port the target's port
   * @return the running proxy
   * @throws IOException when no loopback port can be opened
   */
  public static FaultProxy to(String host, int port) throws IOException {
    return new FaultProxy(new InetSocketAddress(host, port));
  }

  /** @return the loopback address clients connect to */
  public String host() {
    return listener.getInetAddress().getHostAddress();
  }

  /** @return the port clients connect to */
  public int port() {
    return listener.getLocalPort();
  }

  /** Resets every open connection at both ends, and every new one until {@link #restore()}. */
  public void cut() {
    List<Link> victims;
    lock.lock();
    try {
      mode = Mode.CUT;
      victims = new ArrayList<>(links);
      modeChanged.signalAll();
    } finally {
      lock.unlock();
    }
    // A link accepted after the mode changed is reset by the acceptor; these are all the others.
    victims.forEach(Link::reset);
  }

  /** Holds every byte in both directions, on open and new connections, until {@link #restore()}. */
  public void stall() {
    setMode(Mode.STALL);
  }

  /**
   * Forwards client to server but holds every byte from server to client until {@link #restore()}:
   * requests take effect, answers are lost for as long as it lasts.
   */
  public void stallResponses() {
    setMode(Mode.STALL_RESPONSES);
  }

  /** Forwards again; whatever a stall held is written now, in order. */
  public void restore() {
    setMode(Mode.FORWARD);
  }

  private void setMode(Mode next) {
    lock.lock();
    try {
      mode = next;
      modeChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** @return how many client connections are open through the proxy */
  public int openConnections() {
    return links.size();
  }

  /**
   * How many directions of open connections hold bytes or an end of stream at this moment, waiting
   * for {@link #restore()}: the signal that a stall has caught something, for tests to await.
   *
   * @return the number of held directions
   */
  public int heldDirections() {
    return held.get();
  }

  /** Stops listening, resets every connection and waits for the proxy's threads to end. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      modeChanged.signalAll();
    } finally {
      lock.unlock();
    }
    closeQuietly(listener);
    new ArrayList<>(links).forEach(Link::reset);
    // Until the set is empty: the acceptor may start one last link thread while it ends (that link
    // was reset above, so its thread ends at once).
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    while (!threads.isEmpty()) {
      for (Thread thread : new ArrayList<>(threads)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        try {
          thread.join(Math.max(1, left));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while closing " + name, e);
        }
        if (thread.isAlive()) {
          throw new IllegalStateException(thread.getName() + " did not end within " + CLOSE_WAIT_MILLIS + " ms");
        }
      }
    }
  }

  @Override
  public String toString() {
    return "FaultProxy[" + host() + ":" + port() + " -> " + target + "]";
  }

  private void acceptLoop() {
    while (true) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // the listener was closed
      }
      Link link = null;
      lock.lock();
      try {
        // Decided under the lock: cut() either sees this link in the set or this check sees CUT.
        if (!closed && mode != Mode.CUT) {
          link = new Link(client, linkNumbers.incrementAndGet());
          links.add(link);
        }
      } finally {
        lock.unlock();
      }
      if (link == null) {
        resetQuietly(client);
      } else {
        Link started = link;
        start(name + "-" + link.number + "-to-server", started::run);
      }
    }
  }

  private void start(String threadName, Runnable body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    }, threadName);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /**
   * Returns when the mode lets bytes of this direction through; throws when the link closed while
   * waiting. Held directions are counted for {@link #heldDirections()}.
   */
  private void awaitPassage(Link link, boolean toServer) throws IOException {
    lock.lock();
    try {
      if (!mode.holds(toServer)) {
        return;
      }
      held.incrementAndGet();
      try {
        while (mode.holds(toServer) && !link.closed && !closed) {
          modeChanged.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SocketException("interrupted while stalled");
      } finally {
        held.decrementAndGet();
      }
      if (link.closed || closed) {
        throw new SocketException("closed while stalled");
      }
    } finally {
      lock.unlock();
    }
  }

  /** One client connection and its connection to the target, with a thread per direction. */
  private final class Link {
    final int number;
    final Socket client;
    final Socket server = new Socket();
    private final AtomicInteger directionsDone = new AtomicInteger();
    volatile boolean closed; // written under the proxy's lock, so that stalled pumps wake up

    Link(Socket client, int number) {
      this.client = client;
      this.number = number;
    }

    /** Connects to the target, then pumps client to server here and server to client on a new thread. */
    void run() {
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(target, CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        reset(); // the target is down: the client sees its connection reset, as if refused
        return;
      }
      if (closed) { // cut or closed while connecting
        reset();
        return;
      }
      start(name + "-" + number + "-to-client", () -> pump(server, client, false));
      pump(client, server, true);
    }

    private void pump(Socket from, Socket to, boolean toServer) {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        while (true) {
          int n = in.read(buffer);
          awaitPassage(this, toServer);
          if (n < 0) {
            to.shutdownOutput(); // the end of stream goes through like the bytes before it
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        reset(); // either end failed or the link was cut: the other end learns it at once
        return;
      }
      if (directionsDone.incrementAndGet() == 2) {
        finish();
      }
    }

    /** Both directions ended cleanly. */
    private void finish() {
      markClosed();
      closeQuietly(client);
      closeQuietly(server);
    }

    /** Ends the link abruptly: both ends see a reset, and stalled pumps of this link wake up and exit. */
    void reset() {
      markClosed();
      resetQuietly(client);
      resetQuietly(server);
    }

    private void markClosed() {
      lock.lock();
      try {
        closed = true;
        links.remove(this);
        modeChanged.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private static void resetQuietly(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0); // RST instead of FIN: a reset, not an orderly end
      }
    } catch (IOException e) {
      // closing is all that is left to do
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed or broken: nothing to release
    }
  }
}
