package dev.vakt.contract;

import dev.vakt.access.Tenancy;
import dev.vakt.audit.AuditLog;
import dev.vakt.common.Binder;
import dev.vakt.common.DocumentReader;
import dev.vakt.common.ImportRejected;
import dev.vakt.common.Paging;
import dev.vakt.common.Problem;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract module's API: stores versions of terms documents and answers which terms applied to
 * whom on which day (K-1, K-2, K-3).
 *
 * <p>History is never rewritten: a stored version cannot change, and a new version of a stored
 * document must take effect after the versions already stored and not before today, in the
 * provider's time zone.
 */
@Service
public class ContractService {

  private final TermsStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Tenancy tenancy;
  private final org.springframework.context.ApplicationEventPublisher events;

  /**
   * The resolver over all stored documents, rebuilt only when the row count changes. The table is
   * append-only, so its row count is an exact version number, and other Vakt instances' imports are
   * seen too.
   */
  private volatile Cached cache;

  private record Cached(long rows, TermsResolver resolver) {}

  ContractService(
      TermsStore store,
      AuditLog audit,
      Clock clock,
      Tenancy tenancy,
      org.springframework.context.ApplicationEventPublisher events) {
    this.tenancy = tenancy;
    this.events = events;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** What an import did. */
  public record StoreResult(List<String> stored, List<String> unchanged) {}

  /**
   * Stores the terms documents among {@code documents}, all or nothing.
   *
   * @throws ImportRejected when any document would change or back-date stored history
   */
  @Transactional
  public StoreResult store(Collection<DocumentReader.Located> documents, String actor) {
    // What is stored before this import, read before it inserts anything (the count would
    // include this transaction's rows after).
    TermsResolver known = resolver();
    long knownRows = cache.rows();
    Map<String, List<StoredDocument>> before = new HashMap<>();
    for (StoredDocument s : store.list()) {
      before.computeIfAbsent(s.kind() + "/" + s.id(), k -> new ArrayList<>()).add(s);
    }
    Map<String, ZoneId> zones = providerZones(documents);
    List<String> stored = new ArrayList<>();
    List<TermsDocument> added = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (DocumentReader.Located l : documents) {
      if (!(l.value() instanceof TermsDocument d)) {
        continue;
      }
      String body = Binder.MAPPER.writeValueAsString(l.source().tree());
      Optional<Boolean> same = store.sameAsStored(d.kind(), d.id(), d.version(), body);
      if (same.isPresent()) {
        if (same.get()) {
          unchanged.add(d.label());
        } else {
          problems.add(
              l.problem(
                  "/version",
                  d.label()
                      + " is already stored with different content: stored terms are never"
                      + " changed; publish the change as a new version with the date it takes effect"));
        }
        continue;
      }
      Problem history =
          rewritesHistory(l, d, before.getOrDefault(d.kind() + "/" + d.id(), List.of()), zones);
      if (history != null) {
        problems.add(history);
        continue;
      }
      store.insert(
          d,
          providerOf(d),
          customerOf(d),
          body,
          Hashes.sha256(l.source().tree()),
          l.source().file(),
          clock.instant(),
          actor);
      audit.record(actor, "import", d.kind(), d.id(), customerOf(d), null, l.source().tree());
      stored.add(d.label());
      added.add(d);
    }
    if (!problems.isEmpty()) {
      throw new ImportRejected(problems);
    }
    if (!stored.isEmpty()) {
      TermsResolver after = known.with(added);
      java.util.Set<String> concerned = new java.util.TreeSet<>();
      added.forEach(d -> concerned.addAll(after.customersConcerned(d)));
      // Once committed, the cache is the one it was plus what this import added: no stored
      // document is bound again (a full reload happens only when another instance stored some).
      org.springframework.transaction.support.TransactionSynchronizationManager
          .registerSynchronization(
              new org.springframework.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCommit() {
                  Cached c = cache;
                  if (c != null && c.rows() == knownRows && c.resolver() == known) {
                    cache = new Cached(knownRows + added.size(), after);
                  }
                }
              });
      // Stored with this transaction: listeners (coverage, then monitoring) run after the commit.
      events.publishEvent(new TermsStored(stored, concerned, clock.instant()));
    }
    return new StoreResult(stored, unchanged);
  }

