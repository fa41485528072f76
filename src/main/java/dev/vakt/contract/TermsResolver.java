package dev.vakt.contract;

import dev.vakt.common.Binder;
import dev.vakt.common.Problem;
import dev.vakt.common.YamlSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers which terms applied to a contract on a day: the versions in effect that day of the
 * provider, product, add-ons, contract and special agreements, merged in that order (K-1, K-2).
 *
 * <p>Plain Java: it reads documents, not a database, so {@code vakt validate}, the server and
 * anyone holding the documents get the same answer.
 */
public final class TermsResolver {

  private final Map<String, List<TermsDocument>> versions = new LinkedHashMap<>();
  // Indexes, so one customer's or one contract's question does not scan every document.
  private final Map<String, java.util.Set<String>> contractsByCustomer = new java.util.HashMap<>();
  private final Map<String, java.util.Set<String>> agreementsByContract = new java.util.HashMap<>();
  // Each layer's terms as a tree, made once: shared layers (provider, products) recur in every
  // merge.
  // Keyed by identity: a record's hashCode would walk its whole terms on every look-up.
  private final Map<TermsDocument, JsonNode> trees = new java.util.IdentityHashMap<>();

  public TermsResolver(Collection<? extends TermsDocument> documents) {
    add(documents);
  }

  private TermsResolver() {}

  /**
   * A resolver over this one's documents and {@code added}: what an import adds to the stored
   * documents, without binding every stored document again. This resolver does not change.
   */
  public TermsResolver with(Collection<? extends TermsDocument> added) {
    TermsResolver r = new TermsResolver();
    versions.forEach((k, v) -> r.versions.put(k, new ArrayList<>(v)));
    contractsByCustomer.forEach((k, v) -> r.contractsByCustomer.put(k, new java.util.TreeSet<>(v)));
    agreementsByContract.forEach(
        (k, v) -> r.agreementsByContract.put(k, new java.util.TreeSet<>(v)));
    r.trees.putAll(trees);
    r.add(added);
    return r;
  }

  private void add(Collection<? extends TermsDocument> documents) {
    java.util.Set<String> touched = new java.util.HashSet<>();
    for (TermsDocument d : documents) {
      touched.add(key(d.kind(), d.id()));
      versions.computeIfAbsent(key(d.kind(), d.id()), k -> new ArrayList<>()).add(d);
      trees.put(d, Binder.MAPPER.valueToTree(d.terms()));
      switch (d) {
        case ContractDocument c ->
            contractsByCustomer
                .computeIfAbsent(c.customer(), k -> new java.util.TreeSet<>())
                .add(c.id());
        case SpecialAgreementDocument a ->
            agreementsByContract
                .computeIfAbsent(a.contract(), k -> new java.util.TreeSet<>())
                .add(a.id());
        default -> {}
      }
    }
    for (String k : touched) {
      versions.get(k).sort(Comparator.comparing(TermsDocument::effectiveFrom));
    }
  }

