package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * An {@link SlaReport} as plain text for a customer: local times in the contract's zone, each
 * figure with the time it was computed from, and each outage with its category and cause.
 */
public final class SlaText {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final StringBuilder out = new StringBuilder();
  private final ZoneId zone;

  private SlaText(ZoneId zone) {
    this.zone = zone;
  }

  /** The whole report as text, ending with a line break. */
  public static String render(SlaReport r) {
    SlaText t = new SlaText(r.zone());
    t.line(
        "SLA report"
            + (r.customer() == null ? "" : " for customer " + r.customer())
            + (r.contract() == null ? "" : ", contract " + r.contract()));
    t.line(
        "Period "
            + t.time(r.from())
            + " to "
            + t.time(r.to())
            + " ("
            + r.zone()
            + ")"
            + (r.until().equals(r.to()) ? "" : ", so far: until " + t.time(r.until())));
    t.line("Evaluated at " + r.now() + "; percentages are rounded down to 4 decimals");
    t.line("");
    SlaReport.Total total = r.total();
    t.line("All services (" + total.services().size() + "), " + total.reading());
    for (int i = 0; i < total.figures().size(); i++) {
      t.figure(total.figures().get(i), total.period(), "  ");
      if (!total.decidedBy().isEmpty() && total.services().size() > 1) {
        t.line("    decided by " + total.decidedBy().get(i));
      }
    }
    t.reliability(total.reliability(), "  ");
    if (total.troubleshooting() != null) {
      SlaReport.TroubleshootingTotal ts = total.troubleshooting();
      t.line(
          "  Troubleshooting start within "
              + span(ts.within())
              + " of the alarm ("
              + ts.applies().code()
              + "): "
              + ts.judged()
              + " incidents judged, "
              + ts.missed()
              + " missed"
              + (ts.open() > 0 ? ", " + ts.open() + " still open" : "")
              + ": "
              + (ts.verdict() == SlaReport.Verdict.UNDETERMINED
                  ? "not yet decided"
                  : verdict(ts.verdict())));
    }
    t.line("  Incidents: " + total.incidents().size());
    total.incidents().forEach(i -> t.incident(i, "    "));
    for (SlaReport.ServiceReport s : r.services()) {
      t.line("");
      t.line("Service " + s.service());
      s.figures().forEach(f -> t.figure(f, s.period(), "  "));
      t.reliability(s.reliability(), "  ");
      t.line("  OutageFigures: " + s.outages().size());
      s.outages().forEach(o -> t.outage(o, "    "));
    }
    if (!r.notes().isEmpty()) {
      t.line("");
      t.line("Notes:");
      r.notes().forEach(n -> t.line("  - " + n));
    }
    return t.out.toString();
  }

  private void figure(SlaReport.Figure f, SlaReport.Breakdown period, String in) {
    String what =
        switch (f.name()) {
          case "period" -> "Uptime over the period";
          case "uptime" -> "Uptime (SLA)";
          case "availability" -> "Availability (SLA)";
          default -> f.name();
        };
    String basis = f.basis() == SlaTerms.Basis.OPENING_HOURS ? "opening hours" : "all hours";
    line(
        in
            + what
            + ", "
            + basis
            + ": "
            + pct(f.achieved())
            + (f.worstCase() != null && f.worstCase().compareTo(nz(f.achieved())) != 0
                ? " (" + pct(f.worstCase()) + " if unmonitored time was down)"
                : "")
            + (f.target() == null ? "" : "; target " + f.target() + ": " + verdict(f.verdict()))
            + (f.target() != null && f.time().unmonitored().isPositive()
                ? " (judged on monitored time; " + span(f.time().unmonitored()) + " unmonitored)"
                : ""));
    if (!f.name().equals("period")) {
      line(
          in
              + "  window: "
              + f.window().description()
              + (f.window().endsAtNow() ? ", so far (until " + time(f.window().to()) + ")" : ""));
    }
    if (f.name().equals("period") || !f.time().equals(period)) {
      line(in + "  " + breakdown(f.time()));
    }
    if (f.budget() != null) {
      line(
          in
              + "  error budget: allowed "
              + span(f.budget().allowed())
              + ", used "
              + span(f.budget().used())
              + ", left "
              + span(f.budget().left()));
    }
    if (!f.months().isEmpty()) {
      line(
          in
              + "  per month: "
              + f.months().stream()
                  .map(m -> m.window().description() + " " + pct(m.achieved()))
                  .collect(Collectors.joining(", ")));
    }
    if (f.credit() != null) {
      SlaReport.Credit c = f.credit();
      line(in + "  credit: " + c.explanation());
      if (!c.days().isEmpty()) {
        line(
            in
                + "    days: "
                + c.days().stream()
                    .map(
                        d ->
                            d.date()
                                + " ("
                                + span(d.downtime())
                                + " down of "
                                + span(d.time())
                                + ")")
                    .collect(Collectors.joining(", ")));
      }
      if (c.amount() != null) {
        line(in + "    amount: " + c.amount());
      }
    }
  }

