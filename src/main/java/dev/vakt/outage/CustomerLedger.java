package dev.vakt.outage;

import dev.vakt.common.ServiceType;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringLedger.HardChange;
import dev.vakt.sla.SlaEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Assembles one customer's SLA ledger from the monitoring ledger (hard state changes, gaps) and the
 * records people added (reports, reclassifications, periods, actions), in the JSON Lines event
 * model a customer can recompute from.
 */
final class CustomerLedger {

  private CustomerLedger() {}

  static List<SlaEvent> events(
      List<Service> services,
      List<HardChange> changes,
      List<dev.vakt.monitoring.MonitoringGap> gaps,
      List<OutageRecords.Stored> records) {
    List<SlaEvent> events = new ArrayList<>();
    Map<String, String> incidents = incidents(services, changes);
    for (HardChange c : changes) {
      events.add(
          new SlaEvent.StateChange(
              c.service(),
              c.at(),
              SlaEvent.Level.valueOf(c.state().name()),
              c.reason(),
              incidents.get(c.service() + "@" + c.at())));
    }
    for (var g : gaps) {
      events.add(new SlaEvent.Gap(g.from(), g.to(), g.reason()));
    }
    events.addAll(consolidated(records));
    return events;
  }

  /**
   * The current form of each record: a report is fixed by a later record with the same ref, so only
   * the latest record of a ref is the report; every other record stands as written. A withdrawal
   * removes its ref until a later record of that ref.
   */
  static List<SlaEvent> consolidated(List<OutageRecords.Stored> records) {
    Map<String, SlaEvent> latestByRef = new LinkedHashMap<>();
    List<SlaEvent> rest = new ArrayList<>();
    for (OutageRecords.Stored r : records) {
      if (r.ref() != null && r.withdrawal()) {
        latestByRef.remove(r.ref());
      } else if (r.ref() != null) {
        latestByRef.put(r.ref(), r.event());
      } else {
        rest.add(r.event());
      }
    }
    List<SlaEvent> all = new ArrayList<>(latestByRef.values());
    all.addAll(rest);
    return all;
  }

  /**
   * Periods of lost access (ACC-2, SLA-10) from the access checks' hard changes: from a change to
   * CRITICAL until the next change to any other state, for every service on that server. Still open
   * at the end of the ledger means still lost.
   */
  static List<SlaEvent> accessLost(List<Service> services, List<HardChange> accessChanges) {
    Map<String, List<String>> byServer = new HashMap<>();
    for (Service s : services) {
      byServer.computeIfAbsent(s.server(), k -> new ArrayList<>()).add(s.id());
    }
    List<SlaEvent> out = new ArrayList<>();
    Map<String, Instant> lostSince = new HashMap<>();
    for (HardChange c :
        accessChanges.stream().sorted(Comparator.comparing(HardChange::at)).toList()) {
      String server = c.service().substring(0, c.service().lastIndexOf(':'));
      List<String> ids = byServer.get(server);
      if (ids == null) {
        continue;
      }
      if (c.state() == CheckState.CRITICAL) {
        lostSince.putIfAbsent(server, c.at());
      } else if (lostSince.containsKey(server)) {
        out.add(new SlaEvent.AccessLost(ids, lostSince.remove(server), c.at()));
      }
    }
    lostSince.forEach(
        (server, since) -> out.add(new SlaEvent.AccessLost(byServer.get(server), since, null)));
    return out;
  }

  /**
   * A host that is down holds its services' outages under one incident: every critical change of a
   * service on a server while that server's ping is critical gets the ping outage's incident id.
   */
  static Map<String, String> incidents(List<Service> services, List<HardChange> changes) {
    Map<String, String> serverOf =
        services.stream().collect(Collectors.toMap(Service::id, Service::server));
    Set<String> pings =
        services.stream()
            .filter(s -> s.type() == ServiceType.PING)
            .map(Service::id)
            .collect(Collectors.toSet());
    // Down intervals of each server's ping, by server.
    record Down(Instant from, Instant to, String id) {}
    Map<String, List<Down>> hostDown = new HashMap<>();
    Map<String, Instant> openSince = new HashMap<>();
    List<HardChange> ordered =
        changes.stream().sorted(Comparator.comparing(HardChange::at)).toList();
    for (HardChange c : ordered) {
      if (!pings.contains(c.service())) {
        continue;
      }
      String server = serverOf.get(c.service());
      if (c.state() == CheckState.CRITICAL) {
        openSince.putIfAbsent(server, c.at());
      } else if (openSince.containsKey(server)) {
        Instant from = openSince.remove(server);
        hostDown
            .computeIfAbsent(server, k -> new ArrayList<>())
            .add(new Down(from, c.at(), id(server, from)));
      }
    }
    openSince.forEach(
        (server, from) ->
            hostDown
                .computeIfAbsent(server, k -> new ArrayList<>())
                .add(new Down(from, Instant.MAX, id(server, from))));
    Map<String, String> incidents = new HashMap<>();
    for (HardChange c : ordered) {
      if (c.state() != CheckState.CRITICAL) {
        continue;
      }
      for (Down d : hostDown.getOrDefault(serverOf.get(c.service()), List.of())) {
        if (!c.at().isBefore(d.from()) && c.at().isBefore(d.to())) {
          incidents.put(c.service() + "@" + c.at(), d.id());
        }
      }
    }
    return incidents;
  }

  private static String id(String server, Instant from) {
    return "host-" + server + "-" + from.toString().toLowerCase(Locale.ROOT).replace(":", "");
  }
}
