package dev.vakt.bench;

import dev.vakt.VaktApplication;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.common.Binder;
import dev.vakt.contract.ContractService;
import dev.vakt.contract.TermsResolver;
import dev.vakt.contract.TermsStored;
import dev.vakt.coverage.CoverageChanged;
import dev.vakt.coverage.CoverageIndex;
import dev.vakt.coverage.CoverageService;
import dev.vakt.inventory.InventoryChanged;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.MonitoringService;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 18: "a terms or inventory change reaches the scheduler within 1 s at 100,000 services". The
 * whole application on a fresh embedded PostgreSQL, {@code customers} customers with one contract,
 * one server and two TCP services each (on 500 loopback ports the harness answers; the contract's
 * interval is 1 h, so checks stay at about 28 a second). Measured from the call to the moment
 * monitoring's plan shows the change ({@code MonitoringService.coverage(id)}), {@code runs} times
 * each: (a) a new service, (b) a deleted service, (c) a new contract version of one customer
 * (effective today in Oslo, another interval), (d) a new provider version, then new product
 * versions (every customer's coverage may change: all are re-planned). Each run also prints when
 * the change's event was published and when coverage had rebuilt ({@link CoverageChanged}), and the
 * harness times the parts on their own. {@code bench/coverage-change.sh [customers=50000] [runs=5]
 * [seed=sql|import]}: {@code sql} writes the inventory rows in bulk the way the importer writes
 * them (no audit rows) and imports only the terms through {@link CatalogService}; {@code import}
 * imports everything through it (the figure reported as the seeding time).
 */
public final class CoverageChangeBenchmark {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final int PRODUCTS = 5;

  private CoverageChangeBenchmark() {}

  /** When the last change event and the last coverage rebuild were seen (System.nanoTime). */
  static final class Phases implements ApplicationListener<PayloadApplicationEvent<?>> {
    volatile long published;
    volatile long rebuilt;

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<?> e) {
      Object p = e.getPayload();
      if (p instanceof TermsStored || p instanceof InventoryChanged) {
        published = System.nanoTime();
      } else if (p instanceof CoverageChanged) {
        rebuilt = System.nanoTime();
      }
    }
  }

  private final Phases phases = new Phases();
  private ConfigurableApplicationContext app;
  private Method planOf;
  private Method syncSome;

  public static void main(String[] args) throws Exception {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String seed = args.length > 2 ? args[2] : "sql";
    new CoverageChangeBenchmark().run(customers, runs, seed);
    System.exit(0);
  }

  private void run(int customers, int runs, String seed) throws Exception {
    List<ServerSocket> targets = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      targets.add(s);
      Thread.ofVirtual().start(() -> accept(s));
    }
    Path data = Files.createTempDirectory("vakt-bench-coverage-change");
    System.out.printf(
        "machine: %d cores, max heap %d MiB, %s; load %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        load());
    long t0 = System.nanoTime();
    app =
        new SpringApplicationBuilder(VaktApplication.class)
            .properties(
                "server.port=0", "vakt.data-dir=" + data.resolve("data"), "logging.level.root=WARN")
            .listeners(phases)
            .run();
    planOf = MonitoringService.class.getDeclaredMethod("coverage", String.class);
    planOf.setAccessible(true);
    syncSome = MonitoringService.class.getDeclaredMethod("sync", Set.class);
    syncSome.setAccessible(true);
    System.out.printf("application started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    try {
      String yaml = World.yaml(customers, targets);
      seed(yaml, customers, seed);
      Bench.measure(this, customers, runs);
      Bench.parts(this, customers);
      System.out.printf("load at the end: %s%n", load());
    } finally {
      app.close();
      for (ServerSocket s : targets) {
        s.close();
      }
    }
  }

  /** Stores the world and waits until monitoring has planned every service. */
  private void seed(String yaml, int customers, String how) throws Exception {
    CatalogService catalog = app.getBean(CatalogService.class);
    long t0 = System.nanoTime();
    String terms = yaml;
    if (how.equals("sql")) {
      Catalog all = Catalog.read("bench.yaml", yaml);
      if (!all.ok()) {
        throw new IllegalStateException(all.problems().getFirst().toString());
      }
      bulkInventory(all.inventories().getFirst());
      terms = yaml.substring(0, yaml.indexOf(World.INVENTORY_START));
      System.out.printf(
          "seed: inventory (%,d customers, %,d servers, %,d services) written by SQL in %.1f s%n",
          customers, customers, 2 * customers, (System.nanoTime() - t0) / 1e9);
    }
    long t1 = System.nanoTime();
    Catalog c = catalog.read("bench.yaml", terms);
    if (!c.ok()) {
      throw new IllegalStateException(c.problems().getFirst().toString());
    }
    long t2 = System.nanoTime();
    CatalogService.ImportReport r = catalog.importCatalog(c, "bench");
    long t3 = System.nanoTime();
    // The import's own re-plan runs asynchronously; sync() waits for it (same lock) and plans all.
    app.getBean(MonitoringService.class).sync();
    long t4 = System.nanoTime();
    System.out.printf(
        "seed: %s through CatalogService: read + validate %.1f s, import %.1f s (%,d documents,"
            + " %,d inventory changes); coverage + monitoring plan of everything %.1f s;"
            + " total %.1f s%n",
        how.equals("sql") ? "terms" : "everything",
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        r.stored().size(),
        r.inventoryChanges(),
        (t4 - t3) / 1e9,
        (t4 - t0) / 1e9);
    String last = World.service(customers - 1, 'b');
    if (!plan(last).startsWith("checked every 1h")) {
      throw new IllegalStateException(last + ": " + plan(last));
    }
  }

  /** The inventory rows as {@code InventoryStore.upsert} writes them (no audit rows). */
  private void bulkInventory(InventoryDocument inv) {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.batchUpdate(
        "insert into customer (id, provider_id, name, body, updated_at)"
            + " values (?, ?, ?, cast(? as jsonb), ?)",
        inv.customers().stream()
            .map(
                c ->
                    new Object[] {
                      c.id(), inv.provider(), c.name(), Binder.MAPPER.writeValueAsString(c), now
                    })
            .toList());
    jdbc.batchUpdate(
        "insert into server (id, customer_id, cluster_id, body, updated_at)"
            + " values (?, ?, null, cast(? as jsonb), ?)",
        inv.servers().stream()
            .map(s -> new Object[] {s.id(), s.customer(), Binder.MAPPER.writeValueAsString(s), now})
            .toList());
    jdbc.batchUpdate(
        "insert into service (id, server_id, customer_id, body, updated_at)"
            + " values (?, ?, ?, cast(? as jsonb), ?)",
        inv.services().stream()
            .map(
                s ->
                    new Object[] {
                      s.id(),
                      s.server(),
                      "cust-" + s.server().substring(4),
                      Binder.MAPPER.writeValueAsString(s),
                      now
                    })
            .toList());
  }

  // --- what the measurements use

  <T> T bean(Class<T> type) {
    return app.getBean(type);
  }

  Phases phases() {
    return phases;
  }

  /** Monitoring's plan of one service ("checked every 1h (...)"), or "" when it has none. */
  String plan(String id) {
    try {
      Object p = planOf.invoke(app.getBean(MonitoringService.class), id);
      return p == null ? "" : (String) p;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Calls a private method of a bean: the parts of a change, timed on their own. */
  Object invoke(Object bean, String method, Class<?> type, Object arg) {
    try {
      Object target = target(bean);
      Method m = target.getClass().getDeclaredMethod(method, type);
      m.setAccessible(true);
      return m.invoke(target, arg);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Object invoke(Object bean, String method) {
    try {
      Object target = target(bean);
      Method m = target.getClass().getDeclaredMethod(method);
      m.setAccessible(true);
      return m.invoke(target);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bean behind a transaction proxy: its private methods run on its own fields. */
  private static Object target(Object bean) throws Exception {
    return bean instanceof org.springframework.aop.framework.Advised a
        ? a.getTargetSource().getTarget()
        : bean;
  }

  /** {@code MonitoringService.sync(customers)}, what the CoverageChanged listener runs. */
  void sync(Set<String> customers) {
    try {
      syncSome.invoke(app.getBean(MonitoringService.class), customers);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Imports one YAML text through CatalogService; returns nanoTime before the import call. */
  long importText(String yaml) {
    CatalogService catalog = app.getBean(CatalogService.class);
    Catalog c = catalog.read("change.yaml", yaml);
    if (!c.ok()) {
      throw new IllegalStateException(c.problems().getFirst().toString());
    }
    long start = System.nanoTime();
    catalog.importCatalog(c, "bench");
    return start;
  }

  static LocalDate today() {
    return LocalDate.now(OSLO);
  }

  /** Waits (polling every 0.1 ms, at most 60 s) until {@code done}; returns when, in nanoTime. */
  static long until(Supplier<Boolean> done) {
    long limit = System.nanoTime() + 60_000_000_000L;
    while (!done.get()) {
      if (System.nanoTime() > limit) {
        throw new IllegalStateException("not reached within 60 s");
      }
      LockSupport.parkNanos(100_000);
    }
    return System.nanoTime();
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /** "median X ms, max Y ms (each run)" of nanosecond figures. */
  static String stats(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return "median %.0f ms, max %.0f ms (%s)"
        .formatted(
            s[s.length / 2] / 1e6,
            s[s.length - 1] / 1e6,
            String.join(
                ", ", Arrays.stream(nanos).mapToObj(n -> "%.0f".formatted(n / 1e6)).toList()));
  }

  static Service newService(String id, String server, int port) {
    return Binder.MAPPER.readValue(
        """
        {"id":"%s","server":"%s","type":"tcp","port":%d,"installedBy":"provider"}
        """
            .formatted(id, server, port),
        Service.class);
  }

  private static void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket c = s.accept();
        c.close();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** The four changes, each timed from the call to monitoring's plan showing it. */
  static final class Bench {

    private Bench() {}

    static void measure(CoverageChangeBenchmark b, int customers, int runs) {
      InventoryService inventory = b.bean(InventoryService.class);
      Phases ph = b.phases();
      Timings a = new Timings(runs);
      for (int r = 0; r < runs; r++) {
        int k = (r * 7919 + 11) % customers;
        String id = "new-" + r;
        int port = inventory.service(World.service(k, 'a')).orElseThrow().port();
        Service s = newService(id, "srv-" + k, port);
        long start = a.start(ph);
        inventory.putService(s, "bench");
        a.returned(r, start, ph);
        a.done(r, until(() -> b.plan(id).startsWith("checked every 1h")));
      }
      a.print("(a) new service -> its check scheduled");
      Timings d = new Timings(runs);
      for (int r = 0; r < runs; r++) {
        String id = "new-" + r;
        long start = d.start(ph);
        inventory.deleteService(id, "bench");
        d.returned(r, start, ph);
        d.done(r, until(() -> b.plan(id).isEmpty()));
      }
      d.print("(b) service deleted -> its check unscheduled");
      Timings c = new Timings(runs);
      long[] read = new long[runs];
      for (int r = 0; r < runs; r++) {
        int k = (r * 104729 + 3) % customers;
        c.start(ph);
        long before = System.nanoTime();
        long start = b.importText(World.contract(k, 2, today(), "30m"));
        read[r] = start - before;
        c.returned(r, start, ph);
        c.done(
            r,
            until(
                () ->
                    b.plan(World.service(k, 'a')).startsWith("checked every 30m")
                        && b.plan(World.service(k, 'b')).startsWith("checked every 30m")));
      }
      c.print("(c) one customer's new contract version -> its services re-planned (30m)");
      System.out.printf(
          "    before it, CatalogService.read of the one document (validated against all that is"
              + " stored): %s%n",
          stats(read));
      int changes = Math.min(runs, PRODUCTS + 1);
      Timings all = new Timings(changes);
      long[] readAll = new long[changes];
      for (int r = 0; r < changes; r++) {
        String interval = (56 - r) + "m";
        int product = r - 1; // r = 0: the provider
        String yaml =
            r == 0
                ? World.provider(2, today(), interval)
                : World.product(product, 2, today(), interval);
        String[] ids = affected(customers, runs, product);
        all.start(ph);
        long before = System.nanoTime();
        long start = b.importText(yaml);
        readAll[r] = start - before;
        all.returned(r, start, ph);
        int[] next = {0};
        all.done(
            r,
            until(
                () -> {
                  while (next[0] < ids.length
                      && b.plan(ids[next[0]]).startsWith("checked every " + interval + " ")) {
                    next[0]++;
                  }
                  return next[0] == ids.length;
                }));
      }
      all.print(
          "(d) provider (first run), then product versions -> every service re-planned; the"
              + " changed ones show the new interval");
      System.out.printf(
          "    before it, CatalogService.read of the one document: %s%n", stats(readAll));
    }

    /** Services whose interval a provider (product -1) or product change gives them. */
    private static String[] affected(int customers, int runs, int product) {
      Set<Integer> ownContract = new java.util.HashSet<>();
      for (int r = 0; r < runs; r++) {
        ownContract.add((r * 104729 + 3) % customers);
      }
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < customers; i++) {
        if (!ownContract.contains(i) && (product < 0 || i % PRODUCTS == product)) {
          ids.add(World.service(i, 'a'));
          ids.add(World.service(i, 'b'));
        }
      }
      return ids.toArray(String[]::new);
    }

    /** Each part on its own, 5 times: where the time of a change goes. */
    static void parts(CoverageChangeBenchmark b, int customers) {
      InventoryService inventory = b.bean(InventoryService.class);
      ContractService contracts = b.bean(ContractService.class);
      CoverageService coverage = b.bean(CoverageService.class);
      org.springframework.jdbc.core.simple.JdbcClient jdbc =
          b.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
      Set<String> one = Set.of("cust-" + (customers / 2));
      InventoryService.Snapshot[] all = {inventory.snapshot()};
      TermsResolver resolver = contracts.snapshot();
      part("inventory read of one customer (snapshot(customers))", () -> inventory.snapshot(one));
      part(
          "inventory read of one customer as monitoring does (servers, services, clusters)",
          () -> {
            String c = one.iterator().next();
            inventory.servers(c);
            inventory.services(c);
            inventory.clusters(c);
          });
      part(
          "coverage: index.with(one customer) in memory",
          () -> coverage.index().with(1, resolver, inventory.snapshot(one), one));
      part("monitoring: sync(one customer)", () -> b.sync(one));
      part("inventory read of everything (snapshot())", () -> all[0] = inventory.snapshot());
      part(
          "inventory read of everything as monitoring does (servers, services, clusters)",
          () -> {
            inventory.servers(null);
            inventory.services(null);
            inventory.clusters(null);
          });
      part(
          "terms: every stored document body read (what a changed row count reloads)",
          () -> jdbc.sql("select body::text from terms_document").query(String.class).list());
      part(
          "terms: ContractService.loadResolver() (every stored body bound; after any store)",
          () -> b.invoke(contracts, "loadResolver"));
      part(
          "terms: ContractService.providerZones() (in the storing transaction)",
          () -> b.invoke(contracts, "providerZones", java.util.Collection.class, List.of()));
      part(
          "catalog: CatalogService.context() (what read() validates against)",
          () -> b.invoke(b.bean(CatalogService.class), "context"));
      part(
          "coverage: CoverageIndex.build of everything in memory",
          () -> CoverageIndex.build(1, resolver, all[0]));
      part("coverage: refresh() (reads + build)", coverage::refresh);
      CoverageIndex fresh = coverage.refresh();
      Instant now = Instant.now();
      for (String when : new String[] {"first, terms resolved on first use", "again"}) {
        long s = System.nanoTime();
        all[0].services().forEach(x -> fresh.at(dev.vakt.coverage.Subject.service(x.id()), now));
        all[0].servers().forEach(x -> fresh.at(dev.vakt.coverage.Subject.server(x.id()), now));
        System.out.printf(
            "  %-80s %.0f ms%n",
            "coverage: at() of every service and server, " + when, (System.nanoTime() - s) / 1e6);
      }
      part("monitoring: sync(everyone)", () -> b.sync(Set.of()));
    }

    private static void part(String what, Runnable r) {
      long[] n = new long[5];
      for (int i = 0; i < n.length; i++) {
        long s = System.nanoTime();
        r.run();
        n[i] = System.nanoTime() - s;
      }
      System.out.printf("  %-80s %s%n", what, stats(n));
    }
  }

  /** Per run: the call, its event, coverage's rebuild, the call's return, the plan showing it. */
  static final class Timings {
    private final long[] total;
    private final long[] published;
    private final long[] rebuilt;
    private final long[] returned;
    private final long[] planned;
    private long start;
    private long back;

    Timings(int runs) {
      total = new long[runs];
      published = new long[runs];
      rebuilt = new long[runs];
      returned = new long[runs];
      planned = new long[runs];
    }

    long start(Phases ph) {
      ph.published = 0;
      ph.rebuilt = 0;
      return System.nanoTime();
    }

    void returned(int r, long from, Phases ph) {
      back = System.nanoTime();
      start = from;
      published[r] = ph.published == 0 ? -1 : ph.published - from;
      rebuilt[r] = ph.rebuilt == 0 ? -1 : ph.rebuilt - ph.published;
      returned[r] = ph.rebuilt == 0 ? -1 : back - ph.rebuilt;
    }

    void done(int r, long at) {
      planned[r] = at - back;
      total[r] = at - start;
    }

    void print(String what) {
      System.out.printf("%s: %s%n", what, stats(total));
      System.out.printf(
          "    call to event published (the change's transaction): %s%n", stats(published));
      System.out.printf(
          "    event to CoverageChanged (commit, coverage rebuilt): %s%n", stats(rebuilt));
      System.out.printf("    CoverageChanged to call returned: %s%n", stats(returned));
      System.out.printf(
          "    call returned to plan shown (async listener, MonitoringService.sync): %s%n",
          stats(planned));
    }
  }

  /** The documents: provider, products, one contract and two TCP services per customer. */
  static final class World {

    static final String INVENTORY_START = "---\napiVersion: vakt/v1\nkind: Inventory\n";

    private World() {}

    static String service(int i, char which) {
      return "svc-" + i + "-" + which;
    }

    static String yaml(int customers, List<ServerSocket> targets) {
      StringBuilder y = new StringBuilder(customers * 700);
      y.append(provider(1, LocalDate.parse("2024-01-01"), "1h"));
      for (int p = 0; p < PRODUCTS; p++) {
        y.append("---\n").append(product(p, 1, LocalDate.parse("2024-01-01"), null));
      }
      for (int i = 0; i < customers; i++) {
        y.append("---\n").append(contract(i, 1, LocalDate.parse("2024-01-01"), null));
      }
      y.append(INVENTORY_START).append("provider: bench\ncustomers:\n");
      for (int i = 0; i < customers; i++) {
        y.append(
            "  - { id: cust-%d, name: Customer %d AS, contacts: [{ name: Ops, email: ops@c%d.example, emergency: true }] }\n"
                .formatted(i, i, i));
      }
      y.append("servers:\n");
      for (int i = 0; i < customers; i++) {
        y.append(
            "  - { id: srv-%d, customer: cust-%d, kind: vps, ownership: provider, address: 127.0.0.1 }\n"
                .formatted(i, i));
      }
      y.append("services:\n");
      for (int i = 0; i < customers; i++) {
        for (char w : new char[] {'a', 'b'}) {
          int port = targets.get((2 * i + (w - 'a')) % targets.size()).getLocalPort();
          y.append(
              "  - { id: %s, server: srv-%d, type: tcp, port: %d, installedBy: provider }\n"
                  .formatted(service(i, w), i, port));
        }
      }
      return y.toString();
    }

    static String provider(int version, LocalDate from, String interval) {
      return """
          apiVersion: vakt/v1
          kind: Provider
          id: bench
          version: %d
          effectiveFrom: %s
          name: Bench AS
          terms:
            timeZone: Europe/Oslo
            currency: NOK
            language: nb
            monitoring: { interval: %s, timeout: 5s, maxAttempts: 3, retryInterval: 1m, services: [tcp] }
          """
          .formatted(version, from, interval);
    }

    static String product(int p, int version, LocalDate from, String interval) {
      return """
          apiVersion: vakt/v1
          kind: Product
          id: bench-p%1$d
          version: %2$d
          effectiveFrom: %3$s
          provider: bench
          name: Managed %1$d
          """
              .formatted(p, version, from)
          + (interval == null
              ? ""
              : "terms: { monitoring: { interval: %s } }\n".formatted(interval));
    }

    static String contract(int i, int version, LocalDate from, String interval) {
      return """
          apiVersion: vakt/v1
          kind: Contract
          id: c-%1$d
          version: %2$d
          effectiveFrom: %3$s
          provider: bench
          customer: cust-%1$d
          product: bench-p%4$d
          start: 2024-01-01
          """
              .formatted(i, version, from, i % PRODUCTS)
          + (interval == null
              ? ""
              : "terms: { monitoring: { interval: %s } }\n".formatted(interval));
    }
  }
}
