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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alerting under failure (issue 32; ALR-2: the customer's emergency list, told through the outbox
 * that also carries ALR-1 pages and ALR-5 notices, which this benchmark does not send): Vakt runs
 * as a separate process (so it can be killed with {@code kill -9}) on a fresh embedded PostgreSQL;
 * its customer's emergency list is told by e-mail (GreenMail), SMS (a local gateway with a status
 * URL) and a JSON webhook, all on 127.0.0.1. The services sit on {@code servers} servers in blocks
 * (100 on 20: five each), so each server is one incident (one outage and one recovery notice per
 * recipient and channel) and the servers' notices form a batch. All services fail at the same
 * moment. Scenarios:
 *
 * <ul>
 *   <li>{@code at-once}: receivers up; once every outage is told, the services come back and the
 *       recoveries are awaited too;
 *   <li>{@code receivers-down}: receivers down for {@code down} seconds; the services come back
 *       half-way, so each incident has an outage and a recovery queued while nobody answers
 *       (default back-off 30 s / 60 s);
 *   <li>{@code kill}: receivers answer slowly (100 ms); Vakt is killed with {@code kill -9} once a
 *       fifth of the outage notices arrived, mid-batch, and started again on the same data.
 * </ul>
 *
 * <p>Counts per incident (server) and channel: failure to the first outage notice (p50, p95, max),
 * outage notices beyond one, updates ("also ... is not responding"), repeats (the same
 * Idempotency-Key, Message-ID or SMS ref arriving again), recoveries, and recoveries that arrived
 * before their outage. {@code bench/alerting.sh faults SCENARIO [services=100] [servers=20]
 * [interval=5] [attempts=3] [down=60] [hold=1s]}.
 */
public final class AlertingFaultsBenchmark {

  private static final Pattern PORT = Pattern.compile("port (\\d+)\\)");
  private static final Pattern REF = Pattern.compile("\"ref\":\"([^\"]+)\"");
  private static final List<String> CHANNELS = List.of("email", "sms", "webhook");

  /** What a notice says. */
  enum Kind {
    DOWN,
    UPDATE,
    UP;

    static Kind of(String text) {
      if (text.contains("Løst") || text.contains("oppe igjen")) {
        return UP;
      }
      return text.contains("også") ? UPDATE : DOWN;
    }
  }

  /** One notification as a receiver accepted it; {@code server} from the first port it names. */
  record Arrival(String channel, int server, Kind kind, String id, long at) {}

  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private final Map<Integer, Integer> serverOfPort = new ConcurrentHashMap<>();
  private volatile boolean receiversDown;
  private volatile long delayMillis;

