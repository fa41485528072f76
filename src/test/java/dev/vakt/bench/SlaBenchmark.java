package dev.vakt.bench;

import dev.vakt.catalog.Catalog;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.Terms;
import dev.vakt.contract.TermsResolver;
import dev.vakt.sla.SlaCalculator;
import dev.vakt.sla.SlaEvent;
import dev.vakt.sla.SlaReport;
import dev.vakt.sla.SlaRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The SLA engine at scale (issue 5): reports for N services with one year of history, about 50
 * outages each, with the example BDN contract (uptime over 3 months, exclusions) and the DG one
 * (30-day availability with day credits). Measures:
 *
 * <ul>
 *   <li><b>all services</b>: one report over every service for the year, the figure that bounds a
 *       provider-wide monthly run;
 *   <li><b>per customer</b>: N/10 reports of 10 services each (what the portal asks for), with p50
 *       and p99 of one report.
 * </ul>
 *
 * <p>The ledger is generated from a fixed seed: state changes (CRITICAL then OK, 1 min to 4 h),
 * customer reports, monitoring gaps, maintenance, staff reclassifications and actions, so every
 * code path of the calculator is exercised. {@code bench/sla.sh SERVICES RUNS}.
 */
public final class SlaBenchmark {

  private static final Instant FROM = Instant.parse("2025-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");

  private SlaBenchmark() {}

  public static void main(String[] args) {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> ids = new ArrayList<>(services);
    for (int i = 0; i < services; i++) {
      ids.add("svc-" + i);
    }
    List<SlaEvent> events = ledger(ids, new SplittableRandom(20261126));
    System.out.printf(
        "%,d services, %,d events (%,d outages) from %s to %s%n",
        services, events.size(), outages, FROM, TO);
    for (String contract : List.of("bdn-c-1001", "dg-c-5001")) {
      Terms terms = terms(contract.substring(0, contract.indexOf('-')), contract);
      double[] all = new double[runs];
      double[] p50 = new double[runs];
      double[] p99 = new double[runs];
      for (int run = 0; run < runs; run++) {
        long t0 = System.nanoTime();
        SlaReport report = SlaCalculator.report(request(terms, ids, events));
        all[run] = (System.nanoTime() - t0) / 1e6;
        if (report.services().size() != services) {
          throw new IllegalStateException("report covers " + report.services().size());
        }
        long[] each = perCustomer(terms, ids, events);
        Arrays.sort(each);
        p50[run] = each[each.length / 2] / 1e6;
        p99[run] = each[(int) (each.length * 0.99)] / 1e6;
      }
      System.out.printf(
          "%s: all services %s ms; one customer (10 services) p50 %s ms, p99 %s ms%n",
          contract, summary(all), summary(p50), summary(p99));
    }
  }

  private static int outages;

  /** Per-customer reports: each asks only for its own 10 services and reads only their events. */
  private static long[] perCustomer(Terms terms, List<String> ids, List<SlaEvent> events) {
    int customers = Math.max(1, ids.size() / 10);
    List<List<SlaEvent>> byCustomer = new ArrayList<>();
    for (int c = 0; c < customers; c++) {
      byCustomer.add(new ArrayList<>());
    }
    for (SlaEvent e : events) {
      String service =
          switch (e) {
            case SlaEvent.StateChange s -> s.service();
            case SlaEvent.Report r -> r.service();
            case SlaEvent.Reclassify r -> r.service();
            case SlaEvent.Action a -> a.service();
            case SlaEvent.Maintenance m -> m.services().getFirst();
            default -> null;
          };
      if (service == null) {
        byCustomer.forEach(l -> l.add(e)); // gaps concern everyone
      } else {
        byCustomer.get(Math.min(customers - 1, index(service) / 10)).add(e);
      }
    }
    long[] each = new long[customers];
    for (int c = 0; c < customers; c++) {
      List<String> own = ids.subList(c * 10, Math.min(ids.size(), c * 10 + 10));
      long s = System.nanoTime();
      SlaCalculator.report(request(terms, own, byCustomer.get(c)));
      each[c] = System.nanoTime() - s;
    }
    return each;
  }

