package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TCP port checks against real sockets on 127.0.0.1 (MON-6). */
class TcpProbeTest {

  final TcpProbe probe = new TcpProbe();
  Server server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  static CheckSpec.Tcp spec(int port, Duration timeout, String send, String expect) {
    return new CheckSpec.Tcp("127.0.0.1", port, timeout, null, send, expect);
  }

  @Test
  @DisplayName("MON-6: an open port is OK with its connect time as time_ms")
  void openPort() throws IOException {
    server = Server.start(socket -> {});
    CheckResult result = probe.check(spec(server.port(), Duration.ofSeconds(2), null, null));
    assertThat(result.state()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).startsWith("connected to 127.0.0.1:" + server.port() + " in ");
    assertThat(result.metrics()).containsKey("time_ms");
  }

  @Test
  @DisplayName("MON-6: a sent line and the expected text in the reply is OK")
  void sendAndExpect() throws IOException {
    server =
        Server.start(
            socket -> {
              var in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
              if ("PING".equals(in.readLine())) {
                write(socket, "+PONG\r\n");
              }
            });
    CheckResult result = probe.check(spec(server.port(), Duration.ofSeconds(2), "PING", "PONG"));
    assertThat(result.state()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).startsWith("reply contains 'PONG' in ");
  }

  @Test
  @DisplayName("MON-6: the expected text may arrive split over several reads")
  void splitReply() throws IOException {
    server =
        Server.start(
            socket -> {
              write(socket, "220 mail.vakt");
              sleep(150);
              write(socket, ".test ESMTP\r\n");
            });
    CheckResult result =
        probe.check(spec(server.port(), Duration.ofSeconds(2), null, "mail.vakt.test ESMTP"));
    assertThat(result.state()).isEqualTo(CheckState.OK);
  }

  @Test
  @DisplayName(
      "MON-6: a wrong reply is WARNING (check_tcp's default -M warn) and quotes what the server said")
  void wrongReply() throws IOException {
    server = Server.start(socket -> write(socket, "-ERR unknown command\r\n"));
    CheckResult result = probe.check(spec(server.port(), Duration.ofSeconds(2), "PING", "PONG"));
    assertThat(result.state()).isEqualTo(CheckState.WARNING);
    assertThat(result.reason())
        .isEqualTo("unexpected reply '-ERR unknown command' (expected 'PONG')");
  }

  @Test
  @DisplayName(
      "MON-6: a server that greets with something else and waits (an SSH banner) is WARNING, not"
          + " a time-out")
  void greetingThenSilence() throws IOException {
    server =
        Server.start(
            socket -> {
              write(socket, "SSH-2.0-OpenSSH_9.2p1\r\n");
              sleep(10_000);
            });
    CheckResult result = probe.check(spec(server.port(), Duration.ofSeconds(8), null, "HELLO"));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.WARNING);
    assertThat(result.reason())
        .isEqualTo("unexpected reply 'SSH-2.0-OpenSSH_9.2p1' (expected 'HELLO')");
  }

  @Test
  @DisplayName("MON-6: a server that closes without a word is CRITICAL")
  void closedWithoutReply() throws IOException {
    server = Server.start(socket -> {});
    CheckResult result = probe.check(spec(server.port(), Duration.ofSeconds(2), null, "220"));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("connection closed without a reply");
  }

  @Test
  @DisplayName("MON-6: a closed port is CRITICAL 'connection refused'")
  void refused() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    CheckResult result = probe.check(spec(port, Duration.ofSeconds(2), null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("connection refused");
  }

  @Test
  @DisplayName("MON-6: a silent server is CRITICAL 'timed out' at the timeout, not later")
  void silentServer() throws IOException {
    server = Server.start(socket -> sleep(5_000));
    CheckResult result = probe.check(spec(server.port(), Duration.ofSeconds(1), null, "220"));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("timed out after 1 s");
    assertThat(result.latency()).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  @DisplayName("MON-6: slower than warnAfter is WARNING")
  void slowIsWarning() throws IOException {
    server =
        Server.start(
            socket -> {
              sleep(300);
              write(socket, "220 ready\r\n");
            });
    CheckResult result =
        probe.check(
            new CheckSpec.Tcp(
                "127.0.0.1",
                server.port(),
                Duration.ofSeconds(2),
                Duration.ofMillis(100),
                null,
                "220"));
    assertThat(result.state()).isEqualTo(CheckState.WARNING);
    assertThat(result.reason()).contains("(slower than 100 ms)");
  }

  static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a test server does with one connection; the connection is closed afterwards. */
  interface Handler {
    void handle(Socket socket) throws IOException;
  }

  /** A TCP server on 127.0.0.1 with a free port, one virtual thread per connection. */
  record Server(ServerSocket socket) implements AutoCloseable {

    static Server start(Handler handler) throws IOException {
      ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual()
          .start(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket connection = socket.accept();
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              try (connection) {
                                handler.handle(connection);
                              } catch (IOException ignored) {
                                // The probe hung up first: fine for a test server.
                              }
                            });
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      return new Server(socket);
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
