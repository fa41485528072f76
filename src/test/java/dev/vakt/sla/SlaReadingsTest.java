package dev.vakt.sla;

import static dev.vakt.sla.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The four readings of issue 31, each from the agreements' wording: the customer's total (SLA-4,
 * SLA-6), incidents across monitoring gaps (SLA-7, MON-9), the troubleshooting-start promise
 * (ALR-3, next to ALR-4) and one rule for gaps in verdicts (SLA-1, SLA-11). Every case here failed
 * on the code before it.
 */
class SlaReadingsTest {

  static final String WEB = "web";
  static final String DB = "db";
  static final String MAIL = "mail";

  /** BDN Q3 2026 (92 days, 2,208 h), Copenhagen, with bdn-c-1001's terms. */
  static SlaReport q3(Terms terms, List<String> services, Fixtures.Ledger l) {
    return SlaCalculator.report(
        SlaRequest.ofDates(
            terms,
            services,
            l.events(),
            LocalDate.of(2026, 7, 1),
            LocalDate.of(2026, 10, 1),
            at("2026-10-02T00:00:00")));
  }

  /** BDN SLA 1.1.5 (99.9 % over 3 consecutive months) and 1.1.8 (48 h restore), with a scope. */
  static Terms bdnLike(SlaTerms.Scope scope) {
    return Fixtures.terms(
        "Europe/Copenhagen",
        null,
        new SlaTerms(
            Fixtures.objective(
                "99.9", SlaTerms.PeriodKind.CONSECUTIVE_MONTHS, 3, SlaTerms.Basis.ALWAYS),
            null,
            Duration.ofDays(360),
            Duration.ofHours(48),
            null,
            Set.of(),
            null,
            scope));
  }

  // --- 1. The total (SLA-4, SLA-6) ---------------------------------------------------------------

