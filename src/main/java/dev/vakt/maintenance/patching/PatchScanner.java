package dev.vakt.maintenance.patching;

import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.monitoring.PackageScan;
import dev.vakt.monitoring.PackageUpdates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the pending updates of every server whose covering contract sets patch management, on a
 * schedule ({@code vakt.patching.scan-interval}), through the monitoring module's {@link
 * PackageUpdates}, and records what each scan found: the scan itself, and the observations it
 * opens, sees again and resolves (ADR 0012). Servers are read a few at a time, each on a virtual
 * thread.
 */
@Component
class PatchScanner {

  private static final Logger log = LoggerFactory.getLogger(PatchScanner.class);

  /**
   * What one scan changed.
   *
   * @param scan the scan
   * @param opened updates seen for the first time
   * @param seenAgain updates still pending
   * @param resolved updates no longer pending
   */
  record Outcome(PackageScan scan, int opened, int seenAgain, int resolved) {}

  private final PackageUpdates updates;
  private final InventoryService inventory;
  private final PatchTerms terms;
  private final PatchStore store;
  private final TransactionTemplate tx;
  private final PatchingProperties properties;
  private final Clock clock;

  PatchScanner(
      PackageUpdates updates,
      InventoryService inventory,
      PatchTerms terms,
      PatchStore store,
      TransactionTemplate tx,
      PatchingProperties properties,
      Clock clock) {
    this.updates = updates;
    this.inventory = inventory;
    this.terms = terms;
    this.store = store;
    this.tx = tx;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${vakt.patching.scan-interval:6h}",
      initialDelayString = "${vakt.patching.first-scan-after:2m}")
  void scheduled() {
    if (properties.enabled()) {
      List<Outcome> done = scanAll();
      long failed = done.stream().filter(o -> !o.scan().ok()).count();
      log.info("Patch scan: {} server(s) read, {} failed", done.size() - failed, failed);
    }
  }

  /**
   * Scans every server whose covering contract sets patch management now (its local day): a
   * customer's colocation server is not read because its hosting contract patches (issue 18).
   */
  List<Outcome> scanAll() {
    java.time.Instant now = clock.instant();
    List<String> servers = new ArrayList<>();
    for (Customer c : inventory.customers()) {
      inventory.servers(c.id()).stream()
          .map(Server::id)
          .filter(id -> terms.forServer(id, now).policy() != null)
          .forEach(servers::add);
    }
    Semaphore slots = new Semaphore(properties.concurrency());
    List<Future<Outcome>> running = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String server : servers) {
        running.add(
            pool.submit(
                () -> {
                  slots.acquire();
                  try {
                    return scan(server);
                  } finally {
                    slots.release();
                  }
                }));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : running) {
        try {
          out.add(f.get());
        } catch (Exception e) {
          log.warn("Patch scan of a server failed to complete: {}", e.toString());
        }
      }
      return out;
    }
  }

  /**
   * Scans {@code server} now and records what was found.
   *
   * @throws NotFound when the inventory has no such server
   */
  Outcome scan(String server) {
    inventory.server(server).orElseThrow(() -> new NotFound("server " + server));
    return record(updates.scan(server));
  }

  /**
   * Records a scan in one transaction, serialised per server: a failed scan only as a scan (it says
   * nothing about packages), a successful one with its changes to the observations.
   */
  Outcome record(PackageScan read) {
    // As PostgreSQL stores it (microseconds), so what is compared later is what was stored.
    PackageScan scan =
        new PackageScan(
            read.server(),
            read.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
            read.source(),
            read.packages(),
            read.failure());
    return tx.execute(
        s -> {
          store.lock(scan.server());
          store.recordScan(scan);
          if (!scan.ok()) {
            return new Outcome(scan, 0, 0, 0);
          }
          ObservationDiff.Changes c = ObservationDiff.of(store.open(scan.server()), scan);
          store.apply(c);
          return new Outcome(scan, c.opened().size(), c.seenAgain().size(), c.resolved().size());
        });
  }
}
