package dev.vakt.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alerting under failure (issue 32, ALR-1, ALR-2, ALR-5): Vakt runs as a separate process (so it
 * can be killed with {@code kill -9}) on a fresh embedded PostgreSQL; its customer's emergency list
 * is told by e-mail (GreenMail), SMS (a local gateway with a status URL) and a JSON webhook, all on
 * 127.0.0.1. All services fail at the same moment. Scenarios:
 *
 * <ul>
 *   <li>{@code at-once}: receivers up;
 *   <li>{@code receivers-down}: receivers down for {@code down} seconds; the services come back
 *       half-way, so each has an outage and a recovery queued while nobody answers (default
 *       back-off 30 s / 60 s);
 *   <li>{@code kill}: receivers answer slowly (100 ms); Vakt is killed with {@code kill -9} once a
 *       fifth of the outage notices arrived, mid-batch, and started again on the same data.
 * </ul>
 *
 * <p>Reports failure-to-notification per channel (p50, p95, max; the first arrival per service),
 * repeats per channel, and recoveries that arrived before their outage. {@code bench/alerting.sh
 * faults SCENARIO [services=100] [interval=5] [attempts=3] [down=60]}.
 */
public final class AlertingFaultsBenchmark {

  private static final Pattern PORT = Pattern.compile("port (\\d+)\\)");
  private static final Pattern REF = Pattern.compile("\"ref\":\"([^\"]+)\"");

  /** One notification as a receiver accepted it. */
  record Arrival(String channel, int port, boolean down, String id, long at) {}

  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private volatile boolean receiversDown;
  private volatile long delayMillis;