  /**
   * The customers whose terms {@code document} can change: a contract's or special agreement's
   * customer, the customers whose contracts name a product (main or add-on), every customer of a
   * provider's contracts.
   */
  public java.util.Set<String> customersConcerned(TermsDocument document) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    switch (document) {
      case ContractDocument c -> out.add(c.customer());
      case SpecialAgreementDocument a ->
          versions.getOrDefault(key("Contract", a.contract()), List.of()).stream()
              .map(d -> ((ContractDocument) d).customer())
              .forEach(out::add);
      case ProductDocument p -> {
        for (String customer : contractsByCustomer.keySet()) {
          for (ContractDocument c : contractVersions(customer)) {
            if (c.product().equals(p.id())
                || c.addOns().contains(p.id())
                || c.lines().stream().anyMatch(l -> p.id().equals(l.product()))) {
              out.add(customer);
            }
          }
        }
      }
      case ProviderDocument p -> {
        for (String customer : contractsByCustomer.keySet()) {
          if (contractVersions(customer).stream().anyMatch(c -> c.provider().equals(p.id()))) {
            out.add(customer);
          }
        }
      }
    }
    return out;
  }

  /** The contract versions known, newest version in effect on {@code day} first per contract. */
  public List<ContractDocument> contractsOf(String customer, LocalDate day) {
    List<ContractDocument> out = new ArrayList<>();
    for (String id : contractsByCustomer.getOrDefault(customer, java.util.Set.of())) {
      find("Contract", id, day)
          .map(ContractDocument.class::cast)
          .filter(c -> c.customer().equals(customer) && c.runsOn(day))
          .ifPresent(out::add);
    }
    return out;
  }

  /** Every version of every contract of {@code customer}, by contract id, oldest version first. */
  public List<ContractDocument> contractVersions(String customer) {
    List<ContractDocument> out = new ArrayList<>();
    for (String id : contractsByCustomer.getOrDefault(customer, java.util.Set.of())) {
      for (TermsDocument d : versions.getOrDefault(key("Contract", id), List.of())) {
        ContractDocument c = (ContractDocument) d;
        if (c.customer().equals(customer)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** The customers that have a contract. */
  public java.util.Set<String> customers() {
    return java.util.Collections.unmodifiableSet(contractsByCustomer.keySet());
  }

  /**
   * Every day on which {@link #resolve} of {@code contractId} may answer differently from the day
   * before: a version of the contract, of its provider, products or special agreements takes
   * effect, or the contract starts or ends. Between two such days the answer is the same, so a
   * caller may keep one answer per span (issue 18: coverage answers in well under a microsecond).
   */
  public java.util.NavigableSet<LocalDate> changeDays(String contractId) {
    java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
    java.util.Set<String> layers = new java.util.LinkedHashSet<>();
    for (TermsDocument d : versions.getOrDefault(key("Contract", contractId), List.of())) {
      ContractDocument c = (ContractDocument) d;
      days.add(c.effectiveFrom());
      days.add(c.start());
      if (c.end() != null) {
        days.add(c.end().plusDays(1));
      }
      layers.add(key("Provider", c.provider()));
      layers.add(key("Product", c.product()));
      c.addOns().forEach(a -> layers.add(key("Product", a)));
    }
    for (String id : agreementsByContract.getOrDefault(contractId, java.util.Set.of())) {
      layers.add(key("SpecialAgreement", id));
    }
    for (String layer : layers) {
      for (TermsDocument d : versions.getOrDefault(layer, List.of())) {
        days.add(d.effectiveFrom());
        if (d instanceof SpecialAgreementDocument s && s.until() != null) {
          days.add(s.until().plusDays(1));
        }
      }
    }
    return days;
  }

  /**
   * The version of contract {@code contractId} in effect on {@code day}, whether it runs or not.
   */
  public Optional<ContractDocument> contractVersion(String contractId, LocalDate day) {
    return find("Contract", contractId, day).map(ContractDocument.class::cast);
  }

  /** The time zones the versions of {@code provider} set (UTC for a version that sets none). */
  public java.util.Set<java.time.ZoneId> providerZones(String provider) {
    java.util.Set<java.time.ZoneId> zones = new java.util.HashSet<>();
    for (TermsDocument d : versions.getOrDefault(key("Provider", provider), List.of())) {
      java.time.ZoneId z = ((ProviderDocument) d).terms().timeZone();
      zones.add(z == null ? java.time.ZoneOffset.UTC : z);
    }
    return zones;
  }

  /** The time zone the provider's version in effect on {@code day} sets, if any. */
  public Optional<java.time.ZoneId> providerZone(String provider, LocalDate day) {
    return find("Provider", provider, day)
        .map(ProviderDocument.class::cast)
        .map(p -> p.terms().timeZone());
  }

  /** The terms of every contract of {@code customer} that runs on {@code day}. */
  public List<ResolvedTerms> forCustomer(String customer, LocalDate day) {
    List<ResolvedTerms> out = new ArrayList<>();
    for (ContractDocument c : contractsOf(customer, day)) {
      out.add(resolve(c.id(), day).orElseThrow());
    }
    return out;
  }

  /**
   * The terms of {@code contractId} on {@code day}, or empty when no version of the contract is in
   * effect or the contract does not run that day.
   *
   * @throws UnresolvableTerms when the layers merge into terms that are not valid
   */
  public Optional<ResolvedTerms> resolve(String contractId, LocalDate day) {
    Optional<ContractDocument> found =
        find("Contract", contractId, day)
            .map(ContractDocument.class::cast)
            .filter(c -> c.runsOn(day));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ContractDocument contract = found.get();
    List<TermsDocument> stack = new ArrayList<>();
    find("Provider", contract.provider(), day).ifPresent(stack::add);
    find("Product", contract.product(), day).ifPresent(stack::add);
    for (String addOn : contract.addOns()) {
      find("Product", addOn, day).ifPresent(stack::add);
    }
    stack.add(contract);
    agreementsByContract.getOrDefault(contractId, java.util.Set.of()).stream()
        .map(id -> find("SpecialAgreement", id, day))
        .flatMap(Optional::stream)
        .map(SpecialAgreementDocument.class::cast)
        .filter(s -> s.contract().equals(contractId) && s.appliesOn(day))
        .sorted(
            Comparator.comparing(SpecialAgreementDocument::effectiveFrom)
                .thenComparing(SpecialAgreementDocument::id))
        .forEach(stack::add);
    return Optional.of(merge(contract, day, stack));
  }

  private ResolvedTerms merge(ContractDocument contract, LocalDate day, List<TermsDocument> stack) {
    ObjectNode merged = Binder.MAPPER.createObjectNode();
    Map<String, String> sources = new TreeMap<>();
    List<ResolvedTerms.Layer> layers = new ArrayList<>();
    for (TermsDocument d : stack) {
      JsonNode tree = trees.get(d);
      TermsMerge.merge(merged, tree, "", d.label(), sources);
      layers.add(new ResolvedTerms.Layer(d.kind(), d.id(), d.version(), d.effectiveFrom()));
    }
    String label = "terms of contract " + contract.id() + " on " + day;
    YamlSource.Document synthetic = new YamlSource.Document(label, 0, merged, Map.of());
    Terms terms =
        switch (Binder.bind(synthetic, "", merged, Terms.class)) {
          case Binder.Result.Ok<Terms> ok -> ok.value();
          case Binder.Result.Failed<Terms> failed ->
              throw new UnresolvableTerms(failed.problem(), sources);
        };
    return new ResolvedTerms(
        contract.id(),
        contract.customer(),
        contract.provider(),
        day,
        List.copyOf(layers),
        terms,
        Map.copyOf(sources));
  }

  private Optional<TermsDocument> find(String kind, String id, LocalDate day) {
    List<TermsDocument> list = versions.get(key(kind, id));
    return list == null ? Optional.empty() : inEffect(list, day);
  }

  private static Optional<TermsDocument> inEffect(List<TermsDocument> sorted, LocalDate day) {
    TermsDocument found = null;
    for (TermsDocument d : sorted) {
      if (!d.effectiveFrom().isAfter(day)) {
        found = d;
      }
    }
    return Optional.ofNullable(found);
  }

  private static String key(String kind, String id) {
    return kind + "/" + id;
  }

  /** The layers of a contract merge into terms that are not valid together. */
  public static final class UnresolvableTerms extends RuntimeException {
    private final transient Problem problem;
    private final Map<String, String> sources;

    UnresolvableTerms(Problem problem, Map<String, String> sources) {
      super(problem.toString());
      this.problem = problem;
      this.sources = Map.copyOf(sources);
    }

    public Problem problem() {
      return problem;
    }

    /** Which layer set the offending field, if one did. */
    public Optional<String> setBy() {
      String p = problem.field();
      while (!p.isEmpty()) {
        if (sources.containsKey(p)) {
          return Optional.of(sources.get(p));
        }
        p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
      }
      return Optional.empty();
    }
  }
}
