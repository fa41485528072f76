package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * TCP port check: connects within the timeout; optionally sends a line and waits for a text in the
 * reply (MON-6). Refused is CRITICAL "connection refused", no answer in time CRITICAL "timed out
 * after ...", slower than {@code warnAfter} WARNING. Latency is reported as {@code time_ms}.
 */
public final class TcpProbe implements Probe<CheckSpec.Tcp> {

  /** How long a server that has begun to answer may pause before its answer counts as complete. */
  private static final int QUIET_MILLIS = 1_000;

  /** Most of a reply kept while looking for the expected text: bounded memory per check. */
  static final int MAX_REPLY = 64 * 1024;

  @Override
  public CheckResult check(CheckSpec.Tcp spec) {
    return Elapsed.within(spec.timeout(), elapsed -> probe(spec, elapsed));
  }

  private static CheckResult probe(CheckSpec.Tcp spec, Elapsed elapsed) {
    InetSocketAddress address = new InetSocketAddress(spec.host(), spec.port());
    if (address.isUnresolved()) {
      // As check_tcp: a name that does not resolve is CRITICAL (the service cannot be reached).
      return CheckResult.critical("cannot resolve host " + spec.host(), elapsed.elapsed());
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, elapsed.remainingMillis());
      if (spec.send() != null && !spec.send().isEmpty()) {
        OutputStream out = socket.getOutputStream();
        out.write(line(spec.send()).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      if (spec.expect() == null || spec.expect().isEmpty()) {
        return verdict(spec, elapsed, "connected to " + spec.target());
      }
      return expect(socket, spec, elapsed);
    } catch (ConnectException e) {
      return CheckResult.critical(refused(e), elapsed.elapsed());
    } catch (NoRouteToHostException e) {
      return CheckResult.critical("no route to host " + spec.host(), elapsed.elapsed());
    } catch (SocketTimeoutException e) {
      return elapsed.timedOut();
    } catch (IOException e) {
      if (elapsed.expired()) {
        return elapsed.timedOut(); // the deadline interrupted and so closed the socket
      }
      return CheckResult.critical(
          "connection to " + spec.target() + " failed: " + Elapsed.oneLine(e), elapsed.elapsed());
    }
  }

  /**
   * Reads until the expected text arrives, the server closes, or the deadline passes. Replies come
   * in pieces; the text may span two reads, so the whole reply so far is searched each time.
   */
  private static CheckResult expect(Socket socket, CheckSpec.Tcp spec, Elapsed elapsed)
      throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (reply.size() < MAX_REPLY) {
      // Once the server has said something, a pause means it has finished and waits for us (an SSH
      // banner, a greeting): judge what arrived rather than wait out the whole timeout.
      int wait = elapsed.remainingMillis();
      socket.setSoTimeout(reply.size() == 0 ? wait : Math.min(wait, QUIET_MILLIS));
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        if (reply.size() > 0 && !elapsed.expired()) {
          break;
        }
        return elapsed.timedOut("waiting for '" + Elapsed.firstLine(spec.expect(), 60) + "'");
      }
      if (n < 0) {
        break;
      }
      reply.write(buffer, 0, Math.min(n, MAX_REPLY - reply.size()));
      if (text(reply).contains(spec.expect())) {
        return verdict(
            spec, elapsed, "reply contains '" + Elapsed.firstLine(spec.expect(), 60) + "'");
      }
    }
    String got = text(reply);
    if (got.isBlank()) {
      return CheckResult.critical(
          "connection closed without a reply (expected '" + spec.expect() + "')",
          elapsed.elapsed());
    }
    // Something answered, just not as expected: WARNING, check_tcp's default (-M warn).
    return new CheckResult(
        CheckState.WARNING,
        "unexpected reply '"
            + Elapsed.firstLine(got, 120)
            + "' (expected '"
            + Elapsed.firstLine(spec.expect(), 60)
            + "')",
        elapsed.elapsed(),
        java.util.Map.of());
  }

  /** OK, or WARNING when slower than {@code warnAfter}; the reason names the latency. */
  private static CheckResult verdict(CheckSpec.Tcp spec, Elapsed elapsed, String what) {
    Duration latency = elapsed.elapsed();
    boolean slow = spec.warnAfter() != null && latency.compareTo(spec.warnAfter()) > 0;
    String reason =
        what
            + " in "
            + Elapsed.human(latency)
            + (slow ? " (slower than " + Elapsed.human(spec.warnAfter()) + ")" : "");
    return new CheckResult(
        slow ? CheckState.WARNING : CheckState.OK,
        reason,
        latency,
        Map.of("time_ms", Elapsed.millis(latency)));
  }

  /** The line to send: CRLF-terminated unless the user already ended it, as line protocols want. */
  private static String line(String send) {
    return send.endsWith("\n") ? send : send + "\r\n";
  }

  private static String text(ByteArrayOutputStream reply) {
    return reply.toString(StandardCharsets.UTF_8);
  }

  private static String refused(ConnectException e) {
    String message = e.getMessage();
    if (message == null || message.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
      return "connection refused";
    }
    return "connection failed: " + Elapsed.oneLine(e);
  }
}