  private String breakdown(SlaReport.Breakdown b) {
    String cats =
        b.categories().stream()
            .filter(c -> c.category() != OutageCategory.COUNTED)
            .map(
                c -> c.category().code() + " " + span(c.time()) + (c.excluded() ? " excluded" : ""))
            .collect(Collectors.joining(", "));
    return "time "
        + span(b.time())
        + ": up "
        + span(b.up())
        + ", down "
        + span(b.down())
        + " (downtime "
        + span(b.downtime())
        + (cats.isEmpty() ? "" : "; " + cats)
        + ")"
        + ", unmonitored "
        + span(b.unmonitored());
  }

  private void reliability(SlaReport.Reliability r, String in) {
    line(
        in
            + "MTBF: "
            + (r.mtbf() == null
                ? "no failures"
                : span(r.mtbf())
                    + " ("
                    + r.failures()
                    + (r.failures() == 1 ? " failure" : " failures")
                    + " in "
                    + span(r.operatingTime())
                    + " operating)")
            + (r.promised() == null
                ? ""
                : "; promised " + span(r.promised()) + ": " + (r.met() ? "met" : "NOT MET")));
  }

  private void incident(SlaReport.Incident i, String in) {
    line(
        in
            + time(i.start())
            + " - "
            + time(i.end())
            + "  "
            + i.id()
            + " ("
            + String.join(", ", i.services())
            + "): restore time "
            + (i.atLeast() ? "at least " : "")
            + span(i.restoreTime())
            + (i.exceeded() == null ? "" : i.exceeded() ? ", over the promised maximum" : "")
            + (i.unmonitored().isPositive()
                ? ", of which " + span(i.unmonitored()) + " unmonitored (a monitoring gap)"
                : "")
            + (i.counted() ? "" : ", not counted")
            + troubleshooting(i.troubleshooting()));
  }

  private static String troubleshooting(SlaReport.Troubleshooting t) {
    if (t == null) {
      return "";
    }
    if (!t.applies()) {
      return "; troubleshooting promise does not apply at the time of the alarm";
    }
    String start =
        t.at() == null
            ? "troubleshooting not started"
            : "troubleshooting started after "
                + span(t.time())
                + (t.by() == null ? "" : " by " + t.by());
    return "; "
        + start
        + (t.missed() == null
            ? ", deadline not yet passed"
            : t.missed() ? ", too late" : ", in time");
  }

  private void outage(SlaReport.Outage o, String in) {
    String cats =
        o.categories().stream()
            .map(c -> c.category().code() + (c.excluded() ? " (excluded)" : ""))
            .collect(Collectors.joining(", "));
    SlaReport.Action a = o.action();
    String action =
        a.missing()
            ? "no action recorded"
            : "action after "
                + span(a.timeToAction())
                + " ("
                + a.kind().code()
                + (a.by() == null ? "" : " by " + a.by())
                + ")";
    line(
        in
            + time(o.start())
            + " - "
            + time(o.end())
            + "  "
            + span(o.duration())
            + ", downtime "
            + span(o.downtime())
            + ", "
            + cats
            + "; "
            + action
            + (Boolean.TRUE.equals(a.exceeded()) ? ", later than promised" : "")
            + (o.startsBeforePeriod() ? "; began before the period" : "")
            + (o.continuesAfterPeriod() ? "; went on after the period" : "")
            + (o.open() ? "; still open" : ""));
    line(in + "  why: " + String.join("; ", o.sources()));
  }

  private static String verdict(SlaReport.Verdict v) {
    return switch (v) {
      case MET -> "MET";
      case NOT_MET -> "NOT MET";
      case UNDETERMINED -> "UNDETERMINED (no monitored time)";
      case NO_TARGET -> "no target";
    };
  }

  private static String pct(BigDecimal v) {
    return v == null ? "n/a (no monitored time)" : v.toPlainString() + " %";
  }

  private static BigDecimal nz(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }

  private String time(Instant t) {
    var local = t.atZone(zone);
    return (local.getSecond() == 0 && local.getNano() == 0 ? MINUTE : SECOND).format(local);
  }

  /** A duration as people read it: {@code 2d 3h 5m 7.5s}; negative with a leading minus. */
  static String span(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    String sign = d.isNegative() ? "-" : "";
    Duration a = d.abs();
    StringBuilder s = new StringBuilder();
    append(s, a.toDays(), "d");
    append(s, a.toHoursPart(), "h");
    append(s, a.toMinutesPart(), "m");
    if (a.toSecondsPart() != 0 || a.toMillisPart() != 0) {
      BigDecimal sec = BigDecimal.valueOf(a.toSecondsPart() * 1000L + a.toMillisPart(), 3);
      s.append(s.isEmpty() ? "" : " ").append(sec.stripTrailingZeros().toPlainString()).append('s');
    }
    return sign + s;
  }

  private static void append(StringBuilder s, long n, String unit) {
    if (n != 0) {
      s.append(s.isEmpty() ? "" : " ").append(n).append(unit);
    }
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
