package dev.vakt.bench;

import dev.vakt.VaktApplication;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.contract.MaintenanceTerms.PatchPolicy;
import dev.vakt.maintenance.patching.CustomerCompliance;
import dev.vakt.maintenance.patching.Observation;
import dev.vakt.maintenance.patching.PatchCompliance;
import dev.vakt.maintenance.patching.PatchComplianceService;
import dev.vakt.maintenance.patching.PatchRule;
import dev.vakt.maintenance.patching.ReportMonth;
import dev.vakt.maintenance.patching.ServerCompliance;
import dev.vakt.maintenance.patching.ServerInput;
import dev.vakt.maintenance.patching.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Monthly patch compliance at scale (MNT-4, MNT-5): N servers, 10 per customer, each with a month
 * of package observations as the scanner records them: about 20 updates pending at the month's end
 * (a third security, one in twenty kept back, one in twenty from a third-party repository) and
 * about 30 installed during the month, 1 to 10 days after they appeared. Fixed seed. Measures:
 *
 * <ul>
 *   <li><b>calculator</b>: {@link PatchCompliance} for every server and customer, inputs in memory;
 *   <li><b>end to end</b>: {@link PatchComplianceService#customer} for every customer, as the API
 *       answers it: terms, inventory, observations, scans, postponements and reboot states read
 *       from the embedded PostgreSQL, then judged.
 * </ul>
 *
 * <p>{@code bench/patching.sh SERVERS RUNS}. Not a unit test: timing belongs here.
 */
public final class PatchingBenchmark {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private PatchingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    YearMonth month = YearMonth.now(OSLO).minusMonths(1); // a whole month, judged at its end
    ReportMonth rm = ReportMonth.of(month, OSLO, Instant.now());
    List<List<Observation>> history =
        SyntheticPatching.history(servers, rm, new SplittableRandom(20261126));
    long rows = history.stream().mapToLong(List::size).sum();
    System.out.printf(
        "%,d servers (%,d customers), %,d observations in %s (%.0f per server)%n",
        servers, servers / 10, rows, month, rows / (double) servers);
    calculator(history, rm, runs);
    endToEnd(history, rm, runs);
  }

  static PatchRule rule() {
    return PatchRule.of(
        new PatchPolicy(
            null,
            Duration.ofDays(3),
            true,
            null,
            null,
            null,
            List.of("pve-kernel", "pve-manager", "qemu-kvm", "debian-standard"),
            List.of("Proxmox", "Debian"),
            true),
        List.of(),
        List.of(),
        Duration.ofDays(30));
  }

  static void calculator(List<List<Observation>> history, ReportMonth rm, int runs) {
    PatchRule rule = rule();
    Instant lastOk = rm.to().minus(Duration.ofHours(3));
    double[] all = new double[runs];
    double[] p50 = new double[runs];
    double[] p99 = new double[runs];
    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    for (int run = 0; run < runs; run++) {
      long[] each = new long[history.size() / 10];
      long t0 = System.nanoTime();
      for (int c = 0; c < each.length; c++) {
        long s = System.nanoTime();
        List<ServerCompliance> own = new ArrayList<>(10);
        for (int i = c * 10; i < c * 10 + 10; i++) {
          own.add(
              PatchCompliance.server(
                  new ServerInput(
                      "srv-" + i, rule, history.get(i), lastOk, null, List.of(), List.of()),
                  rm,
                  Duration.ofDays(2)));
        }
        CustomerCompliance cc = PatchCompliance.customer("cust-" + c, "c", rm, own);
        each[c] = System.nanoTime() - s;
        if (run == 0) {
          own.forEach(x -> verdicts.merge(x.verdict(), 1, Integer::sum));
        }
        if (cc.servers().size() != 10) {
          throw new IllegalStateException("customer report covers " + cc.servers().size());
        }
      }
      all[run] = (System.nanoTime() - t0) / 1e6;
      Arrays.sort(each);
      p50[run] = each[each.length / 2] / 1e3;
      p99[run] = each[(int) (each.length * 0.99)] / 1e3;
    }
    System.out.printf(
        "calculator: all servers %s ms; one customer (10 servers) p50 %s us, p99 %s us; verdicts %s%n",
        summary(all), summary(p50), summary(p99), verdicts);
  }

  static void endToEnd(List<List<Observation>> history, ReportMonth rm, int runs) throws Exception {
    Path data = Files.createTempDirectory("vakt-bench-patching");
    try {
      endToEnd(history, rm, runs, data);
    } finally {
      delete(data);
    }
  }

  /** Removes the benchmark's data directory; PostgreSQL may still be removing files as it stops. */
  static void delete(Path data) throws InterruptedException {
    for (int attempt = 0; attempt < 5 && Files.exists(data); attempt++) {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        Thread.sleep(500); // a file vanished under the walk: try again
      }
    }
  }

  static void endToEnd(List<List<Observation>> history, ReportMonth rm, int runs, Path data)
      throws Exception {
    int customers = history.size() / 10;
    try (ConfigurableApplicationContext ctx =
        SpringApplication.run(
            VaktApplication.class,
            "--vakt.data-dir=" + data,
            "--spring.main.web-application-type=none",
            "--vakt.monitoring.enabled=false",
            "--vakt.patching.enabled=false",
            "--logging.level.root=WARN")) {
      long t0 = System.nanoTime();
      CatalogService catalog = ctx.getBean(CatalogService.class);
      Catalog c = catalog.read("bench.yaml", SyntheticPatching.yaml(customers));
      if (!c.ok()) {
        throw new IllegalStateException(c.problems().getFirst().toString());
      }
      catalog.importCatalog(c, "bench");
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
      List<Object[]> rows = new ArrayList<>();
      List<Object[]> scans = new ArrayList<>();
      for (List<Observation> list : history) {
        for (Observation o : list) {
          rows.add(
              new Object[] {
                o.server(),
                o.name(),
                o.installed(),
                o.candidate(),
                "{" + String.join(",", o.origins()) + "}",
                o.security(),
                o.keptBack(),
                Timestamp.from(o.firstSeen()),
                Timestamp.from(o.lastSeen()),
                o.resolvedAt() == null ? null : Timestamp.from(o.resolvedAt())
              });
        }
        if (!list.isEmpty()) {
          scans.add(
              new Object[] {
                list.getFirst().server(), Timestamp.from(rm.to().minusSeconds(10_800))
              });
        }
      }
      for (int i = 0; i < rows.size(); i += 10_000) {
        jdbc.batchUpdate(
            "insert into patch_observation (server_id, package, installed_version,"
                + " candidate_version, origins, release, security, kept_back, source, first_seen,"
                + " last_seen, resolved_at) values (?, ?, ?, ?, cast(? as text[]), '', ?, ?, 'ssh',"
                + " ?, ?, ?)",
            rows.subList(i, Math.min(rows.size(), i + 10_000)));
      }
      jdbc.batchUpdate(
          "insert into patch_scan (server_id, at, source, ok, packages) values (?, ?, 'ssh', true, 20)",
          scans);
      // One customer in ten has postponed updates for the whole month (MNT-6).
      List<Object[]> postponements = new ArrayList<>();
      for (int i = 0; i < customers; i += 10) {
        postponements.add(
            new Object[] {
              "cust-" + i,
              Timestamp.from(rm.to().plus(Duration.ofDays(14))),
              Timestamp.from(rm.from().minus(Duration.ofDays(1)))
            });
      }
      jdbc.batchUpdate(
          "insert into patch_postponement (customer_id, reason, risk, requested_by, until, ends_at,"
              + " recorded_at, recorded_by) values (?, 'busy season', 'open vulnerabilities',"
              + " 'it@customer.example', current_date + 14, ?, ?, 'bench')",
          postponements);
      jdbc.execute("analyze");
      System.out.printf(
          "loaded %,d customers, %,d observations into PostgreSQL in %.1f s%n",
          customers, rows.size(), (System.nanoTime() - t0) / 1e9);

      PatchComplianceService service = ctx.getBean(PatchComplianceService.class);
      double[] all = new double[runs];
      double[] p50 = new double[runs];
      double[] p99 = new double[runs];
      for (int run = 0; run < runs; run++) {
        long[] each = new long[customers];
        long t1 = System.nanoTime();
        for (int i = 0; i < customers; i++) {
          long s = System.nanoTime();
          CustomerCompliance cc = service.customer("cust-" + i, rm.month());
          each[i] = System.nanoTime() - s;
          if (cc.servers().size() != 10) {
            throw new IllegalStateException("customer report covers " + cc.servers().size());
          }
        }
        all[run] = (System.nanoTime() - t1) / 1e6;
        Arrays.sort(each);
        p50[run] = each[customers / 2] / 1e6;
        p99[run] = each[(int) (customers * 0.99)] / 1e6;
      }
      System.out.printf(
          "end to end: all customers %s ms; one customer (10 servers) p50 %s ms, p99 %s ms%n",
          summary(all), summary(p50), summary(p99));
    }
  }

  /** Median of the runs with the range, e.g. {@code 1,234 [1,100-1,500]}. */
  static String summary(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        "%,.1f [%,.1f-%,.1f]", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }
}
