package dev.vakt.alerting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A scripted SMTP server on 127.0.0.1 that answers every RCPT TO with a given reply, for what
 * GreenMail cannot do: refuse a recipient.
 */
final class SmtpStub implements AutoCloseable {

  private final ServerSocket server;
  private final String rcptReply;

  SmtpStub(String rcptReply) throws IOException {
    this.rcptReply = rcptReply;
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        converse(s);
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void converse(Socket s) throws IOException {
    var in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    var out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
    out.print("220 stub ESMTP\r\n");
    out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
      String reply =
          switch (cmd) {
            case "EHLO", "HELO" -> "250 stub";
            case "MAIL", "RSET", "NOOP" -> "250 OK";
            case "RCPT" -> rcptReply;
            case "QUIT" -> "221 bye";
            default -> "502 not implemented";
          };
      out.print(reply + "\r\n");
      out.flush();
      if (cmd.equals("QUIT")) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
