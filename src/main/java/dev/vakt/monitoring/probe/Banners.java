package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.SocketFactory;

/**
 * What the line-based probes share: talking to a server under a hard deadline, quoting what it said
 * safely in a one-line reason, and turning network failures into verdicts.
 *
 * <p>Every probe runs its conversation through {@link #converse}: the conversation runs on its own
 * virtual thread and the caller waits at most the spec's timeout. Socket timeouts alone are not
 * enough: a server that dribbles one byte per second never trips a read timeout, and DNS lookups
 * have none at all.
 */
final class Banners {

  /** Longest server text quoted in a reason, so one chatty server cannot flood the UI. */
  static final int MAX_QUOTE = 120;

  private Banners() {}

  /** A conversation with a server: returns the verdict, or throws what went wrong. */
  @FunctionalInterface
  interface Dialog {
    CheckResult talk(Conversation conversation) throws Exception;
  }

  /** Turns what a dialog threw into a verdict; probes add their protocol's own cases. */
  @FunctionalInterface
  interface Explainer {
    CheckResult explain(Throwable failure, Conversation conversation);
  }

  /**
   * Runs {@code dialog} and returns its verdict, or CRITICAL "timed out" when it is not done by the
   * deadline; then whatever the dialog registered with {@link Conversation#hangUpWith} is closed,
   * so its thread ends too.
   */
  static CheckResult converse(Duration timeout, Dialog dialog, Explainer explainer) {
    Conversation conversation = new Conversation(timeout);
    FutureTask<CheckResult> task = new FutureTask<>(() -> dialog.talk(conversation));
    Thread.ofVirtual().name("vakt-probe").start(task);
    try {
      return task.get(conversation.remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // The verdict first, from what the dialog saw; closing may change that state.
      CheckResult timedOut = conversation.timedOut();
      conversation.hangUp();
      task.cancel(true);
      return timedOut;
    } catch (ExecutionException e) {
      return explainer.explain(e.getCause(), conversation);
    } catch (InterruptedException e) {
      // The scheduler is shutting down: leave no socket behind and keep the interrupt.
      Thread.currentThread().interrupt();
      conversation.hangUp();
      task.cancel(true);
      return CheckResult.unknown("check interrupted", conversation.elapsed());
    }
  }

  /**
   * One conversation: when it started, its deadline, the step it is at (for the reason when it
   * times out) and what to close when it must be cut short.
   */
  static final class Conversation {
    private final long started = System.nanoTime();
    private final Duration timeout;
    private volatile String step = "connecting";
    private volatile AutoCloseable line;
    private volatile Supplier<String> timeoutDetail = () -> null;

    Conversation(Duration timeout) {
      this.timeout = timeout;
    }

    /** Names what the probe waits for now, e.g. "waiting for the SMTP greeting". */
    void step(String what) {
      step = what;
    }

    String step() {
      return step;
    }

    /** What to close when the deadline passes (a socket, a client, a session). */
    void hangUpWith(AutoCloseable resource) {
      line = resource;
    }

    void hangUp() {
      AutoCloseable resource = line;
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception ignored) {
          // Closing is best effort: the verdict (timed out) is already known.
        }
      }
    }

    Duration timeout() {
      return timeout;
    }

    Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Time left before the deadline, never negative. */
    Duration remaining() {
      Duration left = timeout.minus(elapsed());
      return left.isNegative() ? Duration.ZERO : left;
    }