  @Test
  void sla4_eachServiceOnItsOwn_oneServiceMissingMissesTheTotal() {
    // BDN SLA 1.1.5: 99.9 % "for de af Kundens løsninger og services": 3 h down on one of three
    // services misses its 2 h 12 min 28.8 s allowance. An average over service time (3 h in
    // 6,624 h = 99.9547 %) said "met".
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .up(DB, "2026-06-30T00:00:00")
            .up(MAIL, "2026-06-30T00:00:00")
            .down(DB, "2026-08-10T10:00:00", "2026-08-10T13:00:00");
    SlaReport r = q3(Fixtures.bdn(), List.of(WEB, DB, MAIL), l);
    assertThat(r.total().scope()).isEqualTo(SlaTerms.Scope.SERVICE);
    SlaReport.Figure total = Fixtures.figure(r.total(), "uptime");
    assertThat(total.verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
    assertThat(total.achieved()).isEqualByComparingTo("99.8641"); // (2208 - 3) / 2208
    assertThat(total.time().downtime()).isEqualTo(Duration.ofHours(3));
    assertThat(r.total().decidedBy().get(1)).isEqualTo(DB);
    assertThat(r.total().reading()).contains("each service on its own");
  }

  @Test
  void sla4_theBdnContractSaysItsReadingAndVaktTermsShowsIt() {
    // examples/bdn sets sla.scope from BDN SLA 1.1.5; `vakt terms` prints the resolved terms
    // through
    // Binder.MAPPER, so the reading is in its output.
    Terms bdn = Fixtures.bdn();
    assertThat(bdn.sla().scope()).isEqualTo(SlaTerms.Scope.SERVICE);
    assertThat(dev.vakt.common.Binder.MAPPER.valueToTree(bdn).get("sla").get("scope").asString())
        .isEqualTo("service");
  }

  @Test
  void sla6_eachServiceOnItsOwn_mtbfIsTheWorstServicesNotFleetTime() {
    // BDN SLA 1.1.7: 360 days between failures. Two failures of db in the quarter miss it
    // whatever the other services did; fleet time over all failures would divide by three.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .up(DB, "2026-06-30T00:00:00")
            .down(DB, "2026-08-10T10:00:00", "2026-08-10T10:30:00")
            .down(DB, "2026-09-10T10:00:00", "2026-09-10T10:30:00");
    SlaReport r = q3(Fixtures.bdn(), List.of(WEB, DB), l);
    assertThat(r.total().reliability()).isEqualTo(r.services().get(1).reliability());
    assertThat(r.total().reliability().failures()).isEqualTo(2);
    assertThat(r.total().reliability().met()).isFalse();
  }

  @Test
  void sla4_sla6_solutionAsAWhole_downtimeIsTheUnionOfTheServices() {
    // The solution is down while any service is down: web 10-12 and db 11-13 overlap, so the
    // solution was down 3 h (not 4 h, not 2 h averaged) and failed once.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .up(DB, "2026-06-30T00:00:00")
            .down(WEB, "2026-08-10T10:00:00", "2026-08-10T12:00:00")
            .down(DB, "2026-08-10T11:00:00", "2026-08-10T13:00:00");
    SlaReport r = q3(bdnLike(SlaTerms.Scope.SOLUTION), List.of(WEB, DB), l);
    SlaReport.Figure total = Fixtures.figure(r.total(), "uptime");
    assertThat(total.time().time()).isEqualTo(Duration.ofHours(2208));
    assertThat(total.time().downtime()).isEqualTo(Duration.ofHours(3));
    assertThat(total.verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
    assertThat(r.total().decidedBy()).isEmpty();
    assertThat(r.total().reliability().failures()).isEqualTo(1);
    assertThat(r.total().reliability().operatingTime()).isEqualTo(Duration.ofHours(2205));
    assertThat(r.total().reading()).contains("solution as a whole");
  }

  // --- 2. Incidents across gaps (SLA-7, MON-9) ---------------------------------------------------

  @Test
  void sla7_mon9_aGapInsideAFaultDoesNotSplitIt_fiftyHoursMissFortyEight() {
    // Down from 1 Aug 00:00, Vakt's monitoring away 2 Aug 00:00-04:00, fixed 3 Aug 02:00: 24 h +
    // 4 h unmonitored + 22 h = one 50 h incident, over BDN SLA 1.1.8's 48 h.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .down(WEB, "2026-08-01T00:00:00", "2026-08-03T02:00:00")
            .add(
                new SlaEvent.Gap(
                    at("2026-08-02T00:00:00"), at("2026-08-02T04:00:00"), "vakt down"));
    SlaReport.ServiceReport s = q3(bdnLike(null), List.of(WEB), l).services().getFirst();
    assertThat(s.outages()).hasSize(2); // the down time itself: 24 h and 22 h, monitored
    assertThat(s.incidents()).hasSize(1);
    SlaReport.Incident i = s.incidents().getFirst();
    assertThat(i.restoreTime()).isEqualTo(Duration.ofHours(50));
    assertThat(i.unmonitored()).isEqualTo(Duration.ofHours(4));
    assertThat(i.exceeded()).isTrue();
    assertThat(s.reliability().failures()).isEqualTo(1);
  }

  @Test
  void sla7_mon9_aNewIncidentIdAfterTheGapIsStillTheSameFault() {
    // Monitoring may open a new incident when it comes back; the fault was never seen fixed.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .add(
                new SlaEvent.StateChange(
                    WEB, at("2026-08-01T00:00:00"), SlaEvent.Level.CRITICAL, "down", "inc-1"))
            .add(
                new SlaEvent.Gap(at("2026-08-02T00:00:00"), at("2026-08-02T04:00:00"), "vakt down"))
            .add(
                new SlaEvent.StateChange(
                    WEB, at("2026-08-02T04:00:00"), SlaEvent.Level.CRITICAL, "down", "inc-2"))
            .add(
                new SlaEvent.StateChange(
                    WEB, at("2026-08-03T02:00:00"), SlaEvent.Level.OK, null, null));
    SlaReport r = q3(bdnLike(null), List.of(WEB), l);
    assertThat(r.total().incidents()).extracting(SlaReport.Incident::id).containsExactly("inc-1");
    assertThat(r.total().incidents().getFirst().restoreTime()).isEqualTo(Duration.ofHours(50));
  }

  @Test
  void sla7_mon9_aFaultFixedInsideAGapLastsUntilSeenUp() {
    // Down at 00:00, monitoring away from 20:00 until 3 Aug 02:00, up when it came back: the fix
    // was not seen before 3 Aug 02:00, so the incident runs 50 h, 30 h of it unmonitored; the
    // uptime figure counts only the 20 h monitored down time (a gap holds no fault report).
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .down(WEB, "2026-08-01T00:00:00", "2026-08-02T10:00:00")
            .add(
                new SlaEvent.Gap(
                    at("2026-08-01T20:00:00"), at("2026-08-03T02:00:00"), "vakt down"));
    SlaReport.ServiceReport s = q3(bdnLike(null), List.of(WEB), l).services().getFirst();
    SlaReport.Incident i = s.incidents().getFirst();
    assertThat(i.restoreTime()).isEqualTo(Duration.ofHours(50));
    assertThat(i.unmonitored()).isEqualTo(Duration.ofHours(30));
    assertThat(i.exceeded()).isTrue();
    assertThat(Fixtures.figure(s, "uptime").time().downtime()).isEqualTo(Duration.ofHours(20));
  }

  // --- 3. Troubleshooting start (ALR-3, next to ALR-4) -------------------------------------------

  /** One fault of web with the given actions, judged under bdn-c-1001's terms. */
  static SlaReport.Incident alarm(String from, String to, SlaEvent... actions) {
    Fixtures.Ledger l = Fixtures.ledger().up(WEB, "2026-06-30T00:00:00").down(WEB, from, to);
    for (SlaEvent a : actions) {
      l.add(a);
    }
    return q3(Fixtures.bdn(), List.of(WEB), l).services().getFirst().incidents().getFirst();
  }

  static SlaEvent act(String at, SlaEvent.ActionKind kind) {
    return new SlaEvent.Action(WEB, at(at), kind, "mikkel");
  }

  @Test
  void alr3_acknowledgedAt10ButTroubleshootingAt61MinutesMissesTheHour() {
    // Saturday 8 Aug 2026 12:00 Copenhagen: outside BDN's support hours (BDN SLA 1.2.1 read
    // against 1.1.10). An acknowledgement is not "påbegyndelse af fejlsøgning".
    SlaReport.Incident i =
        alarm(
            "2026-08-08T10:00:00",
            "2026-08-08T13:00:00",
            act("2026-08-08T10:10:00", SlaEvent.ActionKind.ACKNOWLEDGED),
            act("2026-08-08T11:01:00", SlaEvent.ActionKind.TROUBLESHOOTING_STARTED));
    assertThat(i.troubleshooting().applies()).isTrue();
    assertThat(i.troubleshooting().deadline()).isEqualTo(at("2026-08-08T11:00:00"));
    assertThat(i.troubleshooting().time()).isEqualTo(Duration.ofMinutes(61));
    assertThat(i.troubleshooting().missed()).isTrue();
  }

  @Test
  void alr3_troubleshootingWithinTheHourOutsideSupportHoursIsInTime() {
    SlaReport.Incident i =
        alarm(
            "2026-08-08T10:00:00",
            "2026-08-08T13:00:00",
            act("2026-08-08T10:30:00", SlaEvent.ActionKind.TROUBLESHOOTING_STARTED));
    assertThat(i.troubleshooting().missed()).isFalse();
  }

  @Test
  void alr3_insideSupportHoursThePromiseDoesNotApply() {
    // Tuesday 11 Aug 2026 12:00 Copenhagen: inside 08-21 on weekdays.
    SlaReport.Incident i = alarm("2026-08-11T10:00:00", "2026-08-11T13:00:00");
    assertThat(i.troubleshooting().applies()).isFalse();
    assertThat(i.troubleshooting().deadline()).isNull();
    assertThat(i.troubleshooting().missed()).isNull();
  }

  @Test
  void alr3_noStartRecorded_missedOnceTheFaultOutlastsTheHour_notWhenFixedBefore() {
    assertThat(alarm("2026-08-08T10:00:00", "2026-08-08T12:00:00").troubleshooting().missed())
        .isTrue();
    assertThat(alarm("2026-08-08T10:00:00", "2026-08-08T10:30:00").troubleshooting().missed())
        .isFalse();
  }

  @Test
  void alr3_anIncidentThatBeganBeforeThePeriodIsJudgedInItsOwnPeriod() {
    // Down from Tuesday 30 Jun 23:00 Copenhagen (outside support hours) into the quarter: its alarm
    // lies before the period, so this report does not judge it from 1 Jul 00:00.
    SlaReport.Incident i = alarm("2026-06-30T21:00:00", "2026-07-01T03:00:00");
    assertThat(i.atLeast()).isTrue();
    assertThat(i.troubleshooting()).isNull();
  }

  @Test
  void alr3_theTotalIsNotMetWhenAnyIncidentMissedItAndAlr4StaysPerOutage() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .down(WEB, "2026-08-08T10:00:00", "2026-08-08T13:00:00")
            .add(act("2026-08-08T10:10:00", SlaEvent.ActionKind.ACKNOWLEDGED))
            .add(act("2026-08-08T11:01:00", SlaEvent.ActionKind.TROUBLESHOOTING_STARTED))
            .down(WEB, "2026-08-15T10:00:00", "2026-08-15T13:00:00")
            .add(act("2026-08-15T10:20:00", SlaEvent.ActionKind.TROUBLESHOOTING_STARTED));
    SlaReport r = q3(Fixtures.bdn(), List.of(WEB), l);
    SlaReport.TroubleshootingTotal t = r.total().troubleshooting();
    assertThat(t.within()).isEqualTo(Duration.ofHours(1));
    assertThat(t.judged()).isEqualTo(2);
    assertThat(t.missed()).isEqualTo(1);
    assertThat(t.verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
    // ALR-4 (SWH's maximum time to action) is still the first action, the acknowledgement.
    SlaReport.Action first = r.services().getFirst().outages().getFirst().action();
    assertThat(first.kind()).isEqualTo(SlaEvent.ActionKind.ACKNOWLEDGED);
    assertThat(first.timeToAction()).isEqualTo(Duration.ofMinutes(10));
  }

  // --- 4. One rule for gaps (SLA-1, SLA-11, MON-9) -----------------------------------------------

  static Terms months(int n) {
    return Fixtures.terms(
        "Europe/Copenhagen",
        null,
        Fixtures.sla(
            Fixtures.objective(
                "99.9", SlaTerms.PeriodKind.CONSECUTIVE_MONTHS, n, SlaTerms.Basis.ALWAYS),
            Set.of()));
  }

  @Test
  void sla1_sla11_mon9_noDowntimeAndAGap_metInEveryWindow_gapShown() {
    // A 3 h gap in September, no fault report: no downtime (BDN SLA 1.1.3), not counted as up
    // either. One month: the gap alone exceeds the 43 min allowance, and the verdict used to be
    // "undetermined" there but "met" over three months. Now the same in both.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .add(
                new SlaEvent.Gap(
                    at("2026-09-10T00:00:00"), at("2026-09-10T03:00:00"), "vakt down"));
    for (int n : new int[] {1, 3}) {
      SlaReport.Figure f = Fixtures.figure(q3(months(n), List.of(WEB), l).total(), "uptime");
      assertThat(f.verdict()).as(n + " months").isEqualTo(SlaReport.Verdict.MET);
      assertThat(f.time().unmonitored()).isEqualTo(Duration.ofHours(3));
      assertThat(f.achieved()).isEqualByComparingTo("100");
      assertThat(f.worstCase()).isLessThan(f.achieved());
    }
  }

