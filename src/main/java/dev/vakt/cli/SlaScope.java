package dev.vakt.cli;

import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.TermsResolver;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageIndex;
import dev.vakt.coverage.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which contract's SLA {@code vakt sla} reports under, and on which services (issue 18). The
 * contract is the one coverage says governs the services reported on: named with {@code
 * --contract-id}, else the one contract that covers them; only when coverage knows none of them
 * (services found in the ledger alone) does the customer's one contract with SLA terms decide, as
 * before. Services several contracts cover are refused with the contracts named.
 */
final class SlaScope {

  private final ResolvedTerms terms;
  private final Map<String, String> governedBy;

  private SlaScope(ResolvedTerms terms, Map<String, String> governedBy) {
    this.terms = terms;
    this.governedBy = governedBy;
  }

  /** The terms of the chosen contract on the day asked about. */
  ResolvedTerms terms() {
    return terms;
  }

  /**
   * Of {@code ids}, those the chosen contract governs, and those coverage does not know (found in
   * the ledger only): a service another contract covers is that contract's report (K-2).
   */
  List<String> governed(List<String> ids) {
    List<String> out =
        ids.stream()
            .filter(id -> governedBy.getOrDefault(id, terms.contract()).equals(terms.contract()))
            .toList();
    if (out.isEmpty()) {
      throw new SlaCommand.Refused(
          1, "contract " + terms.contract() + " covers none of the customer's services");
    }
    return out;
  }

  /**
   * @param contractId the contract named with {@code --contract-id}, or null
   * @param day the day whose terms apply (the contract's local day)
   * @param at an instant on {@code day}, for coverage
   * @param ids the services reported on
   */
  static SlaScope choose(
      TermsResolver resolver,
      CoverageIndex coverage,
      String who,
      String contractId,
      LocalDate day,
      Instant at,
      List<String> ids) {
    Map<String, String> governedBy = new LinkedHashMap<>();
    Set<String> covering = new LinkedHashSet<>();
    for (String id : ids) {
      Coverage c = coverage.at(Subject.service(id), at);
      if (who.equals(c.customer()) && c.contract() != null) {
        governedBy.put(id, c.contract().id());
        covering.add(c.contract().id());
      }
    }
    List<ResolvedTerms> all =
        resolver.forCustomer(who, day).stream()
            .filter(t -> contractId == null || t.contract().equals(contractId))
            .toList();
    if (all.isEmpty()) {
      throw new SlaCommand.Refused(
          1,
          "no contract of customer "
              + who
              + (contractId == null ? "" : " with id " + contractId)
              + " runs on "
              + day);
    }
    if (contractId != null) {
      return new SlaScope(all.getFirst(), governedBy);
    }
    if (covering.size() == 1) {
      String only = covering.iterator().next();
      return new SlaScope(
          all.stream()
              .filter(t -> t.contract().equals(only))
              .findFirst()
              .orElseThrow(
                  () -> new SlaCommand.Refused(1, "contract " + only + " does not run on " + day)),
          governedBy);
    }
    if (covering.size() > 1) {
      throw new SlaCommand.Refused(
          1,
          "the services of customer "
              + who
              + " are covered by several contracts on "
              + day
              + ": choose one with --contract-id ("
              + String.join(", ", covering)
              + ") or name services with --service");
    }
    List<ResolvedTerms> withSla = new ArrayList<>();
    all.stream().filter(t -> t.terms().sla() != null).forEach(withSla::add);
    if (withSla.size() > 1) {
      throw new SlaCommand.Refused(
          1,
          "customer "
              + who
              + " has several contracts with SLA terms on "
              + day
              + ": choose one with --contract-id ("
              + String.join(", ", withSla.stream().map(ResolvedTerms::contract).toList())
              + ")");
    }
    return new SlaScope(withSla.isEmpty() ? all.getFirst() : withSla.getFirst(), governedBy);
  }
}
