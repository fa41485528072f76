package dev.vakt.coverage;

import dev.vakt.common.DocumentReader.Located;
import dev.vakt.common.Problem;
import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.TermsDocument;
import dev.vakt.contract.TermsResolver;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks contract lines against the inventory, as part of validating a set of documents (issue 18):
 * a line naming a server or service the customer does not have, a server or service covered by two
 * lines on one day, and (from {@code asOf} on) a customer with several contracts running whose
 * servers no line covers. Each problem names the contract document's file, line and field.
 */
public final class CoverageCheck {

  private CoverageCheck() {}

  /**
   * @param documents the documents read, with the stored ones they do not restate
   * @param stored the inventory already stored; entries the documents restate are replaced
   * @param asOf the day from which unassigned servers are reported (today)
   */
  public static List<Problem> check(
      Collection<Located> documents, InventoryService.Snapshot stored, LocalDate asOf) {
    List<TermsDocument> terms = new ArrayList<>();
    Map<String, Located> byLabel = new HashMap<>();
    Map<String, String> providers = new HashMap<>(stored.providers());
    Map<String, Server> servers = new LinkedHashMap<>();
    stored.servers().forEach(s -> servers.put(s.id(), s));
    Map<String, Service> services = new LinkedHashMap<>();
    stored.services().forEach(s -> services.put(s.id(), s));
    boolean anyLines = false;
    for (Located l : documents) {
      switch (l.value()) {
        case TermsDocument d -> {
          terms.add(d);
          byLabel.putIfAbsent(d.label(), l);
          anyLines |= d instanceof ContractDocument c && !c.lines().isEmpty();
        }
        case InventoryDocument inv -> {
          inv.customers().forEach(c -> providers.put(c.id(), inv.provider()));
          inv.servers().forEach(s -> servers.put(s.id(), s));
          inv.services().forEach(s -> services.put(s.id(), s));
        }
        default -> {}
      }
    }
    if (servers.isEmpty() && !anyLines) {
      return List.of(); // terms without any inventory: nothing to assign yet
    }
    CoverageIndex index =
        CoverageIndex.build(
            0,
            new TermsResolver(terms),
            new InventoryService.Snapshot(
                providers, List.copyOf(servers.values()), List.copyOf(services.values())),
            asOf);
    List<Problem> problems = new ArrayList<>();
    for (Assignments.Finding f : index.findings()) {
      Located l = byLabel.get(f.contract().label());
      if (l != null) {
        problems.add(l.problem(f.pointer(), f.reason()));
      }
    }
    return problems;
  }
}
