package dev.vakt.coverage;

import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.ContractLine;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out, for one customer, which contract line covers each of its servers and services on every
 * day (plain Java). The answer changes only on the days a contract version takes effect, a contract
 * or line starts or ends; between them it is constant, so it is kept as a timeline of spans per
 * subject.
 *
 * <p>The rules (docs/coverage.md): a service is covered by the line that names it, else by the line
 * that names its server; a subject no line names is covered by the customer's contract when exactly
 * one runs that day, and is unassigned when several do.
 */
final class Assignments {

  /** What covers a subject during one span. */
  enum Status {
    LINE,
    ONLY_CONTRACT,
    UNASSIGNED,
    NO_CONTRACT
  }

  /** The assignment during one span; shared between subjects, so compared by identity. */
  record Slot(Status status, ContractDocument contract, ContractLine line) {
    static final Slot NO_CONTRACT = new Slot(Status.NO_CONTRACT, null, null);
    static final Slot UNASSIGNED = new Slot(Status.UNASSIGNED, null, null);
  }

  /** Something in the lines that breaks a rule, found while assigning. */
  record Finding(ContractDocument contract, String pointer, String reason) {}

  /** The customer's timelines and findings. */
  record Result(
      Map<String, Timeline> servers,
      Map<String, Timeline> services,
      List<Finding> findings,
      java.util.SortedSet<LocalDate> days) {}

  private Assignments() {}

