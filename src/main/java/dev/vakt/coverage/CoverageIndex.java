package dev.vakt.coverage;

import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.TermsResolver;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coverage read model (plain Java): built from the stored terms and the inventory, it answers
 * {@link #at} from memory. Immutable apart from caches; a change of terms or inventory builds a new
 * index with a higher {@link #version()}.
 */
public final class CoverageIndex {

  private record Entry(String customer, Server server, Service service, Assignments.Timeline at) {}

  private final long version;
  private final TermsResolver resolver;
  private final Map<String, String> providers;
  private final Map<String, Entry> servers = new HashMap<>();
  private final Map<String, Entry> services = new HashMap<>();
  private final List<Assignments.Finding> findings = new ArrayList<>();
  private final Map<String, ContractTerms> terms = new ConcurrentHashMap<>();
  // Local midnights on which some customer's lines, contract versions or terms layers change.
  private final java.util.TreeSet<Instant> changes = new java.util.TreeSet<>();

  private CoverageIndex(long version, TermsResolver resolver, Map<String, String> providers) {
    this.version = version;
    this.resolver = resolver;
    this.providers = Map.copyOf(providers);
  }

  /** Builds the index of {@code inventory} under the documents {@code resolver} holds. */
  public static CoverageIndex build(
      long version, TermsResolver resolver, InventoryService.Snapshot inventory) {
    return build(version, resolver, inventory, null);
  }

  /**
   * Builds the index and, from {@code checkFrom} on, looks for servers no line covers while a
   * customer has several contracts (validation; see {@link Assignments#of}).
   */
  static CoverageIndex build(
      long version,
      TermsResolver resolver,
      InventoryService.Snapshot inventory,
      LocalDate checkFrom) {
    CoverageIndex index = new CoverageIndex(version, resolver, inventory.providers());
    Map<String, List<Server>> serversOf = new HashMap<>();
    Map<String, Server> serverById = new HashMap<>();
    for (Server s : inventory.servers()) {
      serversOf.computeIfAbsent(s.customer(), k -> new ArrayList<>()).add(s);
      serverById.put(s.id(), s);
    }
    Map<String, List<Service>> servicesOf = new HashMap<>();
    for (Service s : inventory.services()) {
      Server server = serverById.get(s.server());
      if (server != null) {
        servicesOf.computeIfAbsent(server.customer(), k -> new ArrayList<>()).add(s);
      }
    }
    java.util.Set<String> customers = new java.util.HashSet<>(serversOf.keySet());
    customers.addAll(resolver.customers());
    for (String customer : customers) {
      List<Server> own = serversOf.getOrDefault(customer, List.of());
      List<Service> ownServices = servicesOf.getOrDefault(customer, List.of());
      Assignments.Result r =
          Assignments.of(resolver.contractVersions(customer), own, ownServices, checkFrom);
      for (Server s : own) {
        index.servers.put(s.id(), new Entry(customer, s, null, r.servers().get(s.id())));
      }
      for (Service s : ownServices) {
        index.services.put(
            s.id(), new Entry(customer, serverById.get(s.server()), s, r.services().get(s.id())));
      }
      index.findings.addAll(r.findings());
      String provider = inventory.providers().get(customer);
      java.util.Set<LocalDate> days = new java.util.TreeSet<>(r.days());
      resolver.contractVersions(customer).stream()
          .map(ContractDocument::id)
          .distinct()
          .forEach(id -> days.addAll(resolver.changeDays(id)));
      for (LocalDate day : days) {
        ZoneId zone =
            provider == null
                ? ZoneOffset.UTC
                : resolver.providerZone(provider, day).orElse(ZoneOffset.UTC);
        index.changes.add(day.atStartOfDay(zone).toInstant());
      }
    }
    return index;
  }

  /**
   * The first instant after {@code after} at which some answer of this index may change because a
   * day began on which lines, contract versions or terms take effect (the contract's local
   * midnight): engines that plan ahead plan again then.
   */
  public java.util.Optional<Instant> nextChangeAfter(Instant after) {
    return java.util.Optional.ofNullable(changes.higher(after));
  }

  /** The version of this index: higher for a later build. */
  public long version() {
    return version;
  }

  /** What the rules of lines found wrong while building (for validation). */
  List<Assignments.Finding> findings() {
    return List.copyOf(findings);
  }

  /** The coverage of {@code subject} at {@code at} (issue 18). */
  public Coverage at(Subject subject, Instant at) {
    Entry e =
        switch (subject) {
          case Subject.Service s -> services.get(s.id());
          case Subject.Server s -> servers.get(s.id());
        };
    if (e == null) {
      return new Coverage(
          subject,
          null,
          null,
          null,
          null,
          null,
          ZoneOffset.UTC,
          LocalDate.ofInstant(at, ZoneOffset.UTC),
          Reason.UNKNOWN,
          version);
    }
    String provider = providers.get(e.customer());
    ZoneId zone = providerZone(provider, at);
    LocalDate day = LocalDate.ofInstant(at, zone);
    Assignments.Slot slot = e.at().at(day.toEpochDay());
    ResolvedTerms t = slot.contract() == null ? null : termsOf(slot.contract().id(), day);
    if (t != null && t.terms().timeZone() != null && !t.terms().timeZone().equals(zone)) {
      // The contract's layers set a zone of their own: its day is the one that counts.
      zone = t.terms().timeZone();
      day = LocalDate.ofInstant(at, zone);
      slot = e.at().at(day.toEpochDay());
      t = slot.contract() == null ? null : termsOf(slot.contract().id(), day);
    }
    return new Coverage(
        subject,
        e.customer(),
        provider,
        slot.contract(),
        slot.line(),
        t,
        zone,
        day,
        reason(e, slot, t),
        version);
  }

  /**
   * A customer's contracts that run at {@code at}, with their terms, in the zone of its provider:
   * for questions about the customer as a whole (reports, notices, on-call), not one service.
   */
  public CustomerCoverage ofCustomer(String customer, Instant at) {
    String provider = providers.get(customer);
    ZoneId zone = providerZone(provider, at);
    LocalDate day = LocalDate.ofInstant(at, zone);
    List<ResolvedTerms> running = new ArrayList<>();
    for (ContractDocument c : resolver.contractsOf(customer, day)) {
      ResolvedTerms t = termsOf(c.id(), day);
      if (t != null) {
        running.add(t);
      }
    }
    return new CustomerCoverage(customer, provider, zone, day, List.copyOf(running), version);
  }

  private ResolvedTerms termsOf(String contract, LocalDate day) {
    return terms.computeIfAbsent(contract, c -> new ContractTerms(c, resolver)).on(day);
  }

  private ZoneId providerZone(String provider, Instant at) {
    if (provider == null) {
      return ZoneOffset.UTC;
    }
    return resolver
        .providerZone(provider, LocalDate.ofInstant(at, ZoneOffset.UTC))
        .orElse(ZoneOffset.UTC);
  }

  private static Reason reason(Entry e, Assignments.Slot slot, ResolvedTerms t) {
    switch (slot.status()) {
      case NO_CONTRACT:
        return Reason.NO_CONTRACT;
      case UNASSIGNED:
        return Reason.NOT_ASSIGNED;
      default:
        break;
    }
    if (t == null) {
      return Reason.NO_CONTRACT;
    }
    Service s = e.service();
    if (s == null) {
      return Reason.SERVER_COVERED;
    }
    if (Boolean.FALSE.equals(s.monitored())) {
      return Reason.SWITCHED_OFF;
    }
    if (Boolean.TRUE.equals(s.monitored())) {
      return Reason.WATCHED_BY_INVENTORY;
    }
    if (s.installedBy() == Service.InstalledBy.CUSTOMER) {
      var m = t.terms().monitoring();
      if (m != null && Boolean.TRUE.equals(m.customerInstalled())) {
        return Reason.CUSTOMER_INSTALLED_WATCHED;
      }
      return e.server() != null && e.server().kind() == Server.Kind.COLOCATION
          ? Reason.COLOCATION
          : Reason.CUSTOMER_INSTALLED;
    }
    return Reason.PROVIDER_INSTALLED;
  }
}