  private AlertingFaultsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int servers = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int interval = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int attempts = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int down = args.length > 5 ? Integer.parseInt(args[5]) : 60;
    String hold = args.length > 6 ? args[6] : "1s"; // the product's default grouping hold
    new AlertingFaultsBenchmark().run(scenario, services, servers, interval, attempts, down, hold);
  }

  private void run(
      String scenario, int services, int servers, int interval, int attempts, int down, String hold)
      throws Exception {
    Path data = Files.createTempDirectory("vakt-bench-faults");
    int smtpPort = freePort();
    HttpServer http = receivers();
    List<ServerSocket> targets = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      targets.add(listen(0));
      serverOfPort.put(targets.get(i).getLocalPort(), VaktChild.serverOf(i, services, servers));
    }
    Path catalog = data.resolveSibling(data.getFileName() + ".yaml");
    Files.writeString(catalog, VaktChild.setUp(targets, servers, interval, attempts, true));
    List<String> props =
        List.of(
            "--vakt.data-dir=" + data.resolve("data"),
            "--vakt.alerting.mail.port=" + smtpPort,
            "--vakt.alerting.incidents.hold=" + hold,
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
      long expected = servers * (long) CHANNELS.size(); // one outage notice per incident, channel
      long receiversBack = 0;
      long restarted = 0;
      switch (scenario) {
        case "at-once" -> {
          await(smtp, expected, false, Duration.ofSeconds(interval * attempts + 90));
          comeBack(targets);
          await(smtp, expected, true, Duration.ofSeconds(interval * attempts + 90));
        }
        case "receivers-down" -> {
          Thread.sleep(Duration.ofSeconds(down / 2));
          comeBack(targets);
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
              (System.nanoTime() - t0) / 1e9, outagesReceived(smtp), expected);
          vakt = VaktChild.start(props, null);
          restarted = System.nanoTime();
          System.out.printf("restarted Vakt ready at %.2f s%n", (restarted - t0) / 1e9);
          await(smtp, expected, false, Duration.ofSeconds(180));
        }
        default -> throw new IllegalArgumentException("scenario: at-once, receivers-down, kill");
      }
      Thread.sleep(3000); // late repeats, if any
      collect(smtp);
      System.out.printf(
          "%s: %d services on %d servers failing at once, interval %d s x %d attempts (bound %d s,"
              + " target p95 <= %d s), grouping hold %s%n",
          scenario,
          services,
          servers,
          interval,
          attempts,
          interval * attempts,
          interval * attempts + 2,
          hold);
      for (String channel : CHANNELS) {
        report(channel, servers, t0, receiversBack, restarted);
      }
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

  private static void comeBack(List<ServerSocket> targets) throws IOException {
    for (int i = 0; i < targets.size(); i++) {
      targets.set(i, listen(targets.get(i).getLocalPort()));
    }
  }

  /** One channel's line: per incident (server), the first outage and recovery notice. */
  private void report(String channel, int servers, long t0, long receiversBack, long restarted) {
    Map<Integer, Long> firstDown = new HashMap<>();
    Map<Integer, Long> firstUp = new HashMap<>();
    Map<Kind, Map<Integer, Set<String>>> idsByKind = new EnumMap<>(Kind.class);
    Map<String, Integer> ids = new HashMap<>();
    long last = t0;
    for (Arrival a : arrivals) {
      if (!a.channel().equals(channel)) {
        continue;
      }
      ids.merge(a.id(), 1, Integer::sum);
      idsByKind
          .computeIfAbsent(a.kind(), k -> new HashMap<>())
          .computeIfAbsent(a.server(), k -> new HashSet<>())
          .add(a.id());
      if (a.kind() != Kind.UPDATE) {
        (a.kind() == Kind.DOWN ? firstDown : firstUp).putIfAbsent(a.server(), a.at());
      }
      last = Math.max(last, a.at());
    }
    double[] s = firstDown.values().stream().mapToDouble(t -> (t - t0) / 1e9).sorted().toArray();
    long repeats = ids.values().stream().mapToLong(n -> n - 1).sum();
    long reversed =
        firstUp.entrySet().stream()
            .filter(
                e -> !firstDown.containsKey(e.getKey()) || firstDown.get(e.getKey()) > e.getValue())
            .count();
    System.out.printf(
        "  %-7s incidents told %d of %d, failure to first outage notice p50 %.2f s, p95 %.2f s,"
            + " max %.2f s; distinct outage notices %d, updates %d, recoveries %d (incidents"
            + " %d), repeats %d (each with the id of its first sending), recoveries before their"
            + " outage %d%s%s%n",
        channel,
        s.length,
        servers,
        pct(s, 50),
        pct(s, 95),
        s.length == 0 ? Double.NaN : s[s.length - 1],
        distinct(idsByKind.get(Kind.DOWN)),
        distinct(idsByKind.get(Kind.UPDATE)),
        distinct(idsByKind.get(Kind.UP)),
        firstUp.size(),
        repeats,
        reversed,
        receiversBack == 0
            ? ""
            : ", last %.2f s after the receivers came back".formatted((last - receiversBack) / 1e9),
        restarted == 0 ? "" : afterRestart(channel, restarted, last));
  }

  /** Outage notices that arrived after the restarted Vakt was ready: ready to notice. */
  private String afterRestart(String channel, long restarted, long last) {
    Map<Integer, Long> first = new HashMap<>();
    for (Arrival a : arrivals) {
      if (a.channel().equals(channel) && a.kind() == Kind.DOWN) {
        first.merge(a.server(), a.at(), Math::min);
      }
    }
    double[] r =
        first.values().stream()
            .filter(t -> t >= restarted)
            .mapToDouble(t -> (t - restarted) / 1e9)
            .sorted()
            .toArray();
    return "; %d incidents told after the restart, ready to notice p50 %.2f s, p95 %.2f s, max"
            .formatted(r.length, pct(r, 50), pct(r, 95))
        + " %.2f s; last arrival %.2f s after ready"
            .formatted(r.length == 0 ? Double.NaN : r[r.length - 1], (last - restarted) / 1e9);
  }

  private static int distinct(Map<Integer, Set<String>> byServer) {
    return byServer == null ? 0 : byServer.values().stream().mapToInt(Set::size).sum();
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
            record(sms ? "sms" : "webhook", body, id, System.nanoTime());
            status = 200;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  /** Records a notice naming a service of the bench (first port named: its incident's server). */
  private void record(String channel, String text, String id, long at) {
    Matcher port = PORT.matcher(text);
    if (port.find()) {
      int server = serverOfPort.getOrDefault(Integer.parseInt(port.group(1)), -1);
      arrivals.add(new Arrival(channel, server, Kind.of(text), id, at));
    }
  }

  private int seenMail;

  /** Outage notices received so far, over all channels. */
  private long outagesReceived(GreenMail smtp) {
    collect(smtp);
    return arrivals.stream().filter(a -> a.kind() == Kind.DOWN).map(Arrival::id).distinct().count();
  }

  /** Moves the e-mails received since the last call into {@link #arrivals}; their number. */
  private synchronized int collect(GreenMail smtp) {
    if (smtp == null) {
      return seenMail;
    }
    MimeMessage[] all = smtp.getReceivedMessages();
    long now = System.nanoTime();
    for (int k = seenMail; k < all.length; k++) {
      try {
        record("email", all[k].getSubject(), all[k].getMessageID(), now);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    seenMail = all.length;
    return seenMail;
  }

  /**
   * Waits until {@code n} incidents (server and channel) had their outage notice, and with {@code
   * withRecoveries} their recovery notice too.
   */
  private void await(GreenMail smtp, long n, boolean withRecoveries, Duration atMost)
      throws InterruptedException {
    long until = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < until) {
      collect(smtp);
      long told =
          arrivals.stream()
              .filter(a -> a.kind() == (withRecoveries ? Kind.UP : Kind.DOWN))
              .map(a -> a.channel() + "/" + a.server())
              .distinct()
              .count();
      if (told >= n) {
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
