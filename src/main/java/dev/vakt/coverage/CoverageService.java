package dev.vakt.coverage;

import dev.vakt.contract.ContractService;
import dev.vakt.contract.TermsStored;
import dev.vakt.inventory.InventoryChanged;
import dev.vakt.inventory.InventoryService;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The coverage module's API (issue 18): which customer, contract version and line govern a service
 * or server at an instant, with the resolved terms, the contract's zone and local date, and whether
 * it is covered and why. Answers come from an in-memory {@link CoverageIndex}, rebuilt when terms
 * are stored or the inventory changes (events through the publication registry), never by polling.
 */
@Service
public class CoverageService {

  private static final Logger log = LoggerFactory.getLogger(CoverageService.class);

  private final ContractService contracts;
  private final InventoryService inventory;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final AtomicLong requested = new AtomicLong();
  // Above this many customers concerned, one whole rebuild is cheaper than one per customer.
  private static final int MANY = 1000;
  private final Object rebuild = new Object();
  private volatile CoverageIndex index;
  // Tells engines when a day begins on which lines or terms take effect; no rebuild is needed,
  // the index answers by day, but plans made yesterday (monitoring's schedule) are redone.
  private final java.util.concurrent.ScheduledExecutorService timer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vakt-coverage-day").factory());
  private volatile java.util.concurrent.ScheduledFuture<?> nextDay;

  CoverageService(
      ContractService contracts,
      InventoryService inventory,
      ApplicationEventPublisher events,
      Clock clock) {
    this.contracts = contracts;
    this.inventory = inventory;
    this.events = events;
    this.clock = clock;
  }

  /** The coverage of {@code subject} at {@code at}. */
  public Coverage at(Subject subject, Instant at) {
    return index().at(subject, at);
  }

  /** The coverage of {@code subject} now, by the injected clock. */
  public Coverage now(Subject subject) {
    return at(subject, clock.instant());
  }

  /** A customer's running contracts at {@code at}, in its provider's zone. */
  public CustomerCoverage ofCustomer(String customer, Instant at) {
    return index().ofCustomer(customer, at);
  }

  /** The index answering now; its version tells which build it is. */
  public CoverageIndex index() {
    CoverageIndex i = index;
    return i != null ? i : rebuild(requested.incrementAndGet());
  }

  /**
   * Rebuilds right after the transaction that stored terms commits, in the committing thread: the
   * import that stored them returns only once every engine's next question gets the new answer. The
   * index is memory only, so a crash in between loses nothing: a start builds it afresh.
   */
  @TransactionalEventListener
  void on(TermsStored e) {
    long ticket = requested.incrementAndGet();
    CoverageIndex i;
    synchronized (rebuild) {
      CoverageIndex current = index;
      if (current == null) {
        i = rebuild(ticket);
      } else if (e.customers().size() > MANY) {
        // Terms of many customers (a provider's or a popular product's new version): build the
        // whole index again from the inventory it already holds, without reading it.
        i =
            install(
                CoverageIndex.build(requested.get(), contracts.snapshot(), current.inventory()));
      } else {
        i =
            install(
                current.with(
                    requested.get(),
                    contracts.snapshot(),
                    inventory.snapshot(e.customers()),
                    e.customers()));
      }
    }
    Set<String> told = e.customers().size() > MANY ? Set.of() : e.customers();
    if (e.customers().isEmpty()) {
      return; // a product or provider nobody uses yet: nothing anyone is covered by changed
    }
    events.publishEvent(new CoverageChanged(i.version(), told, clock.instant()));
  }

  /** Rebuilds right after an inventory change commits (see {@link #on(TermsStored)}). */
  @TransactionalEventListener
  void on(InventoryChanged e) {
    rebuilt(e.customers());
  }

  /** Builds the index again now, from what is stored (start-up, {@code vakt} commands, tests). */
  public CoverageIndex refresh() {
    return rebuild(requested.incrementAndGet());
  }

  private void rebuilt(Set<String> customers) {
    CoverageIndex i =
        customers.isEmpty()
            ? rebuild(requested.incrementAndGet())
            : rebuildFor(customers, requested.incrementAndGet());
    events.publishEvent(new CoverageChanged(i.version(), customers, clock.instant()));
  }

  private CoverageIndex install(CoverageIndex built) {
    index = built;
    scheduleNextChange(built, clock.instant());
    return built;
  }

  /**
   * Builds the entries of {@code customers} again and keeps the rest: an inventory change or a new
   * contract version of one customer costs that customer, not the whole provider.
   */
  private CoverageIndex rebuildFor(Set<String> customers, long ticket) {
    synchronized (rebuild) {
      CoverageIndex current = index;
      if (current == null) {
        return rebuild(ticket);
      }
      return install(
          current.with(
              requested.get(), contracts.snapshot(), inventory.snapshot(customers), customers));
    }
  }

  private void scheduleNextChange(CoverageIndex built, Instant from) {
    java.util.concurrent.ScheduledFuture<?> before = nextDay;
    if (before != null) {
      before.cancel(false);
    }
    Instant now = clock.instant();
    built
        .nextChangeAfter(from.isAfter(now) ? from : now)
        .ifPresent(
            at -> {
              long delay = Math.max(0, java.time.Duration.between(now, at).toMillis());
              nextDay =
                  timer.schedule(
                      () -> dayBegan(built, at), delay, java.util.concurrent.TimeUnit.MILLISECONDS);
            });
  }

  private void dayBegan(CoverageIndex built, Instant at) {
    try {
      events.publishEvent(new CoverageChanged(built.version(), Set.of(), clock.instant()));
    } catch (RuntimeException e) {
      log.warn("Telling engines of a new day of terms failed: {}", e.toString());
    } finally {
      if (index == built) {
        scheduleNextChange(built, at);
      }
    }
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  /**
   * Builds a new index unless one was built after {@code ticket} was drawn: a burst of changes
   * costs one or two builds, not one per change.
   */
  private CoverageIndex rebuild(long ticket) {
    synchronized (rebuild) {
      CoverageIndex current = index;
      if (current != null && current.version() >= ticket) {
        return current;
      }
      long version = requested.get();
      long started = System.nanoTime();
      CoverageIndex built =
          install(CoverageIndex.build(version, contracts.snapshot(), inventory.snapshot()));
      log.debug(
          "Coverage index v{} built in {} ms", version, (System.nanoTime() - started) / 1_000_000);
      return built;
    }
  }
}