  private static SlaRequest request(Terms terms, List<String> ids, List<SlaEvent> events) {
    return new SlaRequest(terms, ids, events, FROM, TO, TO, null, null, null, null);
  }

  private static int index(String service) {
    return Integer.parseInt(service.substring(4));
  }

  /** About 50 outages per service over the year, and some of every other kind of event. */
  private static List<SlaEvent> ledger(List<String> ids, SplittableRandom random) {
    List<SlaEvent> events = new ArrayList<>();
    long span = FROM.until(TO, ChronoUnit.SECONDS);
    for (int g = 0; g < 6; g++) {
      Instant at = FROM.plusSeconds(random.nextLong(span - 3600));
      events.add(new SlaEvent.Gap(at, at.plusSeconds(60 + random.nextInt(1800)), "bench gap"));
    }
    for (String id : ids) {
      events.add(new SlaEvent.StateChange(id, FROM, SlaEvent.Level.OK, null, null));
      int n = 40 + random.nextInt(21);
      long[] starts = random.longs(n, 0, span - 5 * 3600).sorted().toArray();
      long free = 0;
      for (long start : starts) {
        start = Math.max(start, free);
        long length = 60 + random.nextLong(4 * 3600);
        Instant down = FROM.plusSeconds(start);
        Instant up = down.plusSeconds(length);
        free = start + length + 60;
        outages++;
        switch (random.nextInt(20)) {
          case 0 ->
              events.add(
                  new SlaEvent.Report("r-" + id + "-" + start, id, down, up, "customer report"));
          case 1 ->
              events.add(
                  new SlaEvent.Maintenance(
                      "m-" + id + "-" + start,
                      List.of(id),
                      down.minusSeconds(600),
                      up,
                      "agreed in writing"));
          case 2 ->
              events.add(
                  new SlaEvent.Reclassify(
                      id,
                      down,
                      up,
                      OutageCategory.CUSTOMER_CAUSED,
                      "customer changed the firewall",
                      "tech",
                      up.plusSeconds(3600)));
          default -> {}
        }
        events.add(new SlaEvent.StateChange(id, down, SlaEvent.Level.CRITICAL, "down", null));
        if (random.nextInt(4) == 0) {
          events.add(
              new SlaEvent.Action(
                  id, down.plusSeconds(length / 4), SlaEvent.ActionKind.ACKNOWLEDGED, "tech"));
        }
        events.add(new SlaEvent.StateChange(id, up, SlaEvent.Level.OK, null, null));
      }
    }
    events.sort((a, b) -> at(a).compareTo(at(b))); // the ledger's order: as recorded, i.e. by time
    return events;
  }

  private static Instant at(SlaEvent e) {
    return switch (e) {
      case SlaEvent.StateChange s -> s.at();
      case SlaEvent.Report r -> r.at();
      case SlaEvent.Maintenance m -> m.from();
      case SlaEvent.Gap g -> g.from();
      case SlaEvent.Reclassify r -> r.at();
      case SlaEvent.Action a -> a.at();
      case SlaEvent.AccessLost a -> a.from();
      case SlaEvent.Classified c -> c.from();
    };
  }

  private static Terms terms(String provider, String contract) {
    Catalog catalog = Catalog.read(List.of(Path.of("examples", provider)));
    if (!catalog.ok()) {
      throw new IllegalStateException(catalog.problems().toString());
    }
    return new TermsResolver(catalog.terms())
        .resolve(contract, LocalDate.ofInstant(TO, ZoneOffset.UTC).minusDays(1))
        .orElseThrow()
        .terms();
  }

  /** Median of the runs with the range, e.g. {@code 1,234 [1,100-1,500]}. */
  private static String summary(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        "%,.1f [%,.1f-%,.1f]", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }
}
