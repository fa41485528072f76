package dev.vakt.bench;

import dev.vakt.catalog.Catalog;
import dev.vakt.contract.TermsResolver;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageIndex;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark of the coverage read model (issue 18): building the index for a provider with two
 * services per customer, then {@code coverage.at(service, instant)} for random services at random
 * instants over three years (the worst case for the processor's caches), and in inventory order at
 * one instant (how an engine walks its services). Usage: bench/coverage.sh [customers=50000]
 * [queries=2000000].
 */
public final class CoverageBenchmark {

  public static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
    long t0 = System.nanoTime();
    Catalog catalog = Catalog.read("bench.yaml", SyntheticProvider.yaml(customers));
    if (!catalog.ok()) {
      throw new IllegalStateException(catalog.problems().getFirst().toString());
    }
    long t1 = System.nanoTime();
    Map<String, String> providers = new HashMap<>();
    List<Server> servers = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    for (InventoryDocument inv : catalog.inventories()) {
      inv.customers().forEach(c -> providers.put(c.id(), inv.provider()));
      servers.addAll(inv.servers());
      services.addAll(inv.services());
    }
    TermsResolver resolver = new TermsResolver(catalog.terms());
    InventoryService.Snapshot snapshot =
        new InventoryService.Snapshot(providers, servers, services);
    long t2 = System.nanoTime();
    CoverageIndex index = CoverageIndex.build(1, resolver, snapshot);
    long t3 = System.nanoTime();
    System.out.printf(
        "%d services, %d servers: documents read in %.1f s, index built in %.0f ms%n",
        services.size(), servers.size(), (t1 - t0) / 1e9, (t3 - t2) / 1e6);

    // An inventory change of one customer: its entries are built again, the rest are kept.
    long[] partial = new long[20];
    for (int i = 0; i < partial.length; i++) {
      String customer = "cust-" + (i * 997 % customers);
      InventoryService.Snapshot one =
          new InventoryService.Snapshot(
              Map.of(customer, "bench"),
              servers.stream().filter(s -> s.customer().equals(customer)).toList(),
              services.stream()
                  .filter(s -> s.server().equals("srv-" + customer.substring(5)))
                  .toList());
      long s0 = System.nanoTime();
      index = index.with(2 + i, resolver, one, java.util.Set.of(customer));
      partial[i] = System.nanoTime() - s0;
    }
    Arrays.sort(partial);
    System.out.printf(
        "one customer's inventory changed: index rebuilt in %.1f ms (median of %d), %.1f ms max%n",
        partial[partial.length / 2] / 1e6, partial.length, partial[partial.length - 1] / 1e6);

    String[] ids = services.stream().map(Service::id).toArray(String[]::new);
    Subject[] subjects = Arrays.stream(ids).map(Subject::service).toArray(Subject[]::new);
    long from = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    long span = Instant.parse("2027-12-31T00:00:00Z").getEpochSecond() - from;
    SplittableRandom random = new SplittableRandom(42);
    // Warm-up: every contract's terms spans get resolved once and the JIT settles.
    long sink = 0;
    for (int i = 0; i < queries; i++) {
      sink +=
          index
              .at(subjects[random.nextInt(subjects.length)], instant(random, from, span))
              .version();
    }
    long[] nanos = new long[queries];
    Subject[] qs = new Subject[queries];
    Instant[] at = new Instant[queries];
    for (int i = 0; i < queries; i++) {
      qs[i] = subjects[random.nextInt(subjects.length)];
      at[i] = instant(random, from, span);
    }
    // Without a clock read per answer: the cost of one answer on average.
    long bare = System.nanoTime();
    for (int i = 0; i < queries; i++) {
      sink += index.at(qs[i], at[i]).covered() ? 1 : 0;
    }
    bare = System.nanoTime() - bare;
    long clock = System.nanoTime();
    for (int i = 0; i < queries; i++) {
      sink += System.nanoTime() & 1;
    }
    clock = (System.nanoTime() - clock) / queries;
    System.out.printf(
        "coverage.at without timing: %.0f ns per answer on average (%.2f M/s); one clock read"
            + " costs %d ns here%n",
        (double) bare / queries, queries / (bare / 1e9) / 1e6, clock);
    // In inventory order at one instant, as an engine walks its services (monitoring's re-plan).
    Instant now = Instant.parse("2026-06-01T10:00:00Z");
    long[] seq = new long[subjects.length * 5];
    for (int round = 0, k = 0; round < 5; round++) {
      for (Subject subject : subjects) {
        long s = System.nanoTime();
        Coverage c = index.at(subject, now);
        seq[k++] = System.nanoTime() - s;
        sink += c.covered() ? 1 : 0;
      }
    }
    Arrays.sort(seq);
    System.out.printf(
        "coverage.at in inventory order, one instant: p50 %d ns, p99 %d ns, p99.9 %d ns%n",
        seq[seq.length / 2], seq[(int) (seq.length * 0.99)], seq[(int) (seq.length * 0.999)]);
    long start = System.nanoTime();
    for (int i = 0; i < queries; i++) {
      long s = System.nanoTime();
      Coverage c = index.at(qs[i], at[i]);
      nanos[i] = System.nanoTime() - s;
      sink += c.covered() ? 1 : 0;
    }
    long total = System.nanoTime() - start;
    Arrays.sort(nanos);
    System.out.printf(
        "coverage.at over %d queries: p50 %d ns, p99 %d ns, p99.9 %d ns, max %.1f us;"
            + " %.2f M answers/s on one thread (with timing) (checksum %d)%n",
        queries,
        nanos[queries / 2],
        nanos[(int) (queries * 0.99)],
        nanos[(int) (queries * 0.999)],
        nanos[queries - 1] / 1e3,
        queries / (total / 1e9) / 1e6,
        sink);
  }

  private static Instant instant(SplittableRandom random, long from, long span) {
    return Instant.ofEpochSecond(from + random.nextLong(span));
  }
}
