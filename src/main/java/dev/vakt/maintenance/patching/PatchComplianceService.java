package dev.vakt.maintenance.patching;

import dev.vakt.common.ApiErrors.InvalidInput;
import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.coverage.CoverageService;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monthly patch compliance of a customer's servers, or of one server (MNT-4, MNT-5, MNT-6, MNT-9,
 * MNT-10): loads the observations, scans, postponements and reboot-needed states of the month and
 * hands them to {@link PatchCompliance}.
 */
@org.springframework.stereotype.Service
public class PatchComplianceService {

  private final InventoryService inventory;
  private final PatchTerms terms;
  private final CoverageService coverage;
  private final PatchStore store;
  private final PostponementStore postponements;
  private final MonitoringLedger ledger;
  private final PatchingProperties properties;
  private final Clock clock;

  PatchComplianceService(
      InventoryService inventory,
      PatchTerms terms,
      CoverageService coverage,
      PatchStore store,
      PostponementStore postponements,
      MonitoringLedger ledger,
      PatchingProperties properties,
      Clock clock) {
    this.inventory = inventory;
    this.terms = terms;
    this.coverage = coverage;
    this.store = store;
    this.postponements = postponements;
    this.ledger = ledger;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Every server of {@code customer} in {@code month}, in the contract's time zone.
   *
   * @param month the calendar month; null for the current one in the contract's time zone
   * @throws NotFound when the customer does not exist
   * @throws InvalidInput when the month has not begun
   */
  public CustomerCompliance customer(String customer, YearMonth month) {
    inventory.customer(customer).orElseThrow(() -> new NotFound("customer " + customer));
    return compute(customer, inventory.servers(customer), month);
  }

  /**
   * One server in {@code month}, with its customer's contract: the customer report of that server
   * alone.
   */
  public CustomerCompliance server(String server, YearMonth month) {
    Server s = inventory.server(server).orElseThrow(() -> new NotFound("server " + server));
    return compute(s.customer(), List.of(s), month);
  }

  /**
   * Each server is judged by the patch policy of the contract covering it at the instant judged on
   * (the month's last instant, or now for the month under way): a customer's colocation server
   * without patch terms is "not covered" although its dedicated server's contract patches (issue
   * 18). The month is a calendar month in the zone of the contract covering the first server (the
   * provider's zone unless a contract sets its own; a customer's contracts share it in practice).
   */
  private CustomerCompliance compute(String customer, List<Server> servers, YearMonth month) {
    Instant now = clock.instant();
    ZoneId zone =
        servers.isEmpty()
            ? coverage.ofCustomer(customer, now).zone()
            : terms.forServer(servers.getFirst().id(), now).zone();
    if (month == null) {
      month = YearMonth.from(now.atZone(zone));
    }
    ReportMonth rm;
    try {
      rm = ReportMonth.of(month, zone, now);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("/month", e.getMessage());
    }
    Instant judged = rm.lastInstant();
    Map<String, PatchTerms.Applied> applied = new LinkedHashMap<>();
    servers.forEach(s -> applied.put(s.id(), terms.forServer(s.id(), judged)));
    List<String> ids = servers.stream().map(Server::id).toList();
    Map<String, List<Observation>> observations = store.pendingWithin(ids, rm.from(), rm.to());
    Map<String, PatchStore.ScanState> scans = store.scans(ids, rm.to());
    List<Postponement> posts = postponements.within(List.of(customer), rm.from(), rm.to());
    Map<String, List<ServerInput.RebootNeed>> reboots = reboots(ids, rm);
    List<Service> services = inventory.services(customer);
    List<ServerCompliance> out = new ArrayList<>();
    for (String id : ids) {
      PatchStore.ScanState scan = scans.get(id);
      ServerInput in =
          new ServerInput(
              id,
              terms.rule(applied.get(id), id, services),
              observations.getOrDefault(id, List.of()),
              scan == null ? null : scan.lastOk(),
              scan == null ? null : scan.lastFailure(),
              reboots.get(id),
              posts);
      out.add(PatchCompliance.server(in, rm, properties.staleAfter()));
    }
    // The report names one contract: the first (by id) whose policy judged a server; each server
    // is still judged by its own.
    String contract =
        applied.values().stream()
            .filter(a -> a.policy() != null)
            .map(PatchTerms.Applied::contract)
            .sorted()
            .findFirst()
            .orElse(null);
    return PatchCompliance.customer(customer, contract, rm, out);
  }

  /**
   * The periods in which each server's reboot-needed check (MNT-4) was WARNING: a reboot or
   * restarts needed. CRITICAL (the check timed out) and UNKNOWN say nothing about the reboot, so
   * they neither start nor end a period. Servers the check never judged are absent.
   */
  private Map<String, List<ServerInput.RebootNeed>> reboots(List<String> servers, ReportMonth rm) {
    Map<String, String> byCheck = new HashMap<>();
    servers.forEach(s -> byCheck.put(MonitoringLedger.hostCheck(s, HostCheck.REBOOT_NEEDED), s));
    Map<String, List<MonitoringLedger.HardChange>> changes = new HashMap<>();
    for (MonitoringLedger.HardChange c : ledger.changes(byCheck.keySet(), rm.from(), rm.to())) {
      changes.computeIfAbsent(byCheck.get(c.service()), k -> new ArrayList<>()).add(c);
    }
    Map<String, List<ServerInput.RebootNeed>> out = new HashMap<>();
    changes.forEach(
        (server, list) -> {
          List<ServerInput.RebootNeed> needs = new ArrayList<>();
          MonitoringLedger.HardChange open = null;
          for (MonitoringLedger.HardChange c : list) {
            if (c.state() == CheckState.WARNING && open == null) {
              open = c;
            } else if (c.state() == CheckState.OK && open != null) {
              needs.add(new ServerInput.RebootNeed(open.at(), c.at(), open.reason()));
              open = null;
            }
          }
          if (open != null) {
            needs.add(new ServerInput.RebootNeed(open.at(), null, open.reason()));
          }
          out.put(server, needs);
        });
    return out;
  }
}
