package dev.sessionkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy forwards, cuts, stalls one or both ways and restores, against an echo server. */
class FaultProxyTest {
  /** Only a safety net: a read that should succeed at once fails the test instead of hanging it. */
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private static final Duration SOON = Duration.ofSeconds(10);

  private EchoServer echo;
  private FaultProxy proxy;
  private final List<Socket> clients = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.to("127.0.0.1", echo.port());
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket client = new Socket(proxy.host(), proxy.port());
    client.setSoTimeout(READ_TIMEOUT_MILLIS);
    clients.add(client);
    return client;
  }

  private static void send(Socket client, String text) throws IOException {
    client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    client.getOutputStream().flush();
  }

  private static String read(Socket client, int length) throws IOException {
    byte[] bytes = client.getInputStream().readNBytes(length);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static void assertEchoes(Socket client, String text) throws IOException {
    send(client, text);
    assertThat(read(client, text.length())).isEqualTo(text);
  }

  /** The connection ended: end of stream or reset, not a read that waits. */
  private static void assertEnded(Socket client) {
    try {
      int next = client.getInputStream().read();
      assertThat(next).as("end of stream").isEqualTo(-1);
    } catch (SocketTimeoutException e) {
      fail("the connection is still open after " + READ_TIMEOUT_MILLIS + " ms");
    } catch (IOException e) {
      assertThat(e).isInstanceOf(SocketException.class); // reset
    }
  }

  @Test
  void forwardsManyConnectionsAtOnceByteForByte() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(CompletableFuture.supplyAsync(() -> {
          byte[] sent = new byte[256 * 1024];
          ThreadLocalRandom.current().nextBytes(sent);
          try (Socket client = new Socket(proxy.host(), proxy.port())) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            // Written from another thread: the echo comes back while the rest is still going out.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
              try {
                client.getOutputStream().write(sent);
                client.getOutputStream().flush();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
            InputStream in = client.getInputStream();
            byte[] received = in.readNBytes(sent.length);
            writing.join();
            return java.util.Arrays.equals(sent, received);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }, threads));
      }
      for (CompletableFuture<Boolean> result : results) {
        assertThat(result.get(1, TimeUnit.MINUTES)).as("the echo equals what was sent").isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(echo.accepted()).isEqualTo(8);
    Await.until("every connection closed", () -> proxy.openConnections() == 0, SOON);
  }

  @Test
  void cutResetsOpenConnectionsAndEveryNewOneUntilRestored() throws IOException {
    Socket before = connect();
    assertEchoes(before, "a");
    Await.until("the connection is linked", () -> proxy.openConnections() == 1, SOON);

    proxy.cut();

    assertThat(proxy.openConnections()).isZero();
    assertEnded(before);
    Socket during = connect(); // the handshake completes in the kernel; then the proxy resets it
    assertEnded(during);
    assertThat(echo.accepted()).as("a new connection never reaches the target").isEqualTo(1);

    proxy.restore();

    assertEchoes(connect(), "b");
  }

  @Test
  void stallHoldsBothWaysOnOpenAndNewConnectionsAndRestoreDeliversWhatWasHeld() throws IOException {
    Socket before = connect();
    assertEchoes(before, "a");

    proxy.stall();
    send(before, "b");
    Socket during = connect();
    send(during, "c");

    Await.until("both requests held", () -> proxy.heldDirections() == 2, SOON);
    assertThat(proxy.openConnections()).as("the new connection is accepted, not refused").isEqualTo(2);
    assertThat(echo.received()).as("nothing reached the server during the stall").isEqualTo(1);

    proxy.restore();

    assertThat(read(before, 1)).isEqualTo("b");
    assertThat(read(during, 1)).isEqualTo("c");
    assertThat(echo.received()).isEqualTo(3);
    assertThat(proxy.heldDirections()).isZero();
  }

  @Test
  void stallResponsesLetsRequestsThroughAndHoldsTheirAnswersUntilRestored() throws IOException {
    Socket client = connect();
    assertEchoes(client, "a");

    proxy.stallResponses();
    send(client, "b");

    Await.until("the request reached the server and its answer is held",
        () -> echo.received() == 2 && proxy.heldDirections() == 1, SOON);
    assertThat(client.getInputStream().available()).as("no answer arrived").isZero();

    proxy.restore();

    assertThat(read(client, 1)).isEqualTo("b");
    assertEchoes(client, "c");
  }

  @Test
  void aCloseDuringAStallIsHeldLikeTheBytesAndReachesTheServerOnRestore() throws IOException {
    Socket client = connect();
    assertEchoes(client, "a");

    proxy.stall();
    client.close();

    Await.until("the end of stream held", () -> proxy.heldDirections() == 1, SOON);
    assertThat(proxy.openConnections()).isEqualTo(1);

    proxy.restore();

    Await.until("the connection closed at both ends", () -> proxy.openConnections() == 0, SOON);
  }

  @Test
  void closeResetsEveryConnectionStopsListeningAndEndsEveryThread() throws IOException {
    Socket idle = connect();
    assertEchoes(idle, "a");
    proxy.stall();
    Socket stalled = connect();
    send(stalled, "b");
    Await.until("the request held", () -> proxy.heldDirections() == 1, SOON);
    String threadPrefix = "fault-proxy-" + proxy.port() + "-";

    proxy.close();

    assertEnded(idle);
    assertEnded(stalled);
    assertThat(proxy.openConnections()).isZero();
    assertThat(proxy.heldDirections()).isZero();
    assertThatThrownBy(() -> new Socket(proxy.host(), proxy.port()).close()).isInstanceOf(ConnectException.class);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("threads of the closed proxy")
        .noneMatch(t -> t.getName().startsWith(threadPrefix));
    proxy.close(); // again: nothing left to do
  }
}