  private AlertingFaultsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int interval = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int attempts = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int down = args.length > 4 ? Integer.parseInt(args[4]) : 60;
    new AlertingFaultsBenchmark().run(scenario, services, interval, attempts, down);
  }

  private void run(String scenario, int services, int interval, int attempts, int down)
      throws Exception {
    Path data = Files.createTempDirectory("vakt-bench-faults");
    int smtpPort = freePort();
    HttpServer http = receivers();
    List<ServerSocket> targets = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      targets.add(listen(0));
    }
    Path catalog = data.resolveSibling(data.getFileName() + ".yaml");
    Files.writeString(catalog, VaktChild.setUp(targets, interval, attempts));
    List<String> props =
        List.of(
            "--vakt.data-dir=" + data.resolve("data"),
            "--vakt.alerting.mail.port=" + smtpPort,
            "--vakt.alerting.sms.url=http://127.0.0.1:" + http.getAddress().getPort() + "/sms",
            "--vakt.alerting.sms.status-url=http://127.0.0.1:"
                + http.getAddress().getPort()
                + "/status/{ref}",
            "--vakt.alerting.webhooks.ops.url=http://127.0.0.1:"
                + http.getAddress().getPort()
                + "/hook");
    GreenMail smtp = null;
    Process vakt = null;
    try {
      if (!scenario.equals("receivers-down")) {
        smtp = startSmtp(smtpPort);
      }
      vakt = VaktChild.start(props, catalog);
      Thread.sleep(Duration.ofSeconds(interval * 3L + 2)); // every service up and hard OK
      long t0 = System.nanoTime();
      receiversDown = scenario.equals("receivers-down");
      delayMillis = scenario.equals("kill") ? 100 : 0;
      for (ServerSocket s : targets) {
        s.close();
      }
      long expected = services * 3L;
      long receiversBack = 0;
      long restarted = 0;
      switch (scenario) {
        case "at-once" ->
            await(smtp, expected, false, Duration.ofSeconds(interval * attempts + 90));
        case "receivers-down" -> {
          Thread.sleep(Duration.ofSeconds(down / 2));
          for (int i = 0; i < services; i++) {
            targets.set(i, listen(targets.get(i).getLocalPort())); // the services come back
          }
          Thread.sleep(Duration.ofSeconds(down - down / 2));
          smtp = startSmtp(smtpPort);
          receiversDown = false;
          receiversBack = System.nanoTime();
          await(smtp, expected, true, Duration.ofSeconds(300));
        }
        case "kill" -> {
          await(smtp, expected / 5, false, Duration.ofSeconds(interval * attempts + 90));
          vakt.destroyForcibly().waitFor(); // SIGKILL
          System.out.printf(
              "killed at %.2f s with %d of %d outage notices received%n",
              (System.nanoTime() - t0) / 1e9, collect(smtp), expected);
          vakt = VaktChild.start(props, null);
          restarted = System.nanoTime();
          System.out.printf("restarted Vakt ready at %.2f s%n", (restarted - t0) / 1e9);
          await(smtp, expected, false, Duration.ofSeconds(180));
        }
        default -> throw new IllegalArgumentException("scenario: at-once, receivers-down, kill");
      }
      Thread.sleep(3000); // late repeats, if any
      collect(smtp);
      report(scenario, services, interval, attempts, t0, receiversBack, restarted);
      vakt.getOutputStream().write("REPORT\n".getBytes(StandardCharsets.UTF_8));
      vakt.getOutputStream().flush();
      Thread.sleep(3000);
    } finally {
      if (vakt != null) {
        vakt.destroyForcibly().waitFor();
      }
      String dir = data.toString();
      ProcessHandle.allProcesses()
          .filter(h -> h.info().commandLine().map(c -> c.contains(dir)).orElse(false))
          .forEach(ProcessHandle::destroyForcibly);
      if (smtp != null) {
        smtp.stop();
      }
      http.stop(0);
    }
  }

  private void report(
      String scenario,
      int services,
      int interval,
      int attempts,
      long t0,
      long receiversBack,
      long restarted) {
    System.out.printf(
        "%s: %d services failing at once, interval %d s x %d attempts (bound %d s, target p95 <= %d"
            + " s)%n",
        scenario, services, interval, attempts, interval * attempts, interval * attempts + 2);
    for (String channel : List.of("email", "sms", "webhook")) {
      Map<Integer, Long> first = new HashMap<>();
      Map<String, Integer> ids = new HashMap<>();
      Map<Integer, Long> firstUp = new HashMap<>();
      for (Arrival a : arrivals) {
        if (!a.channel().equals(channel)) {
          continue;
        }
        ids.merge(a.id(), 1, Integer::sum);
        (a.down() ? first : firstUp).putIfAbsent(a.port(), a.at());
      }
      double[] s = first.values().stream().mapToDouble(t -> (t - t0) / 1e9).sorted().toArray();
      long repeats = ids.values().stream().mapToLong(n -> n - 1).sum();
      long reversed =
          firstUp.entrySet().stream()
              .filter(e -> !first.containsKey(e.getKey()) || first.get(e.getKey()) > e.getValue())
              .count();
      long last =
          arrivals.stream()
              .filter(a -> a.channel().equals(channel))
              .mapToLong(Arrival::at)
              .max()
              .orElse(t0);
      System.out.printf(
          "  %-7s outage notices %d of %d, failure to notification p50 %.2f s, p95 %.2f s, max"
              + " %.2f s; repeats %d (each with the id of its first sending); recoveries %d,"
              + " before their outage %d%s%s%n",
          channel,
          s.length,
          services,
          pct(s, 50),
          pct(s, 95),
          s.length == 0 ? Double.NaN : s[s.length - 1],
          repeats,
          firstUp.size(),
          reversed,
          receiversBack == 0
              ? ""
              : ", last %.2f s after the receivers came back"
                  .formatted((last - receiversBack) / 1e9),
          restarted == 0
              ? ""
              : ", last %.2f s after the restart".formatted((last - restarted) / 1e9));
    }
  }

  /** The SMS gateway (with its status URL) and the webhook receiver; 503 while down. */
  private HttpServer receivers() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status;
          if (receiversDown) {
            status = 503;
          } else if (path.startsWith("/status/")) {
            String ref = path.substring("/status/".length());
            status = arrivals.stream().anyMatch(a -> a.id().equals(ref)) ? 200 : 404;
          } else {
            try {
              Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            boolean sms = path.startsWith("/sms");
            String id;
            if (sms) {
              Matcher m = REF.matcher(body);
              id = m.find() ? m.group(1) : "?";
            } else {
              id = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            }
            Matcher port = PORT.matcher(body);
            if (port.find()) {
              arrivals.add(
                  new Arrival(
                      sms ? "sms" : "webhook",
                      Integer.parseInt(port.group(1)),
                      !body.contains("Løst") && !body.contains("oppe igjen"),
                      id,
                      System.nanoTime()));
            }
            status = 200;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  private int seenMail;

  /** Moves the e-mails received since the last call into {@link #arrivals}; their number. */
  private synchronized int collect(GreenMail smtp) {
    if (smtp == null) {
      return seenMail;
    }
    MimeMessage[] all = smtp.getReceivedMessages();
    long now = System.nanoTime();
    for (int k = seenMail; k < all.length; k++) {
      try {
        Matcher port = PORT.matcher(all[k].getSubject());
        if (port.find()) {
          arrivals.add(
              new Arrival(
                  "email",
                  Integer.parseInt(port.group(1)),
                  !all[k].getSubject().startsWith("Løst"),
                  all[k].getMessageID(),
                  now));
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    seenMail = all.length;
    return seenMail;
  }

  /** Waits until {@code n} distinct notices (outages, or all) arrived over all channels. */
  private void await(GreenMail smtp, long n, boolean withRecoveries, Duration atMost)
      throws InterruptedException {
    long until = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < until) {
      collect(smtp);
      long distinct =
          arrivals.stream()
              .filter(a -> withRecoveries || a.down())
              .map(a -> a.channel() + a.port() + a.down())
              .distinct()
              .count();
      if (distinct >= n * (withRecoveries ? 2 : 1)) {
        return;
      }
      Thread.sleep(5);
    }
  }

  private static GreenMail startSmtp(int port) {
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Thread.ofVirtual()
        .start(
            () -> {
              while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                  c.getOutputStream().flush();
                } catch (IOException e) {
                  return;
                }
              }
            });
    return s;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static double pct(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }
}
