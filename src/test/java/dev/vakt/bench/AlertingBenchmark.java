package dev.vakt.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vakt.VaktApplication;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.monitoring.MonitoringService;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Alerting end to end (issue 6): from the moment a service stops answering to the moment the local
 * SMTP server (GreenMail on 127.0.0.1) accepts the first e-mail to the customer's emergency list.
 * The whole application runs: the real scheduler and TCP probe, the state machine, the ledger
 * writer, the event publication registry, the alerting listener, the outbox and its worker, on the
 * embedded PostgreSQL in a fresh data directory.
 *
 * <p>The services sit on {@code servers} servers in blocks (50 on 10: five each) and stop in that
 * order, so the services of a server fail within about a second of each other and become one
 * incident (ALR-1, ALR-2) after the grouping hold ({@code vakt.alerting.incidents.hold}, the
 * product's 3 s unless given). Measured per incident: from its server's first stopped service to
 * the first e-mail naming it. The contract sets {@code interval} and {@code maxAttempts} (retries
 * at the same interval); the target is p95 within interval x attempts + 2 s, the hold included.
 * {@code bench/alerting.sh [services=50] [interval=2] [attempts=3] [servers=services/5] [hold=1s]}.
 */
public final class AlertingBenchmark {

  private AlertingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int interval = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int attempts = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int servers = args.length > 3 ? Integer.parseInt(args[3]) : Math.max(1, services / 5);
    String hold = args.length > 4 ? args[4] : "1s";
    Path data = Files.createTempDirectory("vakt-bench-alerting");
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    List<ServerSocket> targets = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      targets.add(s);
      Thread.ofVirtual().start(() -> accept(s));
    }
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(VaktApplication.class)
            .properties(
                "server.port=0",
                "vakt.data-dir=" + data,
                "vakt.alerting.mail.host=127.0.0.1",
                "vakt.alerting.mail.port=" + smtp.getSmtp().getPort(),
                "vakt.alerting.mail.security=none",
                "vakt.alerting.mail.from=vakt@provider.example",
                "vakt.alerting.incidents.hold=" + hold,
                "logging.level.root=WARN")
            .run();
    try {
      CatalogService catalog = app.getBean(CatalogService.class);
      Catalog c =
          catalog.read("bench.yaml", VaktChild.setUp(targets, servers, interval, attempts, false));
      if (!c.problems().isEmpty()) {
        throw new IllegalStateException(c.problems().toString());
      }
      catalog.importCatalog(c, "bench");
      app.getBean(MonitoringService.class).sync();
      Thread.sleep(Duration.ofSeconds(interval * 3L + 2)); // every service up and hard OK

      Map<String, Long> receivedAt = new ConcurrentHashMap<>(); // per server: first e-mail
      Map<String, String> byPort = new HashMap<>();
      for (int i = 0; i < services; i++) {
        byPort.put(
            "port " + targets.get(i).getLocalPort() + ")",
            "srv-" + VaktChild.serverOf(i, services, servers));
      }
      // Watch the mail server from before the first stop: a message is timed when it arrives.
      Thread observer = Thread.ofPlatform().start(() -> observe(smtp, byPort, servers, receivedAt));
      // Stop the services one after another, a random fraction of an interval apart, so the
      // failures fall at every phase of the check schedule; a server's incident begins with the
      // first of its services to stop.
      Map<String, Long> stoppedAt = new HashMap<>();
      Map<String, java.time.Instant> stoppedAtWall = new HashMap<>();
      for (int i = 0; i < services; i++) {
        Thread.sleep((long) (Math.random() * interval * 1000 / 4));
        String server = "srv-" + VaktChild.serverOf(i, services, servers);
        stoppedAt.putIfAbsent(server, System.nanoTime());
        stoppedAtWall.putIfAbsent(server, java.time.Instant.now());
        targets.get(i).close();
      }
      observer.join(Duration.ofSeconds(interval * attempts + 60L));
      observer.interrupt();
      double[] seconds =
          receivedAt.entrySet().stream()
              .mapToDouble(e -> (e.getValue() - stoppedAt.get(e.getKey())) / 1e9)
              .sorted()
              .toArray();
      System.out.printf(
          "%d services on %d servers, interval %d s, %d attempts, hold %s: %d of %d incidents"
              + " told; failure to SMTP accept p50 %.2f s, p95 %.2f s, max %.2f s (target p95 <= %d"
              + " s); %d e-mails in all%n",
          services,
          servers,
          interval,
          attempts,
          hold,
          seconds.length,
          servers,
          pct(seconds, 50),
          pct(seconds, 95),
          seconds.length == 0 ? Double.NaN : seconds[seconds.length - 1],
          interval * attempts + 2,
          smtp.getReceivedMessages().length);
      breakdown(app, stoppedAtWall);
    } finally {
      app.close();
      smtp.stop();
    }
  }

  /** Records when the first message naming a service of each server arrives, until all have. */
  private static void observe(
      GreenMail smtp, Map<String, String> byPort, int servers, Map<String, Long> seenAt) {
    int seen = 0;
    while (seenAt.size() < servers && !Thread.currentThread().isInterrupted()) {
      MimeMessage[] all = smtp.getReceivedMessages();
      long now = System.nanoTime();
      // Only the messages not looked at before: parsing all of them each round would lag.
      for (int k = seen; k < all.length; k++) {
        String subject;
        try {
          subject = all[k].getSubject();
        } catch (jakarta.mail.MessagingException e) {
          throw new IllegalStateException(e);
        }
        byPort.forEach(
            (port, server) -> {
              if (subject.contains(port)) {
                seenAt.putIfAbsent(server, now);
              }
            });
      }
      seen = all.length;
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Where the time goes per incident, from the database: its server's first stop to its first hard
   * change (detection: the contract's interval and attempts), that hard change to the notification
   * in the outbox (ledger writer, event registry, the grouping hold, listener), outbox to accepted
   * (delivery worker and SMTP).
   */
  private static void breakdown(
      ConfigurableApplicationContext app, Map<String, java.time.Instant> stopped) {
    var jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
    List<double[]> rows =
        jdbc.sql(
                """
                select f.server_id, f.first_at, n.created_at, a.finished_at
                from (select i.incident, min(v.server_id) server_id, min(s.at) first_at
                      from service_incident i join state_change s on s.service_id = i.service_id
                      join service v on v.id = i.service_id
                      where s.to_state = 'critical' group by i.incident) f
                join notification n on n.cause = f.incident || '/down'
                left join notification_attempt a
                  on a.notification_id = n.id and a.outcome = 'delivered'
                """)
            .query(
                (rs, n) -> {
                  java.time.Instant stop = stopped.get(rs.getString(1));
                  java.time.Instant hard = rs.getTimestamp(2).toInstant();
                  java.time.Instant queued = rs.getTimestamp(3).toInstant();
                  java.sql.Timestamp sent = rs.getTimestamp(4);
                  return new double[] {
                    Duration.between(stop, hard).toMillis() / 1e3,
                    Duration.between(hard, queued).toMillis() / 1e3,
                    sent == null
                        ? Double.NaN
                        : Duration.between(queued, sent.toInstant()).toMillis() / 1e3
                  };
                })
            .list();
    String[] names = {"stop to hard change", "hard change to outbox", "outbox to accepted"};
    for (int k = 0; k < 3; k++) {
      int col = k;
      double[] v =
          rows.stream().mapToDouble(r -> r[col]).filter(x -> !Double.isNaN(x)).sorted().toArray();
      System.out.printf(
          "  %-22s p50 %.2f s, p95 %.2f s, max %.2f s%n",
          names[k], pct(v, 50), pct(v, 95), v.length == 0 ? Double.NaN : v[v.length - 1]);
    }
  }

  private static double pct(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }

  private static void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try (Socket c = s.accept()) {
        c.getOutputStream().flush();
      } catch (IOException e) {
        return;
      }
    }
  }
}
