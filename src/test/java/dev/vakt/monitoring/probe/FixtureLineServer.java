package dev.vakt.monitoring.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted line server on 127.0.0.1 for the cases real test servers cannot play: a silent server
 * (accepts, never answers), a wrong service on the port, and STARTTLS / STLS, which GreenMail does
 * not offer. It greets, then answers each line with what the script says; a {@link Reply#startTls}
 * answer upgrades the connection to TLS, as a real server does after STARTTLS.
 */
final class FixtureLineServer implements AutoCloseable {

  /** An answer: text (CRLF is appended), then carry on, switch to TLS, or hang up. */
  record Reply(String text, Action action) {
    enum Action {
      CONTINUE,
      START_TLS,
      CLOSE
    }

    static Reply say(String text) {
      return new Reply(text, Action.CONTINUE);
    }

    static Reply startTls(String text) {
      return new Reply(text, Action.START_TLS);
    }

    static Reply bye(String text) {
      return new Reply(text, Action.CLOSE);
    }
  }

  private final ServerSocket server;
  private final SSLContext tls;
  private final boolean implicit;
  private final String greeting;
  private final Function<String, Reply> script;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private FixtureLineServer(
      SSLContext tls, boolean implicit, String greeting, Function<String, Reply> script)
      throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.tls = tls;
    this.implicit = implicit;
    this.greeting = greeting;
    this.script = script;
    Thread.ofVirtual().name("fixture-accept").start(this::accept);
  }

  /** Plain text: greets with {@code greeting} (none when null), answers with {@code script}. */
  static FixtureLineServer plain(String greeting, Function<String, Reply> script)
      throws IOException {
    return new FixtureLineServer(null, false, greeting, script);
  }

  /** TLS from the first byte (SMTPS, POP3S, IMAPS, FTPS) with the given server context. */
  static FixtureLineServer implicitTls(
      SSLContext tls, String greeting, Function<String, Reply> script) throws IOException {
    return new FixtureLineServer(tls, true, greeting, script);
  }

  /** Plain text until a {@link Reply#startTls} answer, then TLS with the given context. */
  static FixtureLineServer startTls(SSLContext tls, String greeting, Function<String, Reply> script)
      throws IOException {
    return new FixtureLineServer(tls, false, greeting, script);
  }

  /** Accepts connections and never sends a byte: the hung server. */
  static FixtureLineServer silent() throws IOException {
    return new FixtureLineServer(null, false, null, line -> null);
  }

  /** A port on 127.0.0.1 where nothing listens: connections are refused. */
  static int refusedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread.ofVirtual().name("fixture-conversation").start(() -> converse(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void converse(Socket plain) {
    Socket socket = plain;
    try {
      if (implicit) {
        socket = upgrade(socket);
      }
      OutputStream out = socket.getOutputStream();
      BufferedReader in = reader(socket);
      if (greeting != null) {
        write(out, greeting);
      }
      String line;
      while ((line = in.readLine()) != null) {
        Reply reply = script.apply(line);
        if (reply == null) {
          continue;
        }
        write(out, reply.text());
        if (reply.action() == Reply.Action.CLOSE) {
          break;
        }
        if (reply.action() == Reply.Action.START_TLS) {
          socket = upgrade(socket);
          out = socket.getOutputStream();
          in = reader(socket);
        }
      }
    } catch (IOException e) {
      // The client hung up or refused our certificate: that is what some tests want.
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private Socket upgrade(Socket socket) throws IOException {
    SSLSocket secure =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    secure.setUseClientMode(false);
    open.add(secure);
    secure.startHandshake();
    return secure;
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // best effort
      }
    }
  }
}