  /**
   * @param versions every version of every contract of the customer
   * @param servers the customer's servers
   * @param services the services on those servers
   * @param checkFrom report subjects no line covers while several contracts run from the span that
   *     holds this day on; null: do not look for them (the inventory has no dates, so a server
   *     added last month is not reported for a day years ago)
   */
  static Result of(
      List<ContractDocument> versions,
      List<Server> servers,
      List<Service> services,
      LocalDate checkFrom) {
    Map<String, List<ContractDocument>> byContract = new TreeMap<>();
    TreeSet<LocalDate> days = new TreeSet<>();
    for (ContractDocument v : versions) {
      byContract.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v);
      days.add(v.effectiveFrom());
      days.add(v.start());
      if (v.end() != null) {
        days.add(v.end().plusDays(1));
      }
      for (ContractLine l : v.lines()) {
        days.add(l.startUnder(v));
        if (l.endUnder(v) != null) {
          days.add(l.endUnder(v).plusDays(1));
        }
      }
    }
    byContract
        .values()
        .forEach(l -> l.sort(java.util.Comparator.comparing(ContractDocument::effectiveFrom)));
    Map<String, Server> serverById = new LinkedHashMap<>();
    servers.forEach(s -> serverById.put(s.id(), s));
    Map<String, Service> serviceById = new LinkedHashMap<>();
    services.forEach(s -> serviceById.put(s.id(), s));
    Builder b = new Builder(serverById, serviceById);
    LocalDate firstChecked = checkFrom == null ? null : days.floor(checkFrom);
    if (firstChecked == null && checkFrom != null) {
      firstChecked = checkFrom;
    }
    for (LocalDate day : days) {
      List<ContractDocument> running = running(byContract, day);
      b.day(day, running);
      if (firstChecked != null && !day.isBefore(firstChecked) && running.size() > 1) {
        b.unassigned(day, running);
      }
    }
    return b.result(days);
  }

  private static List<ContractDocument> running(
      Map<String, List<ContractDocument>> byContract, LocalDate day) {
    List<ContractDocument> out = new ArrayList<>();
    for (List<ContractDocument> list : byContract.values()) {
      ContractDocument inEffect = null;
      for (ContractDocument v : list) {
        if (!v.effectiveFrom().isAfter(day)) {
          inEffect = v;
        }
      }
      if (inEffect != null && inEffect.runsOn(day)) {
        out.add(inEffect);
      }
    }
    return out;
  }

  /** Walks the days in order, appending a span to a subject's timeline when its slot changes. */
  private static final class Builder {
    private final Map<String, Server> servers;
    private final Map<String, Service> services;
    private final Map<String, List<Service>> servicesByServer = new HashMap<>();
    private final Map<String, Timeline.Spans> serverSpans = new HashMap<>();
    private final Map<String, Timeline.Spans> serviceSpans = new HashMap<>();
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private Map<String, Slot> lastServerSlots = Map.of();
    private Map<String, Slot> lastByService = Map.of();

    Builder(Map<String, Server> servers, Map<String, Service> services) {
      this.servers = servers;
      this.services = services;
      services
          .values()
          .forEach(
              s -> servicesByServer.computeIfAbsent(s.server(), k -> new ArrayList<>()).add(s));
    }

    void day(LocalDate day, List<ContractDocument> running) {
      Map<String, Slot> byServer = new HashMap<>();
      Map<String, Slot> byService = new HashMap<>();
      for (ContractDocument c : running) {
        for (int i = 0; i < c.lines().size(); i++) {
          ContractLine line = c.lines().get(i);
          if (!line.runsOn(c, day)) {
            continue;
          }
          Slot slot = new Slot(Status.LINE, c, line);
          for (int j = 0; j < line.servers().size(); j++) {
            claim(
                byServer,
                servers.keySet(),
                "server",
                line.servers().get(j),
                slot,
                day,
                "/lines/" + i + "/servers/" + j);
          }
          for (int j = 0; j < line.services().size(); j++) {
            claim(
                byService,
                services.keySet(),
                "service",
                line.services().get(j),
                slot,
                day,
                "/lines/" + i + "/services/" + j);
          }
        }
      }
      // Without lines, a customer's only contract covers all it has (one-contract customers keep
      // working without edits); once a contract has lines, what no line names is not covered.
      Slot fallback =
          running.isEmpty()
              ? Slot.NO_CONTRACT
              : running.size() == 1 && running.getFirst().lines().isEmpty()
                  ? new Slot(Status.ONLY_CONTRACT, running.getFirst(), null)
                  : Slot.UNASSIGNED;
      long epochDay = day.toEpochDay();
      Map<String, Slot> serverSlots = new HashMap<>();
      for (String id : servers.keySet()) {
        Slot slot = byServer.getOrDefault(id, fallback);
        serverSlots.put(id, slot);
        serverSpans.computeIfAbsent(id, k -> new Timeline.Spans()).add(epochDay, slot);
      }
      for (Service s : services.values()) {
        Slot slot = byService.get(s.id());
        if (slot == null) {
          slot = serverSlots.getOrDefault(s.server(), Slot.NO_CONTRACT);
        }
        serviceSpans.computeIfAbsent(s.id(), k -> new Timeline.Spans()).add(epochDay, slot);
      }
      lastServerSlots = serverSlots;
      lastByService = byService;
    }

    private void claim(
        Map<String, Slot> claims,
        java.util.Set<String> own,
        String kind,
        String id,
        Slot slot,
        LocalDate day,
        String pointer) {
      String key = slot.contract().id() + "@" + slot.contract().version() + pointer;
      if (!own.contains(id)) {
        findings.putIfAbsent(
            key,
            new Finding(
                slot.contract(),
                pointer,
                kind
                    + " '"
                    + id
                    + "' is not in the inventory of customer '"
                    + slot.contract().customer()
                    + "'"));
        return;
      }
      Slot before = claims.putIfAbsent(id, slot);
      if (before != null) {
        findings.putIfAbsent(
            key,
            new Finding(
                slot.contract(),
                pointer,
                kind
                    + " '"
                    + id
                    + "' is also covered on "
                    + day
                    + " by line '"
                    + before.line().id()
                    + "' of "
                    + before.contract().label()
                    + ": one line covers it on any day"));
      }
    }

    /** Reports the servers of the day just walked that no line covers (several contracts run). */
    void unassigned(LocalDate day, List<ContractDocument> running) {
      Map<String, Slot> serverSlots = lastServerSlots;
      Map<String, Slot> byService = lastByService;
      ContractDocument blame = running.getFirst();
      List<String> ids = new ArrayList<>();
      serverSlots.forEach(
          (id, slot) -> {
            List<Service> own = servicesByServer.getOrDefault(id, List.of());
            // A server whose every service has a line of its own is left to those lines.
            if (slot == Slot.UNASSIGNED
                && (own.isEmpty() || own.stream().anyMatch(s -> !byService.containsKey(s.id())))) {
              ids.add(id);
            }
          });
      if (ids.isEmpty()) {
        return;
      }
      ids.sort(null);
      findings.putIfAbsent(
          "unassigned@" + day + String.join(",", ids),
          new Finding(
              blame,
              "/lines",
              "on "
                  + day
                  + " customer '"
                  + blame.customer()
                  + "' has "
                  + running.size()
                  + " contracts running ("
                  + String.join(", ", running.stream().map(ContractDocument::id).toList())
                  + ") and no line covers server(s) "
                  + String.join(", ", ids)
                  + ": put each on a line of the contract that covers it"));
    }

    Result result(java.util.SortedSet<LocalDate> days) {
      // Services usually share their server's spans: one timeline object for all of them keeps
      // the index small and its answers in the processor's cache.
      Map<Timeline.Spans, Timeline> shared = new HashMap<>();
      Map<String, Timeline> s = new HashMap<>();
      serverSpans.forEach(
          (id, spans) -> s.put(id, shared.computeIfAbsent(spans, Timeline.Spans::timeline)));
      Map<String, Timeline> v = new HashMap<>();
      serviceSpans.forEach(
          (id, spans) -> v.put(id, shared.computeIfAbsent(spans, Timeline.Spans::timeline)));
      return new Result(s, v, List.copyOf(findings.values()), days);
    }
  }
}
