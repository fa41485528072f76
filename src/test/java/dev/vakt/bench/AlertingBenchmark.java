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
 * <p>The contract sets {@code interval} and {@code maxAttempts} (retries at the same interval); the
 * target is p95 within interval x attempts + 2 s. {@code bench/alerting.sh SERVICES INTERVAL
 * ATTEMPTS}.
 */
public final class AlertingBenchmark {

  private AlertingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int interval = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int attempts = args.length > 2 ? Integer.parseInt(args[2]) : 3;
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
                "logging.level.root=WARN")
            .run();
    try {
      CatalogService catalog = app.getBean(CatalogService.class);
      Catalog c = catalog.read("bench.yaml", setUp(targets, interval, attempts));
      if (!c.problems().isEmpty()) {
        throw new IllegalStateException(c.problems().toString());
      }
      catalog.importCatalog(c, "bench");
      app.getBean(MonitoringService.class).sync();
      Thread.sleep(Duration.ofSeconds(interval * 3L + 2)); // every service up and hard OK

      // Stop the services one after another, a random fraction of an interval apart, so the
      // failures fall at every phase of the check schedule.
      Map<String, Long> stoppedAt = new HashMap<>();
      for (int i = 0; i < services; i++) {
        Thread.sleep((long) (Math.random() * interval * 1000 / 4));
        stoppedAt.put("svc-" + i, System.nanoTime());
        targets.get(i).close();
      }
      Map<String, Long> receivedAt = new ConcurrentHashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(interval * attempts + 60L).toNanos();
      while (receivedAt.size() < services && System.nanoTime() < deadline) {
        for (MimeMessage m : smtp.getReceivedMessages()) {
          String subject = m.getSubject();
          for (int i = 0; i < services; i++) {
            String port = "port " + targets.get(i).getLocalPort() + ")";
            if (subject.contains(port)) {
              receivedAt.putIfAbsent("svc-" + i, System.nanoTime());
            }
          }
        }
        Thread.sleep(10);
      }
      double[] seconds =
          receivedAt.entrySet().stream()
              .mapToDouble(e -> (e.getValue() - stoppedAt.get(e.getKey())) / 1e9)
              .sorted()
              .toArray();
      System.out.printf(
          "%d services, interval %d s, %d attempts: %d of %d alerts received;"
              + " failure to SMTP accept p50 %.2f s, p95 %.2f s, max %.2f s (target p95 <= %d s)%n",
          services,
          interval,
          attempts,
          seconds.length,
          services,
          pct(seconds, 50),
          pct(seconds, 95),
          seconds.length == 0 ? Double.NaN : seconds[seconds.length - 1],
          interval * attempts + 2);
    } finally {
      app.close();
      smtp.stop();
    }
  }

  private static String setUp(List<ServerSocket> targets, int interval, int attempts) {
    StringBuilder services = new StringBuilder();
    for (int i = 0; i < targets.size(); i++) {
      services.append(
          "  - { id: svc-%d, server: srv, type: tcp, port: %d, installedBy: provider }\n"
              .formatted(i, targets.get(i).getLocalPort()));
    }
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: bench
        version: 1
        effectiveFrom: 2024-01-01
        name: Bench AS
        terms: { timeZone: Europe/Oslo, currency: NOK, language: nb }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: bench-managed
        version: 1
        effectiveFrom: 2024-01-01
        provider: bench
        name: Managed
        terms:
          monitoring: { interval: %1$ds, timeout: 1s, maxAttempts: %2$d, retryInterval: %1$ds, services: [tcp] }
          alerting: { emergencyList: { channels: [email] } }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: bench-c
        version: 1
        effectiveFrom: 2024-01-01
        provider: bench
        customer: cust
        product: bench-managed
        start: 2024-01-01
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: bench
        customers:
          - id: cust
            name: Kunde AS
            contacts: [{ name: Ola Nordmann, email: ola@kunde.example, emergency: true, language: nb }]
        servers:
          - { id: srv, customer: cust, kind: vps, ownership: provider, address: 127.0.0.1 }
        services:
        """
            .formatted(interval, attempts)
        + services;
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
