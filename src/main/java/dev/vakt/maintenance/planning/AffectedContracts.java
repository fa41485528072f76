package dev.vakt.maintenance.planning;

import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Reason;
import dev.vakt.coverage.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Which contracts judge planned work, and their verdicts (MNT-1 to MNT-3, MNT-11; issue 18). Each
 * affected service is judged by the contract covering it when the work starts, on that contract's
 * local day (coverage): if a customer's affected services fall under different contracts, each
 * contract judges the work and owes its own notice, and a contract none of the affected services
 * falls under has no say. A service no line covers while the customer has several contracts is
 * judged by every contract then running (the customer's services were not assigned, so none may be
 * passed over); a customer with no contract running restricts nothing.
 */
@Component
class AffectedContracts {

  private final CoverageService coverage;

  AffectedContracts(CoverageService coverage) {
    this.coverage = coverage;
  }

  /**
   * The verdict of every contract that governs an affected service, per customer in order, each
   * customer's contracts by id.
   *
   * @param services the affected services per customer
   */
  List<ContractCheck> checks(
      Map<String, List<String>> services,
      Instant from,
      Instant to,
      MaintenanceTerms.Purpose purpose,
      Instant now) {
    List<ContractCheck> out = new ArrayList<>();
    services.forEach(
        (customer, ids) -> {
          Map<String, ResolvedTerms> governing = new TreeMap<>();
          boolean none = false;
          for (String id : ids) {
            Coverage c = coverage.at(Subject.service(id), from);
            if (c.terms() != null) {
              governing.putIfAbsent(c.terms().contract(), c.terms());
            } else if (c.reason() == Reason.NOT_ASSIGNED) {
              coverage
                  .ofCustomer(customer, from)
                  .contracts()
                  .forEach(t -> governing.putIfAbsent(t.contract(), t));
            } else {
              none = true;
            }
          }
          if (governing.isEmpty() && none) {
            out.add(ContractCheck.noContract(customer, from));
          }
          governing.values().forEach(t -> out.add(ContractCheck.of(t, from, to, purpose, now)));
        });
    return out;
  }
}
