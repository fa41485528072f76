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
   * the latest record of a ref is the report; every other record stands as written.
   */
  static List<SlaEvent> consolidated(List<OutageRecords.Stored> records) {
    Map<String, SlaEvent> latestByRef = new LinkedHashMap<>();
    List<SlaEvent> rest = new ArrayList<>();
    for (OutageRecords.Stored r : records) {
      if (r.ref() != null) {
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
