package dev.vakt.cli;

import dev.vakt.catalog.Catalog;
import dev.vakt.common.Money;
import dev.vakt.common.Problem;
import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.TermsResolver;
import dev.vakt.coverage.CoverageIndex;
import dev.vakt.coverage.CustomerCoverage;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.sla.SlaCalculator;
import dev.vakt.sla.SlaEvent;
import dev.vakt.sla.SlaEvents;
import dev.vakt.sla.SlaJson;
import dev.vakt.sla.SlaReport;
import dev.vakt.sla.SlaRequest;
import dev.vakt.sla.SlaText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code vakt sla}: the SLA report from documents and an exported ledger, offline. The same
 * calculator the server uses, so a customer can recompute the figures it was given
 * (docs/outages.md).
 */
final class SlaCommand {

  static final String USAGE =
      """
      usage: vakt sla --contract FILE|DIR --events FILE --from DATE --to DATE [options]

        --contract FILE|DIR   Vakt documents: provider, products, contracts (and inventory); repeatable
        --events FILE         the ledger as JSON Lines (docs/outages.md)
        --from DATE           first day of the period (YYYY-MM-DD, the contract's time zone)
        --to DATE             first day after the period
        --customer ID         the customer (needed when the documents hold several)
        --contract-id ID      the contract (needed when the customer has several with an SLA)
        --service ID          a service to report on; repeatable (default: the customer's services
                              in the inventory, else every service in the events)
        --format text|json    output (default text)
        --now INSTANT         the moment of evaluation (default: now), e.g. 2026-04-01T00:00:00Z
        --fee AMOUNT          monthly fee for credits in money, e.g. '995.00 DKK'
      """;

  /** A mistake in the input: the message for the user and the exit code. */
  static final class Refused extends RuntimeException {
    final int code;

    Refused(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private final List<Path> documents = new ArrayList<>();
  private final List<String> services = new ArrayList<>();
  private Path events;
  private LocalDate from;
  private LocalDate to;
  private String customer;
  private String contractId;
  private String format = "text";
  private Instant now = Instant.now();
  private Money fee;

  private SlaCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      SlaCommand c = new SlaCommand();
      c.parse(args);
      return c.execute(out, err);
    } catch (Refused e) {
      err.println("vakt sla: " + e.getMessage());
      if (e.code == 2) {
        err.print(USAGE);
      }
      return e.code;
    }
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new Refused(2, "help");
      }
      if (i + 1 >= args.length || !option.startsWith("--")) {
        throw new Refused(2, "'" + option + "' needs a value or is not an option");
      }
      String v = args[++i];
      switch (option) {
        case "--contract" -> documents.add(Path.of(v));
        case "--events" -> events = Path.of(v);
        case "--from" -> from = date(option, v);
        case "--to" -> to = date(option, v);
        case "--customer" -> customer = v;
        case "--contract-id" -> contractId = v;
        case "--service" -> services.add(v);
        case "--format" -> format = v;
        case "--now" -> now = instant(v);
        case "--fee" -> fee = money(v);
        default -> throw new Refused(2, "unknown option '" + option + "'");
      }
    }
    if (documents.isEmpty() || events == null || from == null || to == null) {
      throw new Refused(2, "--contract, --events, --from and --to are required");
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw new Refused(1, "--format '" + format + "' is neither text nor json");
    }
    if (!to.isAfter(from)) {
      throw new Refused(1, "--to (" + to + ") must be after --from (" + from + ")");
    }
  }

  private int execute(PrintStream out, PrintStream err) {
    Catalog catalog = Catalog.read(documents);
    SlaEvents.Result ledger = SlaEvents.read(events);
    List<Problem> problems = new ArrayList<>(catalog.problems());
    problems.addAll(ledger.problems());
    if (!problems.isEmpty()) {
      problems.forEach(err::println);
      err.println(problems.size() + " problem(s); no report");
      return 1;
    }
    String who = customer != null ? customer : onlyCustomer(catalog);
    // The terms in force on the period's last day (or today, while the period runs) apply; today
    // is the customer's local day at --now, as the server's coverage answers it (issue 18).
    CoverageIndex coverage = catalog.coverage();
    CustomerCoverage current = coverage.ofCustomer(who, now);
    LocalDate last = to.minusDays(1);
    LocalDate day = last.isAfter(current.localDate()) ? current.localDate() : last;
    // Noon of that day: inside it in any zone a contract's own terms may name beside the
    // provider's (terms versions change per day, so any instant of the day gives that day's).
    Instant at =
        day.equals(current.localDate())
            ? now
            : day.atTime(12, 0).atZone(current.zone()).toInstant();
    List<String> ids = services.isEmpty() ? servicesOf(catalog, who, ledger.events()) : services;
    SlaScope scope =
        SlaScope.choose(
            new TermsResolver(catalog.terms()), coverage, who, contractId, day, at, ids);
    ResolvedTerms terms = scope.terms();
    if (services.isEmpty()) {
      ids = scope.governed(ids);
    }
    SlaReport report;
    try {
      SlaRequest request =
          SlaRequest.ofDates(terms.terms(), ids, ledger.events(), from, to, now)
              .withMonthlyFee(fee)
              .withPublicHolidays()
              .withLabels(who, terms.contract());
      report = SlaCalculator.report(request);
    } catch (IllegalArgumentException e) {
      throw new Refused(1, e.getMessage());
    }
    if (format.equals("json")) {
      out.println(SlaJson.write(report));
    } else {
      out.print(SlaText.render(report));
    }
    return 0;
  }

  private static String onlyCustomer(Catalog catalog) {
    Set<String> customers = new LinkedHashSet<>();
    catalog.terms().stream()
        .filter(d -> d instanceof ContractDocument)
        .forEach(d -> customers.add(((ContractDocument) d).customer()));
    if (customers.size() != 1) {
      throw new Refused(
          1,
          customers.isEmpty()
              ? "the documents hold no contract"
              : "the documents hold contracts of several customers: name one with --customer ("
                  + String.join(", ", customers)
                  + ")");
    }
    return customers.iterator().next();
  }

  /** The customer's services from the inventory (those not switched off), else the ledger's. */
  private static List<String> servicesOf(Catalog catalog, String who, List<SlaEvent> events) {
    Set<String> servers = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (InventoryDocument inv : catalog.inventories()) {
      inv.servers().stream()
          .filter(s -> s.customer().equals(who))
          .map(Server::id)
          .forEach(servers::add);
    }
    for (InventoryDocument inv : catalog.inventories()) {
      inv.services().stream()
          .filter(s -> servers.contains(s.server()) && !Boolean.FALSE.equals(s.monitored()))
          .map(Service::id)
          .forEach(out::add);
    }
    if (!out.isEmpty()) {
      return out;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (SlaEvent e : events) {
      switch (e) {
        case SlaEvent.StateChange s -> seen.add(s.service());
        case SlaEvent.Report r -> seen.add(r.service());
        default -> {}
      }
    }
    if (seen.isEmpty()) {
      throw new Refused(1, "no services: name them with --service");
    }
    return List.copyOf(seen);
  }

  private static LocalDate date(String option, String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new Refused(1, option + " '" + v + "' is not a date (YYYY-MM-DD)");
    }
  }

  private static Instant instant(String v) {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new Refused(1, "--now '" + v + "' is not an instant (e.g. 2026-04-01T00:00:00Z)");
    }
  }

  private static Money money(String v) {
    try {
      return Money.parse(v);
    } catch (IllegalArgumentException e) {
      throw new Refused(1, "--fee " + e.getMessage());
    }
  }
}