  private Problem rewritesHistory(
      DocumentReader.Located l,
      TermsDocument d,
      List<StoredDocument> stored,
      Map<String, ZoneId> zones) {
    if (stored.isEmpty()) {
      return null;
    }
    StoredDocument latest =
        stored.stream()
            .max(java.util.Comparator.comparingInt(StoredDocument::version))
            .orElseThrow();
    if (d.version() < latest.version()) {
      return l.problem(
          "/version",
          d.label() + " is older than the stored v" + latest.version() + " and was never stored");
    }
    if (!d.effectiveFrom().isAfter(latest.effectiveFrom())) {
      return l.problem(
          "/effectiveFrom",
          "must be after "
              + latest.effectiveFrom()
              + ", when the stored v"
              + latest.version()
              + " took effect");
    }
    ZoneId zone = zones.getOrDefault(providerOf(d), ZoneOffset.UTC);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (d.effectiveFrom().isBefore(today)) {
      return l.problem(
          "/effectiveFrom",
          d.effectiveFrom()
              + " is in the past (today is "
              + today
              + " in "
              + zone
              + "): a change of terms"
              + " applies from a date not yet passed, so figures already computed never change");
    }
    return null;
  }

  /** A page of every stored version, by kind, id and version (ADR 0014). */
  public Paging.Page<StoredDocument> documents(Paging.PageRequest page) {
    return store.page(page);
  }

  /** The document as it was imported. */
  public Optional<JsonNode> body(String kind, String id, int version) {
    return store.body(kind, id, version).map(Binder.MAPPER::readTree);
  }

  /** Every stored document body, providers first, for export. */
  public List<JsonNode> bodies() {
    return store.all().stream().map(r -> Binder.MAPPER.readTree(r.body())).toList();
  }

  /** The terms of each contract of {@code customer} that ran on {@code day}. */
  public List<ResolvedTerms> termsFor(String customer, LocalDate day) {
    tenancy.requireCustomer(customer);
    return resolver().forCustomer(customer, day);
  }

  /** The terms of one contract on {@code day}. */
  public Optional<ResolvedTerms> termsOfContract(String contract, LocalDate day) {
    return resolver().resolve(contract, day);
  }

  /**
   * Every stored document as one resolver, as of now: the coverage module's source. The resolver is
   * immutable; a later import gives a new one.
   */
  public TermsResolver snapshot() {
    return resolver();
  }

  private TermsResolver resolver() {
    long rows = store.count();
    Cached c = cache;
    if (c == null || c.rows() != rows) {
      c = new Cached(rows, loadResolver());
      cache = c;
    }
    return c.resolver();
  }

  private TermsResolver loadResolver() {
    List<TermsDocument> docs = new ArrayList<>();
    for (TermsStore.Row row : store.all()) {
      docs.add(bindStored(row));
    }
    return new TermsResolver(docs);
  }

  private static TermsDocument bindStored(TermsStore.Row row) {
    ObjectNode tree = (ObjectNode) Binder.MAPPER.readTree(row.body());
    tree.remove("apiVersion");
    tree.remove("kind");
    Class<?> type =
        ContractDocuments.KINDS.stream()
            .filter(k -> k.name().equals(row.meta().kind()))
            .findFirst()
            .orElseThrow()
            .type();
    String label =
        "stored " + row.meta().kind() + " " + row.meta().id() + " v" + row.meta().version();
    return switch (Binder.bind(label, tree, type)) {
      case Binder.Result.Ok<?> ok -> (TermsDocument) ok.value();
      case Binder.Result.Failed<?> f ->
          throw new IllegalStateException("stored document no longer reads: " + f.problem());
    };
  }

  private Map<String, ZoneId> providerZones(Collection<DocumentReader.Located> incoming) {
    Map<String, ZoneId> zones = new HashMap<>();
    for (TermsStore.Row row : store.providers()) {
      if (bindStored(row) instanceof ProviderDocument p && p.terms().timeZone() != null) {
        zones.put(p.id(), p.terms().timeZone());
      }
    }
    for (DocumentReader.Located l : incoming) {
      if (l.value() instanceof ProviderDocument p && p.terms().timeZone() != null) {
        zones.putIfAbsent(p.id(), p.terms().timeZone());
      }
    }
    return zones;
  }

  private static String providerOf(TermsDocument d) {
    return switch (d) {
      case ProviderDocument p -> p.id();
      case ProductDocument p -> p.provider();
      case ContractDocument c -> c.provider();
      case SpecialAgreementDocument s -> null;
    };
  }

  private static String customerOf(TermsDocument d) {
    return d instanceof ContractDocument c ? c.customer() : null;
  }
}
