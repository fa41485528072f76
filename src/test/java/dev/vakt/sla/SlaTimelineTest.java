package dev.vakt.sla;

import static dev.vakt.sla.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How the ledger becomes a timeline: reports (SLA-1), gaps and unknown states (MON-9, SLA-11),
 * period boundaries, incidents (SLA-6, SLA-7) and time to action (ALR-4). March 2026 in UTC: 744 h.
 */
class SlaTimelineTest {

  static final String S = "web";
  static final String DB = "db";

  static SlaTerms sla(Set<OutageCategory> excluded) {
    return new SlaTerms(
        Fixtures.objective("99.9", null, null, SlaTerms.Basis.ALWAYS),
        null,
        Duration.ofDays(360),
        Duration.ofHours(4),
        Duration.ofHours(1),
        excluded,
        null,
        null);
  }

  static SlaReport march(Terms terms, List<String> services, Fixtures.Ledger l, String now) {
    return SlaCalculator.report(
        SlaRequest.ofDates(
            terms,
            services,
            l.events(),
            LocalDate.of(2026, 3, 1),
            LocalDate.of(2026, 4, 1),
            at(now)));
  }

  static SlaReport march(Fixtures.Ledger l) {
    return march(Fixtures.terms("UTC", null, sla(Set.of())), List.of(S), l, "2026-04-01T00:00:00");
  }

