package dev.vakt.bench;

import static dev.vakt.bench.AlertingFaultsBenchmark.pct;

import dev.vakt.VaktApplication;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.monitoring.MonitoringService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The Vakt that {@link AlertingFaultsBenchmark} tests, in a JVM of its own so it can be killed with
 * {@code kill -9}: started with the catalog imported (first start) or on its existing data
 * (restart); "REPORT" on its standard input prints where the time went, from its database.
 */
public final class VaktChild {

  private VaktChild() {}

  /** Starts Vakt in a separate JVM and waits until it is ready. */
  static Process start(List<String> props, Path catalog) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path")));
    cmd.add(VaktChild.class.getName());
    cmd.add(catalog == null ? "-" : catalog.toString());
    cmd.addAll(props);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("READY")) {
      if (line.contains("ERROR") || line.contains("Exception")) {
        System.err.println("vakt: " + line);
      }
    }
    // Keep the pipe drained; pass on the child's breakdown.
    Thread.ofVirtual()
        .start(() -> out.lines().filter(l -> l.startsWith("  ")).forEach(System.out::println));
    return p;
  }

  /** The child: Vakt with the catalog imported (first start), until killed. */
  public static void main(String[] args) throws Exception {
    List<String> props = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      props.add(args[i].substring(2));
    }
    props.addAll(
        List.of(
            "server.port=0",
            "vakt.alerting.mail.host=127.0.0.1",
            "vakt.alerting.mail.security=none",
            "vakt.alerting.mail.from=vakt@provider.example",
            "vakt.alerting.sms.body={\"to\":\"{to}\",\"ref\":\"{ref}\",\"text\":\"{text}\"}",
            "vakt.alerting.webhooks.ops.format=json",
            "logging.level.root=WARN"));
    var app =
        new SpringApplicationBuilder(VaktApplication.class)
            .properties(props.toArray(String[]::new))
            .run();
    if (!args[0].equals("-")) {
      CatalogService catalog = app.getBean(CatalogService.class);
      Catalog c = catalog.read("bench.yaml", Files.readString(Path.of(args[0])));
      if (!c.problems().isEmpty()) {
        throw new IllegalStateException(c.problems().toString());
      }
      catalog.importCatalog(c, "bench");
      app.getBean(MonitoringService.class).sync();
    }
    System.out.println("READY");
    System.out.flush();
    // "REPORT" on stdin: where the time went, from this instance's database.
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("REPORT")) {
        breakdown(app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class));
      }
    }
    Thread.currentThread().join();
  }

  /**
   * Per incident (the services of one server) and channel, for the outage notices: hard change to
   * outbox (the incident's first hard change to its notice: ledger writer, event registry, the
   * grouping hold, listener) and outbox to accepted (the delivery worker and the receiver); and how
   * the incidents' first hard changes spread (detection: the contract's interval and attempts).
   */
  private static void breakdown(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
    List<double[]> rows =
        jdbc.sql(
                """
                select extract(epoch from n.created_at - f.first_at),
                  extract(epoch from n.delivered_at - n.created_at),
                  extract(epoch from f.first_at - min(f.first_at) over ()),
                  case n.channel when 'email' then 0 when 'sms' then 1 else 2 end
                from (select i.incident, min(s.at) first_at
                      from service_incident i join state_change s on s.service_id = i.service_id
                      where s.to_state = 'critical' group by i.incident) f
                join notification n on n.cause = f.incident || '/down'
                where n.delivered_at is not null
                """)
            .query(
                (rs, i) ->
                    new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4)})
            .list();
    String[] channels = {"email", "sms", "webhook"};
    for (int ch = 0; ch < 3; ch++) {
      int c = ch;
      double[] handOver =
          rows.stream().filter(r -> r[3] == c).mapToDouble(r -> r[0]).sorted().toArray();
      double[] delivery =
          rows.stream().filter(r -> r[3] == c).mapToDouble(r -> r[1]).sorted().toArray();
      System.out.printf(
          "  %-7s hard change to outbox p50 %.2f s, p95 %.2f s; outbox to accepted p50 %.2f s,"
              + " p95 %.2f s, max %.2f s%n",
          channels[c],
          pct(handOver, 50),
          pct(handOver, 95),
          pct(delivery, 50),
          pct(delivery, 95),
          delivery.length == 0 ? Double.NaN : delivery[delivery.length - 1]);
    }
    double[] spread = rows.stream().mapToDouble(r -> r[2]).sorted().toArray();
    System.out.printf(
        "  incidents' first hard changes spread over %.2f s (first to last)%n",
        spread.length == 0 ? Double.NaN : spread[spread.length - 1]);
    System.out.flush();
  }

  /**
   * The provider, product, contract and one customer with {@code servers} servers ({@code srv-0},
   * ...), the TCP services on the targets spread over them in blocks ({@code svc-0} to {@code
   * svc-4} on {@code srv-0} for 100 services on 20 servers); its emergency list is told by e-mail,
   * SMS and webhook, or ({@code allChannels} false) by e-mail only.
   */
  static String setUp(
      List<ServerSocket> targets, int servers, int interval, int attempts, boolean allChannels) {
    StringBuilder services = new StringBuilder();
    StringBuilder hosts = new StringBuilder();
    for (int k = 0; k < servers; k++) {
      hosts.append(
          "  - { id: srv-%d, customer: cust, kind: vps, ownership: provider, address: 127.0.0.1 }\n"
              .formatted(k));
    }
    for (int i = 0; i < targets.size(); i++) {
      services.append(
          "  - { id: svc-%d, server: srv-%d, type: tcp, port: %d, installedBy: provider }\n"
              .formatted(i, serverOf(i, targets.size(), servers), targets.get(i).getLocalPort()));
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
          alerting: { emergencyList: { channels: [%3$s] } }
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
            %4$scontacts: [{ name: Ola Nordmann, email: ola@kunde.example, %5$semergency: true, language: nb }]
        servers:
        %6$sservices:
        """
            .formatted(
                interval,
                attempts,
                allChannels ? "email, sms, webhook" : "email",
                allChannels ? "webhook: ops\n    " : "",
                allChannels ? "phone: \"+4791234567\", " : "",
                hosts)
        + services;
  }

  /** The server (0 to {@code servers - 1}) of service {@code i} of {@code n}: blocks in order. */
  static int serverOf(int i, int n, int servers) {
    return (int) ((long) i * servers / n);
  }
}
