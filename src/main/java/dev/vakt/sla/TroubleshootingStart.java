package dev.vakt.sla;

import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.Terms;
import dev.vakt.contract.WeeklyHours;
import dev.vakt.contract.WeeklyRule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The troubleshooting-start promise ({@code alerting.troubleshootingStart}, BDN SLA 1.2.1, ALR-3)
 * judged per incident: from the alarm (the incident's start, when the fault report was received,
 * SLA-1) to the first recorded {@code troubleshooting-started} action. An acknowledgement is not a
 * start: BDN promises "Påbegyndelse af fejlsøgning". Whether the promise applies is decided by the
 * time of the alarm, as alerting decides its deadline (outside support or opening hours; terms
 * without those hours are outside them always). The maximum time to action (SWH 1, ALR-4) is judged
 * separately, per outage.
 */
final class TroubleshootingStart {

  private final AlertingTerms.Deadline promise;
  private final List<WeeklyRule> hours;
  private final ZoneId zone;
  private final Set<LocalDate> holidays;
  private final long from;
  private final long now;

  private TroubleshootingStart(
      AlertingTerms.Deadline promise,
      List<WeeklyRule> hours,
      ZoneId zone,
      Set<LocalDate> holidays,
      long from,
      long now) {
    this.promise = promise;
    this.hours = hours;
    this.zone = zone;
    this.holidays = holidays;
    this.from = from;
    this.now = now;
  }

  /** The promise of {@code terms} for a report from {@code from}, or null when they make none. */
  static TroubleshootingStart of(
      Terms terms, ZoneId zone, Set<LocalDate> holidays, long from, long now) {
    AlertingTerms.Deadline d =
        terms.alerting() == null ? null : terms.alerting().troubleshootingStart();
    if (d == null) {
      return null;
    }
    List<WeeklyRule> hours =
        switch (applies(d)) {
          case ALWAYS -> null;
          case OUTSIDE_SUPPORT_HOURS -> terms.support() == null ? null : terms.support().hours();
          case OUTSIDE_OPENING_HOURS -> terms.openingHours();
        };
    return new TroubleshootingStart(d, hours, zone, holidays, from, now);
  }

  private static AlertingTerms.Applies applies(AlertingTerms.Deadline d) {
    return d.applies() == null ? AlertingTerms.Applies.ALWAYS : d.applies();
  }

  /** The incidents with their troubleshooting start judged from the service's actions. */
  List<SlaReport.Incident> judge(
      List<SlaReport.Incident> incidents, List<ServiceEvents.Act> actions) {
    List<SlaReport.Incident> out = new ArrayList<>(incidents.size());
    for (SlaReport.Incident i : incidents) {
      // An incident that began before the period has its alarm there: it is judged in the report
      // of the period it began in, not from this period's first instant.
      boolean began = i.atLeast() && i.start().toEpochMilli() <= from;
      out.add(began ? i : with(i, judge(i, actions)));
    }
    return List.copyOf(out);
  }

  private SlaReport.Troubleshooting judge(SlaReport.Incident i, List<ServiceEvents.Act> actions) {
    Instant alarm = i.start();
    boolean applies =
        applies(promise) == AlertingTerms.Applies.ALWAYS
            || hours == null
            || !WeeklyHours.contains(hours, zone, holidays, alarm);
    ServiceEvents.Act start = null;
    long a = alarm.toEpochMilli();
    long end = i.end().toEpochMilli();
    // Actions are sorted by instant: start at the first one at or after the alarm, so a provider's
    // year of incidents does not read every action once per incident.
    for (int k = firstAtOrAfter(actions, a);
        k < actions.size() && actions.get(k).at() <= end;
        k++) {
      if (actions.get(k).kind() == SlaEvent.ActionKind.TROUBLESHOOTING_STARTED) {
        start = actions.get(k);
        break;
      }
    }
    Instant at = start == null ? null : Instant.ofEpochMilli(start.at());
    Instant deadline = applies ? alarm.plus(promise.within()) : null;
    return judged(applies, deadline, at, start == null ? null : start.by(), alarm, end, now);
  }

  private static int firstAtOrAfter(List<ServiceEvents.Act> actions, long at) {
    int lo = 0;
    int hi = actions.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (actions.get(mid).at() < at) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static SlaReport.Troubleshooting judged(
      boolean applies, Instant deadline, Instant at, String by, Instant alarm, long end, long now) {
    Boolean missed = null;
    if (applies && at != null) {
      missed = at.isAfter(deadline);
    } else if (applies) {
      long d = deadline.toEpochMilli();
      // Not started: missed once the fault outlasted the deadline; a fault fixed before it needed
      // no troubleshooting; an open fault whose deadline is still ahead is not decided yet.
      missed = end > d ? Boolean.TRUE : end < now ? Boolean.FALSE : null;
    }
    return new SlaReport.Troubleshooting(
        applies, deadline, at, by, at == null ? null : Duration.between(alarm, at), missed);
  }

  /**
   * The judgement of an incident joined from its parts on several services: the earliest part's
   * alarm, and troubleshooting started at the earliest start on any part.
   */
  static SlaReport.Troubleshooting join(List<SlaReport.Incident> ordered, Instant start) {
    SlaReport.Troubleshooting first = ordered.getFirst().troubleshooting();
    if (first == null) {
      return null;
    }
    Instant at = null;
    String by = null;
    for (SlaReport.Incident p : ordered) {
      SlaReport.Troubleshooting t = p.troubleshooting();
      if (t != null && t.at() != null && (at == null || t.at().isBefore(at))) {
        at = t.at();
        by = t.by();
      }
    }
    Boolean missed = first.missed();
    if (first.applies() && at != null) {
      missed = at.isAfter(first.deadline());
    }
    return new SlaReport.Troubleshooting(
        first.applies(),
        first.deadline(),
        at,
        by,
        at == null ? null : Duration.between(start, at),
        missed);
  }

  /**
   * The promise over all incidents: not met when any was missed, undetermined while any is open.
   */
  SlaReport.TroubleshootingTotal total(List<SlaReport.Incident> incidents) {
    int judged = 0;
    int missed = 0;
    int open = 0;
    for (SlaReport.Incident i : incidents) {
      SlaReport.Troubleshooting t = i.troubleshooting();
      if (t != null && t.applies()) {
        judged++;
        missed += Boolean.TRUE.equals(t.missed()) ? 1 : 0;
        open += t.missed() == null ? 1 : 0;
      }
    }
    SlaReport.Verdict verdict =
        missed > 0
            ? SlaReport.Verdict.NOT_MET
            : open > 0 ? SlaReport.Verdict.UNDETERMINED : SlaReport.Verdict.MET;
    return new SlaReport.TroubleshootingTotal(
        promise.within(), applies(promise), judged, missed, open, verdict);
  }

  private static SlaReport.Incident with(SlaReport.Incident i, SlaReport.Troubleshooting t) {
    return new SlaReport.Incident(
        i.id(),
        i.services(),
        i.start(),
        i.end(),
        i.restoreTime(),
        i.atLeast(),
        i.counted(),
        i.exceeded(),
        i.unmonitored(),
        t);
  }
}
