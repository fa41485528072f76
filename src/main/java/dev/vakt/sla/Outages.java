package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Outages, incidents, time to action and MTBF from a service's down segments. */
final class Outages {

  /** The report period and where the timeline ends ({@code now}). */
  record Bounds(long from, long until, long end) {}

  private Outages() {}

  /** Maximal runs of down time that reach into the period, clipped to it. */
  static List<SlaReport.Outage> of(
      String service,
      List<Timeline.Seg> segs,
      Bounds b,
      List<Ledger.Act> actions,
      Set<OutageCategory> excluded,
      Duration maxTimeToAction) {
    List<SlaReport.Outage> out = new ArrayList<>();
    int i = 0;
    while (i < segs.size()) {
      if (segs.get(i).state() != SlaReport.State.DOWN) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < segs.size()
          && segs.get(j).state() == SlaReport.State.DOWN
          && segs.get(j).from() == segs.get(j - 1).to()) {
        j++;
      }
      List<Timeline.Seg> run = segs.subList(i, j);
      i = j;
      long runFrom = run.getFirst().from();
      long runTo = run.getLast().to();
      if (runTo <= b.from() || runFrom >= b.until()) {
        continue;
      }
      long start = Math.max(runFrom, b.from());
      long end = Math.min(runTo, b.until());
      Map<OutageCategory, Long> byCategory = new EnumMap<>(OutageCategory.class);
      long counted = 0;
      String incident = null;
      Set<Why> sources = new LinkedHashSet<>();
      for (Timeline.Seg s : run) {
        long len = Math.min(s.to(), end) - Math.max(s.from(), start);
        if (len > 0) {
          byCategory.merge(s.category(), len, Long::sum);
          counted += excluded.contains(s.category()) ? 0 : len;
          sources.addAll(s.sources().whys());
        }
        incident = incident == null ? s.incident() : incident;
      }
      List<SlaReport.CategoryTime> categories = new ArrayList<>();
      byCategory.forEach(
          (c, t) ->
              categories.add(
                  new SlaReport.CategoryTime(c, Duration.ofMillis(t), excluded.contains(c))));
      out.add(
          new SlaReport.Outage(
              service,
              Instant.ofEpochMilli(start),
              Instant.ofEpochMilli(end),
              Duration.ofMillis(end - start),
              Duration.ofMillis(counted),
              List.copyOf(categories),
              incident != null ? incident : service + "@" + IsoInstant.format(start),
              runFrom < b.from(),
              runTo > b.until(),
              runTo >= b.end(),
              action(actions, runFrom, runTo, maxTimeToAction),
              Sources.of(sources)));
    }
    return out;
  }

  /** The first action within the run, and whether it came in time (ALR-4). */
  private static SlaReport.Action action(
      List<Ledger.Act> actions, long from, long to, Duration max) {
    for (Ledger.Act a : actions) {
      if (a.at() >= from && a.at() < to) {
        Duration tta = Duration.ofMillis(a.at() - from);
        return new SlaReport.Action(
            Instant.ofEpochMilli(a.at()),
            a.kind(),
            a.by(),
            tta,
            false,
            max == null ? null : tta.compareTo(max) > 0);
      }
    }
    return new SlaReport.Action(
        null, null, null, null, true, max == null ? null : to - from > max.toMillis());
  }

  /** Outages grouped by incident id, in order of start. */
  static List<SlaReport.Incident> incidents(List<SlaReport.Outage> outages, Duration maxRestore) {
    List<SlaReport.Outage> sorted = new ArrayList<>(outages);
    sorted.sort(Comparator.comparing(SlaReport.Outage::start));
    // Most incidents hold one outage: keep those without a list of their own.
    Map<String, Object> groups = new LinkedHashMap<>();
    for (SlaReport.Outage o : sorted) {
      Object g = groups.putIfAbsent(o.incident(), o);
      if (g instanceof SlaReport.Outage first) {
        List<SlaReport.Outage> list = new ArrayList<>(List.of(first, o));
        groups.put(o.incident(), list);
      } else if (g != null) {
        @SuppressWarnings("unchecked")
        List<SlaReport.Outage> list = (List<SlaReport.Outage>) g;
        list.add(o);
      }
    }
    List<SlaReport.Incident> out = new ArrayList<>(groups.size());
    groups.forEach(
        (id, g) -> {
          @SuppressWarnings("unchecked")
          List<SlaReport.Outage> list =
              g instanceof SlaReport.Outage one ? List.of(one) : (List<SlaReport.Outage>) g;
          out.add(incident(id, list, maxRestore));
        });
    return List.copyOf(out);
  }

  /**
   * The incidents of all services together, from each service's own: an incident that spans
   * services (a host that was down) is joined into one, every other one is taken as it is. The same
   * result as grouping all outages again, at a fraction of the work.
   */
  static List<SlaReport.Incident> merge(List<SlaReport.Incident> perService, Duration maxRestore) {
    Map<String, List<SlaReport.Incident>> byId = new LinkedHashMap<>(perService.size() * 2);
    for (SlaReport.Incident i : perService) {
      byId.computeIfAbsent(i.id(), k -> new ArrayList<>(1)).add(i);
    }
    List<SlaReport.Incident> out = new ArrayList<>(byId.size());
    for (List<SlaReport.Incident> parts : byId.values()) {
      out.add(parts.size() == 1 ? parts.getFirst() : join(parts, maxRestore));
    }
    out.sort(Comparator.comparing(SlaReport.Incident::start)); // stable: first seen first
    return List.copyOf(out);
  }

  /** One incident from its parts on several services, listed in the order they went down. */
  private static SlaReport.Incident join(List<SlaReport.Incident> parts, Duration maxRestore) {
    List<SlaReport.Incident> ordered = new ArrayList<>(parts);
    ordered.sort(Comparator.comparing(SlaReport.Incident::start));
    Set<String> services = new LinkedHashSet<>();
    Instant start = ordered.getFirst().start();
    Instant end = start;
    boolean atLeast = false;
    boolean counted = false;
    for (SlaReport.Incident p : ordered) {
      services.addAll(p.services());
      end = p.end().isAfter(end) ? p.end() : end;
      atLeast |= p.atLeast();
      counted |= p.counted();
    }
    Duration restore = Duration.between(start, end);
    return new SlaReport.Incident(
        ordered.getFirst().id(),
        List.copyOf(services),
        start,
        end,
        restore,
        atLeast,
        counted,
        maxRestore == null ? null : restore.compareTo(maxRestore) > 0);
  }

  private static SlaReport.Incident incident(
      String id, List<SlaReport.Outage> list, Duration maxRestore) {
    Instant start = list.getFirst().start();
    Instant end = start;
    Set<String> services = new LinkedHashSet<>();
    boolean clipped = false;
    boolean counted = false;
    for (SlaReport.Outage o : list) {
      end = o.end().isAfter(end) ? o.end() : end;
      services.add(o.service());
      clipped |= o.startsBeforePeriod() || o.continuesAfterPeriod() || o.open();
      counted |= o.downtime().isPositive();
    }
    Duration restore = Duration.between(start, end);
    return new SlaReport.Incident(
        id,
        List.copyOf(services),
        start,
        end,
        restore,
        clipped,
        counted,
        maxRestore == null ? null : restore.compareTo(maxRestore) > 0);
  }

  /** MTBF over the period: operating time per incident with counted down time (SLA-6). */
  static SlaReport.Reliability reliability(
      Duration operating, List<SlaReport.Incident> incidents, Duration promised) {
    int failures = (int) incidents.stream().filter(SlaReport.Incident::counted).count();
    return reliability(operating, failures, promised);
  }

  static SlaReport.Reliability reliability(Duration operating, int failures, Duration promised) {
    Duration mtbf = failures == 0 ? null : operating.dividedBy(failures);
    Boolean met = promised == null ? null : mtbf == null || mtbf.compareTo(promised) >= 0;
    return new SlaReport.Reliability(operating, failures, mtbf, promised, met);
  }

  /** Operating time of a period: neither unmonitored nor counted as down. */
  static Duration operating(SlaReport.Breakdown period) {
    return period.time().minus(period.unmonitored()).minus(period.downtime());
  }
}