  @Test
  void sla1_aCustomersReportCountsFromItsReceiptUntilFixed() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .add(
                new SlaEvent.Report(
                    "r-1", S, at("2026-03-05T10:00:00"), at("2026-03-05T12:30:00"), "502"));
    SlaReport.ServiceReport r = march(l).services().getFirst();
    assertThat(r.period().downtime()).isEqualTo(Duration.ofMinutes(150));
    assertThat(r.outages().getFirst().sources())
        .containsExactly("report r-1 at 2026-03-05T10:00:00Z (502)");
  }

  @Test
  void sla1_anOpenReportRunsUntilNow() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .add(new SlaEvent.Report("r-1", S, at("2026-03-31T20:00:00"), null, null));
    SlaReport report =
        march(Fixtures.terms("UTC", null, sla(Set.of())), List.of(S), l, "2026-03-31T22:00:00");
    SlaReport.ServiceReport r = report.services().getFirst();
    assertThat(report.until()).isEqualTo(at("2026-03-31T22:00:00"));
    assertThat(r.period().time()).isEqualTo(Duration.ofHours(742));
    assertThat(r.period().downtime()).isEqualTo(Duration.ofHours(2));
    assertThat(r.outages().getFirst().open()).isTrue();
    assertThat(r.incidents().getFirst().atLeast()).isTrue();
    assertThat(report.notes()).anyMatch(n -> n.contains("after the moment of evaluation"));
  }

  @Test
  void mon9_sla11_aGapIsUnmonitoredNeverUpAndTheVerdictSaysSo() {
    // 0.5 h down and a 1 h gap in 744 h: achieved 742.5 / 743 = 99.93270 % over monitored time,
    // worst case 742.5 / 744 = 99.79838 %. The one rule for gaps (docs/outages.md, issue 31): a
    // gap holds no fault report, so no downtime (SLA-1), and is not counted as up (SLA-11): the
    // target is judged on monitored time, MET, and the gap is shown beside it.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .down(S, "2026-03-05T10:00:00", "2026-03-05T10:30:00")
            .add(
                new SlaEvent.Gap(
                    at("2026-03-06T00:00:00"), at("2026-03-06T01:00:00"), "vakt down"));
    SlaReport.Figure f = Fixtures.figure(march(l).services().getFirst(), "uptime");
    assertThat(f.time().unmonitored()).isEqualTo(Duration.ofHours(1));
    assertThat(f.time().up()).isEqualTo(Duration.ofMinutes(742 * 60 + 30));
    assertThat(f.achieved()).isEqualByComparingTo("99.9327");
    assertThat(f.worstCase()).isEqualByComparingTo("99.7983");
    assertThat(f.verdict()).isEqualTo(SlaReport.Verdict.MET);

    // STW 7.0 excludes unmonitored time: the provider answers for monitored time only.
    SlaReport stw =
        march(
            Fixtures.terms("UTC", null, sla(EnumSet.of(OutageCategory.UNMONITORED))),
            List.of(S),
            l,
            "2026-04-01T00:00:00");
    SlaReport.Figure g = Fixtures.figure(stw.services().getFirst(), "uptime");
    assertThat(g.time().unmonitored()).isEqualTo(Duration.ofHours(1));
    assertThat(g.verdict()).isEqualTo(SlaReport.Verdict.MET);
  }

  @Test
  void sla11_unknownStatesAndTimeBeforeAnyEventAreUnmonitored() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-03-02T00:00:00")
            .add(
                new SlaEvent.StateChange(
                    S, at("2026-03-10T00:00:00"), SlaEvent.Level.UNKNOWN, "agent timeout", null))
            .add(
                new SlaEvent.StateChange(
                    S, at("2026-03-10T06:00:00"), SlaEvent.Level.WARNING, "slow", null));
    SlaReport.ServiceReport r = march(l).services().getFirst();
    assertThat(r.period().unmonitored()).isEqualTo(Duration.ofHours(24 + 6));
    assertThat(r.intervals())
        .extracting(i -> i.sources().getFirst())
        .containsExactly(
            "no monitoring state recorded yet",
            "state unknown at 2026-03-10T00:00:00Z (agent timeout)");
  }

  @Test
  void mon9_aReportInsideAGapIsDowntime() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .add(new SlaEvent.Gap(at("2026-03-06T00:00:00"), at("2026-03-06T04:00:00"), null))
            .add(
                new SlaEvent.Report(
                    "r-1", S, at("2026-03-06T01:00:00"), at("2026-03-06T02:00:00"), null));
    SlaReport.ServiceReport r = march(l).services().getFirst();
    assertThat(r.period().downtime()).isEqualTo(Duration.ofHours(1));
    assertThat(r.period().unmonitored()).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void outagesAreClippedToThePeriodAndSaySo() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .down(S, "2026-02-28T22:00:00", "2026-03-01T02:00:00")
            .down(S, "2026-03-31T23:00:00", "2026-04-01T01:00:00");
    SlaReport.ServiceReport r =
        march(Fixtures.terms("UTC", null, sla(Set.of())), List.of(S), l, "2026-04-02T00:00:00")
            .services()
            .getFirst();
    assertThat(r.outages()).hasSize(2);
    SlaReport.Outage first = r.outages().getFirst();
    assertThat(first.start()).isEqualTo(at("2026-03-01T00:00:00"));
    assertThat(first.duration()).isEqualTo(Duration.ofHours(2));
    assertThat(first.startsBeforePeriod()).isTrue();
    SlaReport.Outage last = r.outages().getLast();
    assertThat(last.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(last.continuesAfterPeriod()).isTrue();
    assertThat(last.open()).isFalse();
    assertThat(r.period().downtime()).isEqualTo(Duration.ofHours(3));
    assertThat(r.incidents()).allMatch(SlaReport.Incident::atLeast);
  }

  @Test
  void alr4_timeToActionIsTheFirstActionAfterTheStart() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .down(S, "2026-03-05T10:00:00", "2026-03-05T12:00:00")
            .add(
                new SlaEvent.Action(
                    S, at("2026-03-05T10:20:00"), SlaEvent.ActionKind.ACKNOWLEDGED, "ola"))
            .add(
                new SlaEvent.Action(
                    S,
                    at("2026-03-05T10:40:00"),
                    SlaEvent.ActionKind.TROUBLESHOOTING_STARTED,
                    "ola"))
            .down(S, "2026-03-07T10:00:00", "2026-03-07T12:00:00");
    List<SlaReport.Outage> outages = march(l).services().getFirst().outages();
    SlaReport.Action first = outages.getFirst().action();
    assertThat(first.timeToAction()).isEqualTo(Duration.ofMinutes(20));
    assertThat(first.kind()).isEqualTo(SlaEvent.ActionKind.ACKNOWLEDGED);
    assertThat(first.exceeded()).isFalse();
    SlaReport.Action second = outages.getLast().action();
    assertThat(second.missing()).isTrue();
    assertThat(second.exceeded()).isTrue(); // 2 h without action, 1 h promised
  }

  @Test
  void sla6_sla7_incidentsGroupServicesByCauseAndMtbfCountsFailures() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .up(DB, "2026-02-01T00:00:00")
            .down(S, "2026-03-05T10:00:00", "2026-03-05T12:00:00", "host-1")
            .down(DB, "2026-03-05T10:05:00", "2026-03-05T15:00:00", "host-1")
            .down(S, "2026-03-20T10:00:00", "2026-03-20T11:00:00");
    SlaReport r =
        march(Fixtures.terms("UTC", null, sla(Set.of())), List.of(S, DB), l, "2026-04-01T00:00:00");
    assertThat(r.total().incidents()).hasSize(2);
    SlaReport.Incident host = r.total().incidents().getFirst();
    assertThat(host.services()).containsExactly(S, DB);
    assertThat(host.restoreTime()).isEqualTo(Duration.ofHours(5));
    assertThat(host.exceeded()).isTrue(); // 4 h promised
    // Per service: web had 2 failures in 744 - 3 h; db 1 failure in 744 - 4 h 55 min.
    assertThat(r.services().getFirst().reliability().mtbf())
        .isEqualTo(Duration.ofMinutes(741 * 30));
    assertThat(r.services().getLast().reliability().failures()).isEqualTo(1);
    // SLA-6 (issue 31), each service on its own (the default scope): the total's MTBF is the
    // lowest of the services', web's 741 h / 2, never service time over all failures.
    assertThat(r.total().scope()).isEqualTo(SlaTerms.Scope.SERVICE);
    assertThat(r.total().reliability()).isEqualTo(r.services().getFirst().reliability());
    // SLA-4: the total is the figure of the service that decides it (db: 4 h 55 min down in 744 h),
    // never an average over service time.
    SlaReport.Figure total = Fixtures.figure(r.total(), "uptime");
    assertThat(total.time().time()).isEqualTo(Duration.ofHours(744));
    assertThat(total.time().downtime()).isEqualTo(Duration.ofMinutes(295));
    assertThat(r.total().decidedBy().get(1)).isEqualTo(DB);
  }

  @Test
  void badRequestsAreRefusedWithTheirReason() {
    Terms t = Fixtures.terms("UTC", null, null);
    assertThatThrownBy(
            () ->
                SlaRequest.ofDates(
                    t,
                    List.of(S),
                    List.of(),
                    LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 1),
                    Instant.now()))
        .hasMessageContaining("to: the period must end after it starts");
    assertThatThrownBy(
            () ->
                SlaRequest.ofDates(
                    t,
                    List.of(),
                    List.of(),
                    LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 4, 1),
                    Instant.now()))
        .hasMessageContaining("services: name at least one service");
    assertThatThrownBy(
            () ->
                SlaRequest.ofDates(
                    t,
                    List.of(S),
                    List.of(),
                    LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 4, 1),
                    at("2026-02-01T00:00:00")))
        .hasMessageContaining("now: the period starts at 2026-03-01T00:00:00Z, after the moment");
  }

  @Test
  void withoutSlaTermsThePeriodIsStillReported() {
    SlaReport r =
        march(
            Fixtures.terms("UTC", null, null),
            List.of(S),
            Fixtures.ledger()
                .up(S, "2026-02-01T00:00:00")
                .down(S, "2026-03-05T10:00:00", "2026-03-05T11:00:00"),
            "2026-04-01T00:00:00");
    assertThat(r.services().getFirst().figures())
        .extracting(SlaReport.Figure::name)
        .containsExactly("period");
    SlaReport.Figure p = r.services().getFirst().figures().getFirst();
    assertThat(p.verdict()).isEqualTo(SlaReport.Verdict.NO_TARGET);
    assertThat(p.achieved()).isEqualByComparingTo("99.8655");
  }
}
