package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Outages, incidents, time to action and MTBF from a service's down segments. */
final class OutageFigures {

  /** The report period and where the timeline ends ({@code now}). */
  record Bounds(long from, long until, long end) {}

  private OutageFigures() {}

  /** An action that never came: one of these three, whatever the outage (ALR-4). */
  private static final SlaReport.Action MISSING =
      new SlaReport.Action(null, null, null, null, true, null);

  private static final SlaReport.Action MISSING_IN_TIME =
      new SlaReport.Action(null, null, null, null, true, false);
  private static final SlaReport.Action MISSING_LATE =
      new SlaReport.Action(null, null, null, null, true, true);

  private static final int CATEGORIES = OutageCategory.values().length;

  /**
   * Maximal runs of down time that reach into the period, clipped to it. {@code edges} holds the
   * instants the service's intervals already use: an outage that starts or ends at the same
   * millisecond shares them, as it shares one {@link Duration} between its length, its downtime and
   * its category when they are equal. A provider-wide report holds half a million outages, and
   * every object less in each is time the garbage collector does not spend copying it.
   */
  static List<SlaReport.Outage> of(
      String service,
      List<Timeline.Seg> segs,
      Bounds b,
      List<ServiceEvents.Act> actions,
      Set<OutageCategory> excluded,
      Duration maxTimeToAction,
      Edges edges) {
    List<SlaReport.Outage> out = new ArrayList<>();
    StringBuilder id = new StringBuilder(service.length() + 25);
    int nextAction = 0; // actions are sorted, runs come in order: the search moves forward only
    int i = 0;
    // The run before, for a fault that goes on across a monitoring gap (issue 31): the run after
    // the gap continues its incident, wherever the period cuts them.
    int prevLast = -1;
    String prevIncident = null;
    boolean prevBeforePeriod = false;
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
      int first = i;
      int last = j - 1;
      i = j;
      long runFrom = segs.get(first).from();
      long runTo = segs.get(last).to();
      boolean bridged = prevLast >= 0 && AcrossGaps.bridged(segs, prevLast, first);
      long bridgeFrom = bridged ? segs.get(prevLast).to() : runFrom;
      String continues = bridged ? prevIncident : null;
      boolean beganBefore = bridged ? prevBeforePeriod : runFrom < b.from();
      prevLast = last;
      if (runTo <= b.from() || runFrom >= b.until()) {
        prevIncident =
            continues != null
                ? continues
                : firstIncident(segs, first, last, service, id, Math.max(runFrom, b.from()));
        prevBeforePeriod = beganBefore;
        continue;
      }
      long start = Math.max(runFrom, b.from());
      long end = Math.min(runTo, b.until());
      Duration length = Duration.ofMillis(end - start);
      while (nextAction < actions.size() && actions.get(nextAction).at() < runFrom) {
        nextAction++;
      }
      Run run = run(segs, first, last, start, end, length, excluded);
      String incident =
          continues != null
              ? continues
              : run.incident() != null ? run.incident() : generatedId(id, service, start);
      prevIncident = incident;
      prevBeforePeriod = beganBefore;
      long gap = Math.max(0, Math.min(runFrom, b.until()) - Math.max(bridgeFrom, b.from()));
      out.add(
          new SlaReport.Outage(
              service,
              edges.from(first, start),
              edges.to(last, end),
              length,
              run.counted() == end - start ? length : Duration.ofMillis(run.counted()),
              run.categories(),
              incident,
              beganBefore,
              runTo > b.until(),
              runTo >= b.end(),
              action(actions, nextAction, runFrom, runTo, maxTimeToAction),
              run.sources(),
              gap == 0 ? Duration.ZERO : Duration.ofMillis(gap),
              AcrossGaps.gapAfter(segs, last, runTo, b)));
    }
    return out;
  }

  private static String firstIncident(
      List<Timeline.Seg> segs, int first, int last, String service, StringBuilder id, long start) {
    for (int k = first; k <= last; k++) {
      if (segs.get(k).incident() != null) {
        return segs.get(k).incident();
      }
    }
    return generatedId(id, service, start);
  }

  /**
   * The instants of each segment's interval in the report, by segment index, for outages to share.
   */
  static final class Edges {
    private final Instant[] from;
    private final Instant[] to;

    Edges(int segments) {
      from = new Instant[segments];
      to = new Instant[segments];
    }

    void set(int segment, Instant a, Instant b) {
      from[segment] = a;
      to[segment] = b;
    }

    Instant from(int segment, long at) {
      return same(from[segment], at);
    }

    Instant to(int segment, long at) {
      return same(to[segment], at);
    }

    private static Instant same(Instant known, long at) {
      return known != null && known.toEpochMilli() == at ? known : Instant.ofEpochMilli(at);
    }
  }

  /** What the segments of one run add up to within {@code [start, end)}. */
  private record Run(
      List<SlaReport.CategoryTime> categories, long counted, String incident, Sources sources) {}

  /**
   * Sums segments {@code first..last} clipped to {@code [start, end)}: time per category (in the
   * order of {@link OutageCategory}), counted time, the first incident id, and the sources of the
   * segments that reach into the range, each once, in order of first mention.
   */
  private static Run run(
      List<Timeline.Seg> segs,
      int first,
      int last,
      long start,
      long end,
      Duration length,
      Set<OutageCategory> excluded) {
    long counted = 0;
    String incident = null;
    Timeline.Seg one = null; // the first segment reaching into the range
    int reaching = 0;
    boolean mixed = false;
    for (int k = first; k <= last; k++) {
      Timeline.Seg s = segs.get(k);
      long len = lengthWithin(s, start, end);
      if (len > 0) {
        one = one == null ? s : one;
        mixed |= s.category() != one.category();
        reaching++;
        counted += excluded.contains(s.category()) ? 0 : len;
      }
      incident = incident == null ? s.incident() : incident;
    }
    if (one == null) {
      return new Run(List.of(), counted, incident, Sources.NONE);
    }
    List<SlaReport.CategoryTime> categories;
    if (!mixed) {
      // The segments of a run follow each other without a gap: together they span the range.
      OutageCategory c = one.category();
      categories = List.of(new SlaReport.CategoryTime(c, length, excluded.contains(c)));
    } else {
      long[] byCategory = new long[CATEGORIES];
      for (int k = first; k <= last; k++) {
        Timeline.Seg s = segs.get(k);
        long len = lengthWithin(s, start, end);
        if (len > 0) {
          byCategory[s.category().ordinal()] += len;
        }
      }
      List<SlaReport.CategoryTime> list = new ArrayList<>(2);
      for (OutageCategory c : OutageCategory.values()) {
        long t = byCategory[c.ordinal()];
        if (t > 0) {
          list.add(new SlaReport.CategoryTime(c, Duration.ofMillis(t), excluded.contains(c)));
        }
      }
      categories = List.copyOf(list);
    }
    Sources sources =
        reaching == 1 && distinct(one.sources())
            ? one.sources() // the usual outage: one segment, its sources as they are
            : sources(segs, first, last, start, end);
    return new Run(categories, counted, incident, sources);
  }

  private static long lengthWithin(Timeline.Seg s, long start, long end) {
    return Math.min(s.to(), end) - Math.max(s.from(), start);
  }

  /** The sources of the segments reaching into the range, each once, in order of first mention. */
  private static Sources sources(
      List<Timeline.Seg> segs, int first, int last, long start, long end) {
    Set<Why> all = new LinkedHashSet<>();
    for (int k = first; k <= last; k++) {
      Timeline.Seg s = segs.get(k);
      if (lengthWithin(s, start, end) > 0) {
        for (int w = 0; w < s.sources().size(); w++) {
          all.add(s.sources().why(w));
        }
      }
    }
    return Sources.of(all);
  }

  private static boolean distinct(Sources sources) {
    for (int a = 1; a < sources.size(); a++) {
      for (int b = 0; b < a; b++) {
        if (sources.why(a).equals(sources.why(b))) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code service@start}: the id of an outage that names no incident of its own. */
  private static String generatedId(StringBuilder id, String service, long start) {
    id.setLength(0);
    return IsoInstant.append(id.append(service).append('@'), start).toString();
  }

  /**
   * The first action within the run, and whether it came in time (ALR-4). {@code next} is the first
   * action at or after the run's start.
   */
  private static SlaReport.Action action(
      List<ServiceEvents.Act> actions, int next, long from, long to, Duration max) {
    if (next < actions.size() && actions.get(next).at() < to) {
      ServiceEvents.Act a = actions.get(next);
      Duration tta = Duration.ofMillis(a.at() - from);
      return new SlaReport.Action(
          Instant.ofEpochMilli(a.at()),
          a.kind(),
          a.by(),
          tta,
          false,
          max == null ? null : tta.compareTo(max) > 0);
    }
    return max == null ? MISSING : to - from > max.toMillis() ? MISSING_LATE : MISSING_IN_TIME;
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
   * {@link #incidents(List, Duration)} for one service's outages when none of its segments named an
   * incident: each outage is then an incident of its own, under its generated id, which no other
   * outage of the service shares. Its incident shares the outage's instants and restore time.
   *
   * @param service the list of the one service, shared by all its incidents
   */
  static List<SlaReport.Incident> incidents(
      List<SlaReport.Outage> outages, Duration maxRestore, List<String> service, boolean named) {
    if (named || !inOrderOfStart(outages) || anyBridged(outages)) {
      return incidents(outages, maxRestore);
    }
    SlaReport.Incident[] out = new SlaReport.Incident[outages.size()];
    for (int k = 0; k < out.length; k++) {
      SlaReport.Outage o = outages.get(k);
      Instant end = o.end().isAfter(o.start()) ? o.end() : o.start();
      Duration restore = Duration.between(o.start(), end);
      restore = restore.equals(o.duration()) ? o.duration() : restore;
      out[k] =
          new SlaReport.Incident(
              o.incident(),
              service,
              o.start(),
              end,
              restore,
              o.startsBeforePeriod() || o.continuesAfterPeriod() || o.open(),
              o.downtime().isPositive(),
              maxRestore == null ? null : restore.compareTo(maxRestore) > 0,
              Duration.ZERO,
              null);
    }
    return List.of(out);
  }

  private static boolean anyBridged(List<SlaReport.Outage> outages) {
    for (SlaReport.Outage o : outages) {
      if (o.gapBefore().isPositive() || o.gapAfter().isPositive()) {
        return true;
      }
    }
    return false;
  }

  private static boolean inOrderOfStart(List<SlaReport.Outage> outages) {
    for (int k = 1; k < outages.size(); k++) {
      if (!outages.get(k).start().isAfter(outages.get(k - 1).start())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The incidents of all services together, from each service's own: an incident that spans
   * services (a host that was down) is joined into one, every other one is taken as it is. The same
   * result as grouping all outages again, at a fraction of the work.
   *
   * @param named every incident id a segment named, in any service: only these can be shared. An
   *     outage that names none has the id {@code service@start}, and service ids have no {@code @},
   *     so no two of those are equal unless one of them is also named somewhere.
   */
  static List<SlaReport.Incident> merge(
      List<SlaReport.Incident> perService, Duration maxRestore, Set<String> named) {
    Map<String, List<SlaReport.Incident>> byId = new LinkedHashMap<>();
    for (SlaReport.Incident i : perService) {
      if (named.contains(i.id())) {
        byId.computeIfAbsent(i.id(), k -> new ArrayList<>(1)).add(i);
      }
    }
    List<SlaReport.Incident> out = new ArrayList<>(perService.size());
    for (SlaReport.Incident i : perService) {
      if (!named.contains(i.id())) {
        out.add(i);
        continue;
      }
      // A named one at its first appearance, joined with its parts in other services.
      List<SlaReport.Incident> parts = byId.remove(i.id());
      if (parts != null) {
        out.add(parts.size() == 1 ? parts.getFirst() : join(parts, maxRestore));
      }
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
    // Gaps are the monitoring's, the same for every service: the parts' gaps overlap, so the
    // joined incident's unmonitored time is the longest part's, not their sum.
    Duration unmonitored = Duration.ZERO;
    for (SlaReport.Incident p : ordered) {
      services.addAll(p.services());
      end = p.end().isAfter(end) ? p.end() : end;
      atLeast |= p.atLeast();
      counted |= p.counted();
      unmonitored = p.unmonitored().compareTo(unmonitored) > 0 ? p.unmonitored() : unmonitored;
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
        maxRestore == null ? null : restore.compareTo(maxRestore) > 0,
        unmonitored,
        TroubleshootingStart.join(ordered, start));
  }

  private static SlaReport.Incident incident(
      String id, List<SlaReport.Outage> list, Duration maxRestore) {
    // A gap before the first outage in the period belongs to the incident: its fault began earlier.
    Instant start = list.getFirst().start().minus(list.getFirst().gapBefore());
    Instant end = start;
    Set<String> services = new LinkedHashSet<>();
    boolean clipped = false;
    boolean counted = false;
    Duration unmonitored = Duration.ZERO;
    for (SlaReport.Outage o : list) {
      Instant seen = o.end().plus(o.gapAfter()); // fixed: seen up again
      end = seen.isAfter(end) ? seen : end;
      services.add(o.service());
      clipped |= o.startsBeforePeriod() || o.continuesAfterPeriod() || o.open();
      counted |= o.downtime().isPositive();
      unmonitored = unmonitored.plus(o.gapBefore()).plus(o.gapAfter());
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
        maxRestore == null ? null : restore.compareTo(maxRestore) > 0,
        unmonitored,
        null);
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
