package dev.vakt.maintenance.planning;

import dev.vakt.common.ApiErrors;
import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Reason;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * What planned work affects, which contracts judge it, and their verdicts (MNT-1 to MNT-3, MNT-11;
 * issue 18). Each affected service is judged by the contract covering it when the work starts, on
 * that contract's local day (coverage): if a customer's affected services fall under different
 * contracts, each contract judges the work and owes its own notice, and a contract none of the
 * affected services falls under has no say. A service no line covers while the customer has several
 * contracts is judged by every contract then running (the customer's services were not assigned, so
 * none may be passed over); a customer with no contract running restricts nothing.
 */
@Component
class AffectedContracts {

  private final CoverageService coverage;
  private final InventoryService inventory;

  AffectedContracts(CoverageService coverage, InventoryService inventory) {
    this.coverage = coverage;
    this.inventory = inventory;
  }

  /**
   * The services affected, per customer, from the servers and services named.
   *
   * @throws ApiErrors.InvalidInput naming the server or service the inventory does not have
   */
  Map<String, List<String>> services(MaintenancePlanner.Request r) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    List<String> servers = r.servers() == null ? List.of() : r.servers();
    for (int i = 0; i < servers.size(); i++) {
      String id = servers.get(i);
      Optional<Server> s = id == null ? Optional.empty() : inventory.server(id);
      if (s.isEmpty()) {
        throw new ApiErrors.InvalidInput("/servers/" + i, "no server " + id + " in the inventory");
      }
      for (Service svc : inventory.services(s.get().customer())) {
        if (id.equals(svc.server())) {
          out.computeIfAbsent(s.get().customer(), k -> new TreeSet<>()).add(svc.id());
        }
      }
    }
    List<String> named = r.services() == null ? List.of() : r.services();
    for (int i = 0; i < named.size(); i++) {
      String id = named.get(i);
      Optional<Service> svc = id == null ? Optional.empty() : inventory.service(id);
      Optional<Server> host = svc.flatMap(x -> inventory.server(x.server()));
      if (host.isEmpty()) {
        throw new ApiErrors.InvalidInput(
            "/services/" + i, "no service " + id + " in the inventory");
      }
      out.computeIfAbsent(host.get().customer(), k -> new TreeSet<>()).add(id);
    }
    if (out.isEmpty()) {
      throw new ApiErrors.InvalidInput(
          "/services",
          "name the servers or services the work affects (servers without services"
              + " affect nothing to plan for)");
    }
    Map<String, List<String>> lists = new TreeMap<>();
    out.forEach((k, v) -> lists.put(k, List.copyOf(v)));
    return lists;
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
