package dev.vakt.contract;

import dev.vakt.common.DocumentReader;
import dev.vakt.common.DocumentReader.Located;
import dev.vakt.common.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The contract module's kinds of document, and the checks that need more than one document: unique
 * versions, references between layers, and whether each contract's layers merge into valid terms on
 * every day one of them changes.
 */
public final class ContractDocuments {

  /** The kinds this module reads. */
  public static final List<DocumentReader.Kind> KINDS =
      List.of(
          new DocumentReader.Kind("Provider", ProviderDocument.class),
          new DocumentReader.Kind("Product", ProductDocument.class),
          new DocumentReader.Kind("Contract", ContractDocument.class),
          new DocumentReader.Kind("SpecialAgreement", SpecialAgreementDocument.class));

  private ContractDocuments() {}

  /** Checks the terms documents among {@code documents} as one set. */
  public static List<Problem> check(Collection<Located> documents) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Located> byVersion = new HashMap<>();
    Map<String, Located> byDate = new HashMap<>();
    Map<String, TermsDocument> latest = new HashMap<>();
    List<TermsDocument> all = new ArrayList<>();
    for (Located l : documents) {
      if (!(l.value() instanceof TermsDocument d)) {
        continue;
      }
      String key = d.kind() + "/" + d.id();
      Located other = byVersion.putIfAbsent(key + "@" + d.version(), l);
      if (other != null) {
        problems.add(
            l.problem("/version", d.label() + " is defined twice (also in " + where(other) + ")"));
        continue;
      }
      Located sameDay = byDate.putIfAbsent(key + "@" + d.effectiveFrom(), l);
      if (sameDay != null) {
        problems.add(
            l.problem(
                "/effectiveFrom",
                "two versions of "
                    + d.kind()
                    + " "
                    + d.id()
                    + " take effect on "
                    + d.effectiveFrom()
                    + " (also "
                    + where(sameDay)
                    + ")"));
        continue;
      }
      all.add(d);
      latest.merge(key, d, (a, b) -> a.version() > b.version() ? a : b);
    }
    problems.addAll(orderOfVersions(documents));
    problems.addAll(references(documents, latest));
    if (problems.isEmpty()) {
      problems.addAll(resolvable(documents, all));
    }
    return problems;
  }

  private static List<Problem> orderOfVersions(Collection<Located> documents) {
    Map<String, List<Located>> byId = new HashMap<>();
    for (Located l : documents) {
      if (l.value() instanceof TermsDocument d) {
        byId.computeIfAbsent(d.kind() + "/" + d.id(), k -> new ArrayList<>()).add(l);
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (List<Located> list : byId.values()) {
      for (Located a : list) {
        for (Located b : list) {
          TermsDocument x = (TermsDocument) a.value();
          TermsDocument y = (TermsDocument) b.value();
          // Equal dates are reported once, by the same-date check in check().
          if (x.version() < y.version() && x.effectiveFrom().isAfter(y.effectiveFrom())) {
            problems.add(
                b.problem(
                    "/effectiveFrom",
                    y.label()
                        + " takes effect on "
                        + y.effectiveFrom()
                        + ", not after v"
                        + x.version()
                        + " ("
                        + x.effectiveFrom()
                        + "): a later version must take effect later"));
          }
        }
      }
    }
    return problems;
  }

  private static List<Problem> references(
      Collection<Located> documents, Map<String, TermsDocument> latest) {
    List<Problem> problems = new ArrayList<>();
    for (Located l : documents) {
      switch (l.value()) {
        case ProductDocument p -> need(problems, l, latest, "Provider", p.provider(), "/provider");
        case ContractDocument c -> {
          need(problems, l, latest, "Provider", c.provider(), "/provider");
          need(problems, l, latest, "Product", c.product(), "/product");
          for (int i = 0; i < c.addOns().size(); i++) {
            need(problems, l, latest, "Product", c.addOns().get(i), "/addOns/" + i);
          }
          sameProvider(problems, l, latest, c);
          for (int i = 0; i < c.lines().size(); i++) {
            String product = c.lines().get(i).product();
            if (product == null) {
              continue;
            }
            String field = "/lines/" + i + "/product";
            need(problems, l, latest, "Product", product, field);
            if (latest.get("Product/" + product) instanceof ProductDocument p
                && !p.provider().equals(c.provider())) {
              problems.add(
                  l.problem(
                      field,
                      "product "
                          + p.id()
                          + " is sold by "
                          + p.provider()
                          + ", not by "
                          + c.provider()));
            }
          }
        }
        case SpecialAgreementDocument s ->
            need(problems, l, latest, "Contract", s.contract(), "/contract");
        default -> {}
      }
    }
    return problems;
  }

  private static void sameProvider(
      List<Problem> problems, Located l, Map<String, TermsDocument> latest, ContractDocument c) {
    List<String> products = new ArrayList<>(c.addOns());
    products.addFirst(c.product());
    for (int i = 0; i < products.size(); i++) {
      if (latest.get("Product/" + products.get(i)) instanceof ProductDocument p
          && !p.provider().equals(c.provider())) {
        problems.add(
            l.problem(
                i == 0 ? "/product" : "/addOns/" + (i - 1),
                "product " + p.id() + " is sold by " + p.provider() + ", not by " + c.provider()));
      }
    }
  }

  private static void need(
      List<Problem> problems,
      Located l,
      Map<String, TermsDocument> latest,
      String kind,
      String id,
      String field) {
    if (!latest.containsKey(kind + "/" + id)) {
      problems.add(
          l.problem(
              field, kind.toLowerCase() + " '" + id + "' is not defined in the documents given"));
    }
  }

  /** Every contract must resolve to valid, complete terms on each day one of its layers changes. */
  private static List<Problem> resolvable(Collection<Located> documents, List<TermsDocument> all) {
    TermsResolver resolver = new TermsResolver(all);
    Map<String, TreeSet<LocalDate>> changes = new HashMap<>();
    for (TermsDocument d : all) {
      TreeSet<LocalDate> days =
          changes.computeIfAbsent(d.kind() + "/" + d.id(), k -> new TreeSet<>());
      days.add(d.effectiveFrom());
      if (d instanceof SpecialAgreementDocument s && s.until() != null) {
        days.add(s.until().plusDays(1));
      }
    }
    Map<String, List<String>> agreements = new HashMap<>();
    for (TermsDocument d : all) {
      if (d instanceof SpecialAgreementDocument s) {
        agreements
            .computeIfAbsent(s.contract(), k -> new ArrayList<>())
            .add("SpecialAgreement/" + s.id());
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (Located l : documents) {
      if (!(l.value() instanceof ContractDocument c)) {
        continue;
      }
      // Only the days on which one of this contract's own layers changes: checking every day any
      // document changes would make validation quadratic in the number of contracts.
      LocalDate first = c.effectiveFrom().isBefore(c.start()) ? c.start() : c.effectiveFrom();
      TreeSet<LocalDate> days = new TreeSet<>();
      days.add(first);
      List<String> layers =
          new ArrayList<>(
              List.of("Provider/" + c.provider(), "Product/" + c.product(), "Contract/" + c.id()));
      c.addOns().forEach(a -> layers.add("Product/" + a));
      layers.addAll(agreements.getOrDefault(c.id(), List.of()));
      for (String layer : layers) {
        days.addAll(changes.getOrDefault(layer, new TreeSet<>()).tailSet(first, false));
      }
      for (LocalDate day : days) {
        try {
          resolver.resolve(c.id(), day).ifPresent(r -> complete(problems, l, r));
        } catch (TermsResolver.UnresolvableTerms e) {
          problems.add(
              l.problem(
                  "/terms" + e.problem().field(),
                  "on "
                      + day
                      + " the layers merge into invalid terms: "
                      + e.problem().reason()
                      + e.setBy().map(s -> " (set by " + s + ")").orElse("")));
        }
        if (!problems.isEmpty()) {
          break;
        }
      }
    }
    return problems;
  }

  private static void complete(List<Problem> problems, Located l, ResolvedTerms r) {
    Terms t = r.terms();
    String missing =
        t.timeZone() == null
            ? "timeZone"
            : t.currency() == null ? "currency" : t.language() == null ? "language" : null;
    if (missing != null) {
      problems.add(
          l.problem(
              "/terms/" + missing,
              "no layer sets " + missing + " for " + r.day() + "; set it in the provider's terms"));
    }
  }

  private static String where(Located l) {
    return l.source().file() + " document " + (l.source().index() + 1);
  }
}
