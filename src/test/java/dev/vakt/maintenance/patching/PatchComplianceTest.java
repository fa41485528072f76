package dev.vakt.maintenance.patching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MaintenanceTerms.PatchPolicy;
import dev.vakt.monitoring.PackageScan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Monthly patch compliance of one server, November 2026 in Oslo (UTC+1), judged in December: the
 * stability rule (MNT-5), security patches (MNT-4), kept-back packages and reboots, postponements
 * (MNT-6), out-of-scope packages (MNT-9, MNT-10), missing data.
 */
class PatchComplianceTest {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final ReportMonth NOVEMBER =
      ReportMonth.of(YearMonth.of(2026, 11), OSLO, Instant.parse("2026-12-05T12:00:00Z"));
  static final Instant END = Instant.parse("2026-11-30T23:00:00Z");
  static final Duration STALE = Duration.ofDays(2);

  /** STW: every update within 3 days, Proxmox and Debian only, postponement allowed. */
  static final PatchRule STW =
      PatchRule.of(
          new PatchPolicy(
              null,
              Duration.ofDays(3),
              true,
              null,
              null,
              null,
              List.of("pve-kernel", "pve-manager"),
              List.of("Proxmox", "Debian"),
              true),
          List.of(),
          List.of(),
          Duration.ofDays(30));

  /** SWH-like: security patches, only the provider's software; redis is the customer's. */
  static final PatchRule SWH =
      PatchRule.of(
          new PatchPolicy(null, Duration.ofDays(3), true, null, null, true, null, null, true),
          List.of("redis-server"),
          List.of(),
          Duration.ofDays(30));

  /** BDN: security patches within the monthly check, counted in the contract's zone. */
  static final PatchRule BDN =
      PatchRule.of(
          new PatchPolicy(Period.ofMonths(1), null, true, true, true, true, null, null, false),
          List.of(),
          List.of(),
          Duration.ofDays(30));

  static Instant at(String text) {
    return Instant.parse(text);
  }

  static Observation upd(String name, boolean security, String first, String resolved) {
    return obs(name, security, false, "Debian", first, resolved);
  }

  static Observation obs(
      String name,
      boolean security,
      boolean keptBack,
      String origin,
      String first,
      String resolved) {
    Instant f = at(first);
    Instant r = resolved == null ? null : at(resolved);
    return new Observation(
        0,
        "srv",
        name,
        "1",
        "2",
        List.of(origin),
        "",
        security,
        keptBack,
        PackageScan.Source.SSH,
        f,
        r == null ? f : r,
        r);
  }

  static Postponement postponed(String servers, String recorded, String until) {
    LocalDate last = LocalDate.parse(until);
    return new Postponement(
        7,
        "cust",
        "c-1",
        servers == null ? null : List.of(servers),
        "busy season",
        "known vulnerabilities stay open until then",
        "kari@kunde.example",
        last,
        last.plusDays(1).atStartOfDay(OSLO).toInstant(),
        at(recorded),
        "api",
        null,
        null,
        null);
  }