  @Test
  void sla1_sla11_someDowntimeAndAGap_judgedOnMonitoredTime() {
    // 1 h down and a 2 h gap over the quarter: (2206 - 1) / 2206 = 99.9546 % meets 99.9 %; the
    // same window without downtime was "met" and with it "undetermined" before.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .down(WEB, "2026-08-10T10:00:00", "2026-08-10T11:00:00")
            .add(
                new SlaEvent.Gap(
                    at("2026-09-10T00:00:00"), at("2026-09-10T02:00:00"), "vakt down"));
    SlaReport.Figure f = Fixtures.figure(q3(months(3), List.of(WEB), l).total(), "uptime");
    assertThat(f.achieved()).isEqualByComparingTo("99.9546");
    assertThat(f.verdict()).isEqualTo(SlaReport.Verdict.MET);
    assertThat(f.time().unmonitored()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void sla1_aCustomersFaultReportInsideAGapIsDowntime() {
    // BDN SLA 1.1.3: "fra BDNORDICs overvågningssystem eller Kundens": the customer's report
    // counts even while monitoring is away.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(WEB, "2026-06-30T00:00:00")
            .add(
                new SlaEvent.Gap(at("2026-09-10T00:00:00"), at("2026-09-10T05:00:00"), "vakt down"))
            .add(
                new SlaEvent.Report(
                    "r-1", WEB, at("2026-09-10T01:00:00"), at("2026-09-10T04:00:00"), "502"));
    SlaReport.Figure f = Fixtures.figure(q3(months(1), List.of(WEB), l).total(), "uptime");
    assertThat(f.time().downtime()).isEqualTo(Duration.ofHours(3));
    assertThat(f.time().unmonitored()).isEqualTo(Duration.ofHours(2));
    assertThat(f.verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
  }

  @Test
  void sla11_aWindowWithNoMonitoredTimeIsUndetermined() {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .add(
                new SlaEvent.Gap(
                    at("2026-06-01T00:00:00"), at("2026-11-01T00:00:00"), "not yet installed"));
    SlaReport.Figure f = Fixtures.figure(q3(months(1), List.of(WEB), l).total(), "uptime");
    assertThat(f.verdict()).isEqualTo(SlaReport.Verdict.UNDETERMINED);
    assertThat(f.achieved()).isNull();
  }
}
