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

  /** One subject, with what its answers need close at hand (they are read at every answer). */
  private record Entry(
      String customer,
      String provider,
      ZoneId zone,
      Server server,
      Service service,
      Timeline at,
      Reason own,
      Reason unwatched) {

    Entry(
        String customer,
        String provider,
        ZoneId zone,
        Server server,
        Service service,
        Timeline at) {
      this(
          customer,
          provider,
          zone,
          server,
          service,
          at,
          Reason.whateverTheTerms(server, service),
          Reason.unwatched(server));
    }
  }

  private final long version;
  private final TermsResolver resolver;
  private final Map<String, String> providers;
  private final Map<String, Entry> servers;
  private final Map<String, Entry> services;
  private final List<Assignments.Finding> findings = new ArrayList<>();
  private final Map<String, ContractTerms> terms;
  private final Map<Timeline, Timeline> linkedTimelines = new java.util.IdentityHashMap<>();
  // Local midnights on which some customer's lines, contract versions or terms layers change.
  private final java.util.TreeSet<Instant> changes;

  private CoverageIndex(
      long version,
      TermsResolver resolver,
      Map<String, String> providers,
      CoverageIndex base,
      java.util.Set<String> replaced) {
    this.version = version;
    this.resolver = resolver;
    Map<String, String> p = new HashMap<>(base == null ? Map.of() : base.providers);
    p.putAll(providers);
    this.providers = p;
    this.servers = new HashMap<>();
    this.services = new HashMap<>();
    this.changes = new java.util.TreeSet<>();
    this.terms = new ConcurrentHashMap<>();
    if (base != null) {
      base.servers.forEach((id, e) -> keep(servers, id, e, replaced));
      base.services.forEach((id, e) -> keep(services, id, e, replaced));
      changes.addAll(base.changes);
      if (base.resolver == resolver) {
        terms.putAll(base.terms);
      }
    }
  }

  private static void keep(
      Map<String, Entry> into, String id, Entry e, java.util.Set<String> replaced) {
    if (!replaced.contains(e.customer())) {
      into.put(id, e);
    }
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
    CoverageIndex index =
        new CoverageIndex(version, resolver, inventory.providers(), null, java.util.Set.of());
    java.util.Set<String> customers = new java.util.HashSet<>(inventory.providers().keySet());
    inventory.servers().forEach(s -> customers.add(s.customer()));
    customers.addAll(resolver.customers());
    index.add(customers, inventory, checkFrom);
    return index;
  }

  /**
   * This index with the entries of {@code customers} built again from {@code inventory} (which
   * holds those customers' servers and services) under {@code resolver}; the other customers'
   * entries are kept as they are. The terms of unchanged contracts must be the same in {@code
   * resolver} as in this index's (an inventory change, or new versions of these customers'
   * contracts only).
   */
  public CoverageIndex with(
      long version,
      TermsResolver resolver,
      InventoryService.Snapshot inventory,
      java.util.Set<String> customers) {
    CoverageIndex index =
        new CoverageIndex(version, resolver, inventory.providers(), this, customers);
    index.add(customers, inventory, null);
    return index;
  }

  private void add(
      java.util.Set<String> customers, InventoryService.Snapshot inventory, LocalDate checkFrom) {
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
    Map<String, ZoneId> zones = new HashMap<>();
    for (String customer : customers) {
      List<Server> own = serversOf.getOrDefault(customer, List.of());
      List<Service> ownServices = servicesOf.getOrDefault(customer, List.of());
      List<ContractDocument> versions = resolver.contractVersions(customer);
      Assignments.Result r = Assignments.of(versions, own, ownServices, checkFrom);
      String provider = providers.get(customer);
      ZoneId zone = provider == null ? null : zones.computeIfAbsent(provider, this::fixedZone);
      for (Server s : own) {
        Timeline t = linked(r.servers().get(s.id()));
        servers.put(s.id(), new Entry(customer, provider, zone, s, null, t));
      }
      for (Service s : ownServices) {
        Timeline t = linked(r.services().get(s.id()));
        services.put(s.id(), new Entry(customer, provider, zone, serverById.get(s.server()), s, t));
      }
      findings.addAll(r.findings());
      java.util.Set<LocalDate> days = new java.util.TreeSet<>(r.days());
      versions.stream()
          .map(ContractDocument::id)
          .distinct()
          .forEach(id -> days.addAll(resolver.changeDays(id)));
      for (LocalDate day : days) {
        changes.add(day.atStartOfDay(providerZone(provider, day)).toInstant());
      }
    }
    linkedTimelines.clear(); // needed while building only
  }

  /** The linked form of {@code t}, made once per timeline that subjects share. */
  private Timeline linked(Timeline t) {
    if (t == null) {
      return Timeline.NONE; // a customer without any contract: no spans at all
    }
    return linkedTimelines.computeIfAbsent(
        t, x -> x.linked(id -> terms.computeIfAbsent(id, c -> new ContractTerms(c, resolver))));
  }

  /**
   * The provider's zone when every version of the provider sets the same one (the usual case: the
   * answer then needs no look-up per question), else null.
   */
  private ZoneId fixedZone(String provider) {
    java.util.Set<ZoneId> zones = resolver.providerZones(provider);
    return zones.size() == 1 ? zones.iterator().next() : null;
  }

  private ZoneId providerZone(String provider, LocalDate day) {
    return provider == null
        ? ZoneOffset.UTC
        : resolver.providerZone(provider, day).orElse(ZoneOffset.UTC);
  }

  /**
   * The first instant after {@code after} at which some answer of this index may change because a
   * day began on which lines, contract versions or terms take effect (the contract's local
   * midnight): engines that plan ahead plan again then.
   */
  public java.util.Optional<Instant> nextChangeAfter(Instant after) {
    return java.util.Optional.ofNullable(changes.higher(after));
  }

  /**
   * The inventory this index was built from, as it holds it: a change of terms alone is built again
   * from it, without reading the inventory.
   */
  public InventoryService.Snapshot inventory() {
    java.util.Set<Server> s = new java.util.LinkedHashSet<>();
    servers.values().forEach(e -> s.add(e.server()));
    List<Service> v = new ArrayList<>();
    services.values().forEach(e -> v.add(e.service()));
    return new InventoryService.Snapshot(providers, List.copyOf(s), v);
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
    String provider = e.provider();
    ZoneId zone = e.zone() != null ? e.zone() : providerZone(provider, at);
    LocalDate day = LocalDate.ofInstant(at, zone);
    int i = e.at().index(day.toEpochDay());
    Assignments.Slot slot = i < 0 ? Assignments.Slot.NO_CONTRACT : e.at().slots()[i];
    ResolvedTerms t = i < 0 ? null : e.at().termsAt(i, day);
    if (t != null && t.terms().timeZone() != null && !t.terms().timeZone().equals(zone)) {
      // The contract's layers set a zone of their own: its day is the one that counts.
      zone = t.terms().timeZone();
      day = LocalDate.ofInstant(at, zone);
      i = e.at().index(day.toEpochDay());
      slot = i < 0 ? Assignments.Slot.NO_CONTRACT : e.at().slots()[i];
      t = i < 0 ? null : e.at().termsAt(i, day);
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
    if (e.own() != null) {
      return e.own();
    }
    var m = t.terms().monitoring();
    return m != null && Boolean.TRUE.equals(m.customerInstalled())
        ? Reason.CUSTOMER_INSTALLED_WATCHED
        : e.unwatched();
  }
}