    /** The timeout as a socket timeout: at least 1 ms, since 0 means "wait forever". */
    int timeoutMillis() {
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * Sockets that say when they are connected, so a silent server reads "waiting for the
     * greeting", not "connecting", and that the deadline can close.
     */
    SocketFactory sockets(String afterConnect) {
      return new ReportingSocketFactory(this, afterConnect);
    }

    /**
     * Adds what the probe learned before the deadline to the "timed out" reason, e.g. the line a
     * non-SSH server sent; the supplier may return null for nothing to add.
     */
    void onTimeoutAlsoSay(Supplier<String> detail) {
      timeoutDetail = detail;
    }

    CheckResult timedOut() {
      String detail = timeoutDetail.get();
      return CheckResult.critical(
          "timed out after "
              + Elapsed.human(timeout)
              + " "
              + step
              + (detail == null ? "" : "; " + detail),
          elapsed());
    }

    /** {@code done} and how long it took: "SMTP '220 mx', EHLO in 12 ms". */
    String took(String done) {
      return done + " in " + Elapsed.human(elapsed());
    }

    CheckResult critical(String reason) {
      return CheckResult.critical(reason, elapsed());
    }

    /**
     * The server answered, but not with the text expected: WARNING, as check_tcp's default {@code
     * -M warn} and check_smtp's {@code -e} say, so verdicts agree with the Monitoring Plugins.
     */
    CheckResult mismatch(String reason) {
      return new CheckResult(CheckState.WARNING, reason, elapsed(), Map.of());
    }

    CheckResult unknown(String reason) {
      return CheckResult.unknown(reason, elapsed());
    }

    /** A verdict with the latency as {@code time_ms} plus the given measurements. */
    CheckResult result(CheckState state, String reason, Map<String, BigDecimal> metrics) {
      Duration latency = elapsed();
      var all = new TreeMap<>(metrics);
      all.put("time_ms", Elapsed.millis(latency));
      return new CheckResult(state, reason, latency, all);
    }

    /** The verdict for a network failure any TCP probe can meet. */
    CheckResult failed(Throwable failure) {
      return switch (failure) {
        case SocketTimeoutException e -> timedOut();
        case UnknownHostException e -> unknown("cannot resolve host " + quote(e.getMessage()));
        case ConnectException e -> critical("connection refused" + detail(e, "connection refused"));
        case NoRouteToHostException e -> critical("no route to host");
        case EOFException e -> critical("connection closed by the server while " + step);
        case IOException e when isClosed(e) ->
            critical("connection closed by the server while " + step);
        case IOException e -> critical("connection failed while " + step + ": " + oneLine(e));
        default -> unknown("probe error: " + oneLine(failure));
      };
    }

    private static boolean isClosed(IOException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("connection reset")
          || message.contains("connection closed")
          || message.contains("broken pipe");
    }
  }

  /** A socket factory whose sockets report "connected" and can be closed by the deadline. */
  private static final class ReportingSocketFactory extends SocketFactory {
    private final Conversation conversation;
    private final String afterConnect;

    ReportingSocketFactory(Conversation conversation, String afterConnect) {
      this.conversation = conversation;
      this.afterConnect = afterConnect;
    }

    @Override
    public Socket createSocket() {
      Socket socket =
          new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
              super.connect(endpoint, timeout);
              conversation.step(afterConnect);
            }
          };
      // Closing the plain socket also ends a TLS socket layered on it.
      conversation.hangUpWith(socket);
      return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int local)
        throws IOException {
      return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(SocketAddress address) throws IOException {
      Socket socket = createSocket();
      socket.connect(address, conversation.timeoutMillis());
      return socket;
    }
  }

  /** Whether {@code banner} contains {@code expected}; no expectation always matches. */
  static boolean matches(String banner, String expected) {
    return expected == null || expected.isEmpty() || (banner != null && banner.contains(expected));
  }

  /** Server text as a quoted, single, bounded line that is safe to show and store. */
  static String quote(String text) {
    return "'" + clean(text) + "'";
  }

  /** The first line of a server's reply, without control characters, at most {@link #MAX_QUOTE}. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip();
    int end = line.indexOf('\n');
    if (end >= 0) {
      line = line.substring(0, end).strip();
    }
    StringBuilder out = new StringBuilder(Math.min(line.length(), MAX_QUOTE + 1));
    for (int i = 0; i < line.length() && out.length() < MAX_QUOTE; i++) {
      char c = line.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return line.length() > out.length() ? out + "..." : out.toString();
  }

  /** An exception as one short line: its message, or its type when it has none. */
  static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank()
        ? failure.getClass().getSimpleName()
        : clean(message);
  }

  private static String detail(Throwable failure, String already) {
    String message = failure.getMessage();
    return message == null || message.toLowerCase(Locale.ROOT).equals(already)
        ? ""
        : " (" + clean(message) + ")";
  }
}