  record Case(
      String name,
      PatchRule rule,
      List<Observation> observations,
      List<ServerInput.RebootNeed> reboot,
      List<Postponement> postponements,
      Instant lastOk,
      Verdict verdict,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case of(String name, Verdict verdict, String reason, Observation... observations) {
    return new Case(
        name, STW, List.of(observations), null, List.of(), END.minusSeconds(3600), verdict, reason);
  }

  static Case with(Case c, List<Postponement> postponements) {
    return new Case(
        c.name(),
        c.rule(),
        c.observations(),
        c.reboot(),
        postponements,
        c.lastOk(),
        c.verdict(),
        c.reason());
  }

  static Stream<Arguments> cases() {
    Observation overdue = upd("libssl3", true, "2026-11-19T00:00:00Z", null);
    return Stream.of(
            of("nothing pending", Verdict.COMPLIANT, "nothing in scope overdue"),
            of(
                "security update 2 days old: within the rule (MNT-5)",
                Verdict.COMPLIANT,
                "1 pending within the deadline",
                upd("libssl3", true, "2026-11-29T00:00:00Z", null)),
            of(
                "security update 11 days old: overdue (MNT-4, MNT-5)",
                Verdict.NON_COMPLIANT,
                "1 security update overdue (stableAfter 3d): libssl3 (11 d)",
                overdue),
            of(
                "installed after 9 days: the rule was broken while it waited (MNT-5)",
                Verdict.NON_COMPLIANT,
                "1 update installed late in the month (stableAfter 3d): tzdata (9 d)",
                upd("tzdata", false, "2026-11-01T00:00:00Z", "2026-11-10T00:00:00Z")),
            of(
                "installed within 3 days",
                Verdict.COMPLIANT,
                "nothing in scope overdue",
                upd("tzdata", false, "2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z")),
            of(
                "overdue and installed in October: not November's business",
                Verdict.COMPLIANT,
                "nothing in scope overdue",
                upd("tzdata", false, "2026-10-01T00:00:00Z", "2026-10-20T00:00:00Z")),
            of(
                "overdue since October, installed on 2 November",
                Verdict.NON_COMPLIANT,
                "installed late in the month",
                upd("tzdata", false, "2026-10-01T00:00:00Z", "2026-11-02T00:00:00Z")),
            of(
                "kept back for 10 days (MNT-4)",
                Verdict.NON_COMPLIANT,
                "1 package kept back past its deadline (stableAfter 3d): proxmox-ve (10 d)",
                obs("proxmox-ve", false, true, "Proxmox", "2026-11-20T12:00:00Z", null)),
            of(
                "a third-party package overdue is out of scope (MNT-10)",
                Verdict.COMPLIANT,
                "nothing in scope overdue",
                obs("docker-ce", true, false, "Docker", "2026-11-01T00:00:00Z", null)),
            new Case(
                "the customer's own software overdue is out of scope (MNT-9)",
                SWH,
                List.of(obs("redis-server", true, false, "Debian", "2026-11-01T00:00:00Z", null)),
                null,
                List.of(),
                END,
                Verdict.COMPLIANT,
                "nothing in scope overdue"),
            new Case(
                "reboot needed for 9 days (MNT-4)",
                STW,
                List.of(),
                List.of(new ServerInput.RebootNeed(at("2026-11-21T08:00:00Z"), null, "kernel")),
                List.of(),
                END,
                Verdict.NON_COMPLIANT,
                "reboot needed for 9 d, past due: kernel"),
            with(
                of("postponed all month (MNT-6)", Verdict.POSTPONED, "risk accepted", overdue),
                List.of(postponed(null, "2026-10-15T09:00:00Z", "2026-12-31"))),
            with(
                of(
                    "postponement ended on 10 November: later overdue time counts",
                    Verdict.NON_COMPLIANT,
                    "1 security update overdue",
                    overdue),
                List.of(postponed(null, "2026-10-15T09:00:00Z", "2026-11-10"))),
            with(
                of(
                    "postponed only after the update was overdue",
                    Verdict.NON_COMPLIANT,
                    "within the customer's postponement",
                    upd("libssl3", true, "2026-11-01T00:00:00Z", null)),
                List.of(postponed(null, "2026-11-20T09:00:00Z", "2026-12-31"))),
            with(
                of(
                    "a postponement of another server",
                    Verdict.NON_COMPLIANT,
                    "1 security update overdue",
                    overdue),
                List.of(postponed("other", "2026-10-15T09:00:00Z", "2026-12-31"))),
            new Case(
                "never scanned",
                STW,
                List.of(),
                null,
                List.of(),
                null,
                Verdict.UNKNOWN,
                "no successful scan"),
            new Case(
                "last scan 10 days before the month's end",
                STW,
                List.of(overdue),
                null,
                List.of(),
                at("2026-11-20T00:00:00Z"),
                Verdict.UNKNOWN,
                "more than 2d before"),
            new Case(
                "no patch management in the contract",
                PatchRule.none(),
                List.of(overdue),
                null,
                List.of(),
                END,
                Verdict.NOT_COVERED,
                "sets no patch management"),
            new Case(
                "BDN: a month from 31 October 00:30 in Oslo is overdue on 30 November (MNT-4)",
                BDN,
                List.of(upd("openssl", true, "2026-10-30T23:30:00Z", null)),
                null,
                List.of(),
                END,
                Verdict.NON_COMPLIANT,
                "1 security update overdue (allSecurityPatches, checkEvery 1 month)"),
            new Case(
                "BDN: a month from 1 November 00:30 in Oslo is due in December",
                BDN,
                List.of(upd("openssl", true, "2026-10-31T23:30:00Z", null)),
                null,
                List.of(),
                END,
                Verdict.COMPLIANT,
                "1 pending within the deadline"),
            new Case(
                "BDN: other updates have no deadline",
                BDN,
                List.of(upd("tzdata", false, "2026-09-01T00:00:00Z", null)),
                null,
                List.of(),
                END,
                Verdict.COMPLIANT,
                "1 pending without a deadline in the contract"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void judgesTheMonth(Case c) {
    ServerCompliance s =
        PatchCompliance.server(
            new ServerInput(
                "srv", c.rule(), c.observations(), c.lastOk(), null, c.reboot(), c.postponements()),
            NOVEMBER,
            STALE);

    assertThat(s.verdict()).as(String.join(" / ", s.reasons())).isEqualTo(c.verdict());
    assertThat(String.join(" / ", s.reasons())).contains(c.reason());
    assertThat(s.evaluatedAt()).isEqualTo(END);
  }

  @Test
  void theReportListsFindingsWithAgeDueScopeAndThePostponementsRisk_MNT6_MNT10() {
    ServerCompliance s =
        PatchCompliance.server(
            new ServerInput(
                "srv",
                STW,
                List.of(
                    upd("libssl3", true, "2026-11-19T00:00:00Z", null),
                    obs("pve-manager", false, false, "Proxmox", "2026-11-30T00:00:00Z", null),
                    obs("docker-ce", false, false, "Docker", "2026-11-02T00:00:00Z", null)),
                END,
                null,
                null,
                List.of(postponed(null, "2026-11-25T09:00:00Z", "2026-12-31"))),
            NOVEMBER,
            STALE);

    assertThat(s.verdict()).isEqualTo(Verdict.NON_COMPLIANT); // overdue from 22 Nov, postponed 25th
    ServerCompliance.Finding ssl = s.pending().getFirst();
    assertThat(ssl.name()).isEqualTo("libssl3");
    assertThat(ssl.ageDays()).isEqualTo(11);
    assertThat(ssl.due()).isEqualTo(at("2026-11-22T00:00:00Z"));
    assertThat(ssl.overdue()).isTrue();
    assertThat(ssl.postponed()).isFalse();
    assertThat(s.pending().get(1).components()).containsExactly("pve-manager");
    assertThat(s.outOfScope())
        .extracting(ServerCompliance.Finding::name, ServerCompliance.Finding::scope)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("docker-ce", Scope.OUTSIDE_REPOSITORIES));
    assertThat(s.outOfScope().getFirst().overdue()).isFalse();
    assertThat(s.counts().securityPending()).isEqualTo(1);
    assertThat(s.counts().overdue()).isEqualTo(1);
    assertThat(s.postponements().getFirst().risk())
        .isEqualTo("known vulnerabilities stay open until then");
    assertThat(s.postponements().getFirst().until()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(s.postponements().getFirst().activeAtEnd()).isTrue();
  }

  @Test
  void theCustomerIsAsCompliantAsItsWorstServer() {
    ServerCompliance ok =
        PatchCompliance.server(
            new ServerInput("a", STW, List.of(), END, null, null, List.of()), NOVEMBER, STALE);
    ServerCompliance bad =
        PatchCompliance.server(
            new ServerInput(
                "b",
                STW,
                List.of(upd("x", true, "2026-11-01T00:00:00Z", null)),
                END,
                null,
                null,
                List.of()),
            NOVEMBER,
            STALE);
    ServerCompliance off =
        PatchCompliance.server(
            new ServerInput("c", PatchRule.none(), List.of(), END, null, null, List.of()),
            NOVEMBER,
            STALE);

    CustomerCompliance c = PatchCompliance.customer("cust", "c-1", NOVEMBER, List.of(ok, bad, off));

    assertThat(c.verdict()).isEqualTo(Verdict.NON_COMPLIANT);
    assertThat(c.totals().servers()).isEqualTo(3);
    assertThat(c.totals().compliant()).isEqualTo(1);
    assertThat(c.totals().nonCompliant()).isEqualTo(1);
    assertThat(c.totals().notCovered()).isEqualTo(1);
    assertThat(c.totals().overdue()).isEqualTo(1);
    assertThat(PatchCompliance.customer("cust", null, NOVEMBER, List.of(off)).verdict())
        .isEqualTo(Verdict.NOT_COVERED);
  }

  @Test
  void theMonthUnderWayIsJudgedNow() {
    ReportMonth m =
        ReportMonth.of(YearMonth.of(2026, 11), OSLO, Instant.parse("2026-11-26T08:00:00Z"));

    assertThat(m.from()).isEqualTo(at("2026-10-31T23:00:00Z"));
    assertThat(m.to()).isEqualTo(at("2026-11-26T08:00:00Z"));
  }
}
