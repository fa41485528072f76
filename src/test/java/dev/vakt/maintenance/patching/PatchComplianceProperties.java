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
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the monthly compliance for any observations, postponements and reboots (MNT-4,
 * MNT-5, MNT-6, MNT-9, MNT-10).
 *
 * <p>Edge cases are off: with six generators their combinations (every offset at its bounds, no
 * scan at all) crowd out ordinary months. Offsets are uniform in hours from 1 September 2026.
 */
class PatchComplianceProperties {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final Instant BASE = Instant.parse("2026-09-01T00:00:00Z");
  static final Duration STALE = Duration.ofDays(2);

  static final Map<String, PatchRule> RULES =
      Map.of(
          "stw",
          PatchRule.of(
              new PatchPolicy(
                  null,
                  Duration.ofDays(3),
                  true,
                  null,
                  null,
                  null,
                  List.of("pve-manager"),
                  List.of("Proxmox", "Debian"),
                  true),
              List.of(),
              List.of(),
              Duration.ofDays(30)),
          "swh",
          PatchRule.of(
              new PatchPolicy(null, null, true, null, null, true, null, null, true),
              List.of("redis-*"),
              List.of(),
              Duration.ofDays(30)),
          "bdn",
          PatchRule.of(
              new PatchPolicy(Period.ofMonths(1), null, true, null, null, true, null, null, true),
              List.of(),
              List.of(),
              Duration.ofDays(30)),
          "dg",
          PatchRule.of(
              new PatchPolicy(
                  null,
                  Duration.ofDays(7),
                  null,
                  null,
                  null,
                  true,
                  List.of("nginx", "php-fpm"),
                  List.of("Debian"),
                  true),
              List.of(),
              List.of(),
              Duration.ofDays(30)),
          "none",
          PatchRule.none());

  record Case(
      PatchRule rule,
      List<Observation> observations,
      List<ServerInput.RebootNeed> reboot,
      List<Postponement> postponements,
      Instant lastOk,
      ReportMonth month) {

    ServerInput input(List<Postponement> p) {
      return new ServerInput("srv", rule, observations, lastOk, null, reboot, p);
    }

    ServerCompliance judge() {
      return PatchCompliance.server(input(postponements), month, STALE);
    }
  }

  static Instant hours(long h) {
    return BASE.plus(Duration.ofHours(h));
  }

  @Provide
  Arbitrary<Case> months() {
    long span = 24 * 120; // September to December
    Arbitrary<Observation> observations =
        Combinators.combine(
                Arbitraries.of(
                    "libssl3",
                    "tzdata",
                    "pve-manager",
                    "docker-ce",
                    "redis-server",
                    "php8.2-fpm",
                    "nginx",
                    "proxmox-ve"),
                Arbitraries.of("Debian", "Proxmox", "Docker", ""),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(0, span).withDistribution(RandomDistribution.uniform()),
                Arbitraries.longs()
                    .between(-1, 24 * 40)
                    .withDistribution(RandomDistribution.uniform()))
            .as(
                (name, origin, flags, first, length) ->
                    new Observation(
                        0,
                        "srv",
                        name,
                        "1",
                        "2",
                        origin.isEmpty() ? List.of() : List.of(origin),
                        "",
                        (flags & 1) != 0,
                        (flags & 2) != 0,
                        PackageScan.Source.SSH,
                        hours(first),
                        hours(first + Math.max(0, length)),
                        length < 0 ? null : hours(first + length)));
    Arbitrary<ServerInput.RebootNeed> reboots =
        Combinators.combine(
                Arbitraries.longs().between(0, span).withDistribution(RandomDistribution.uniform()),
                Arbitraries.longs().between(-1, 400).withDistribution(RandomDistribution.uniform()))
            .as(
                (from, length) ->
                    new ServerInput.RebootNeed(
                        hours(from), length < 0 ? null : hours(from + length), "kernel"));
    Arbitrary<Postponement> postponements =
        Combinators.combine(
                Arbitraries.of("all", "all", "srv", "other"),
                Arbitraries.longs()
                    .between(0, 24 * 75)
                    .withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 90),
                Arbitraries.longs()
                    .between(-1, 24 * 60)
                    .withDistribution(RandomDistribution.uniform()))
            .as(
                (servers, recorded, days, endedAfter) -> {
                  Instant at = hours(recorded);
                  LocalDate until = LocalDate.ofInstant(at, OSLO).plusDays(days);
                  return new Postponement(
                      1,
                      "cust",
                      "c",
                      servers.equals("all") ? null : List.of(servers),
                      "busy",
                      "open vulnerabilities",
                      "kari@kunde.example",
                      until,
                      until.plusDays(1).atStartOfDay(OSLO).toInstant(),
                      at,
                      "api",
                      endedAfter < 0 ? null : at.plus(Duration.ofHours(endedAfter)),
                      null,
                      null);
                });
    Arbitrary<ReportMonth> month =
        Combinators.combine(
                Arbitraries.of(YearMonth.of(2026, 10), YearMonth.of(2026, 11)),
                Arbitraries.longs()
                    .between(24 * 62, span + 24 * 30)
                    .withDistribution(RandomDistribution.uniform()))
            .as((m, now) -> ReportMonth.of(m, OSLO, hours(now)));
    return Combinators.combine(
            Arbitraries.of(List.copyOf(new java.util.TreeSet<>(RULES.keySet()))),
            observations.list().ofMaxSize(12),
            reboots.list().ofMaxSize(3).injectNull(0.3),
            postponements.list().ofMaxSize(3),
            // Hours before the instant judged on: mostly fresh, sometimes stale, sometimes none.
            Arbitraries.longs().between(-1, 50).withDistribution(RandomDistribution.uniform()),
            month)
        .as(
            (rule, obs, reboot, posts, back, m) ->
                new Case(
                    RULES.get(rule),
                    obs,
                    reboot,
                    posts,
                    back < 0 ? null : m.to().minus(Duration.ofHours(back)),
                    m));
  }

  /** Higher is better; unknown and not covered are their own ranks, unaffected by postponing. */
  static int rank(Verdict v) {
    return switch (v) {
      case NON_COMPLIANT -> 0;
      case POSTPONED -> 1;
      case COMPLIANT -> 2;
      case UNKNOWN -> 10;
      case NOT_COVERED -> 20;
    };
  }

  @Property(edgeCases = EdgeCasesMode.NONE)
  void aPostponementNeverMakesAServerLessCompliant_MNT6(@ForAll("months") Case c) {
    Verdict with = c.judge().verdict();
    Verdict without = PatchCompliance.server(c.input(List.of()), c.month(), STALE).verdict();
    Statistics.label("without -> with").collect(without + " -> " + with);

    assertThat(rank(with)).isGreaterThanOrEqualTo(rank(without));
    if (without == Verdict.COMPLIANT) {
      assertThat(with).isEqualTo(Verdict.COMPLIANT);
    }
  }

  @Property(edgeCases = EdgeCasesMode.NONE)
  void agesAreNeverNegative_MNT5(@ForAll("months") Case c) {
    ServerCompliance s = c.judge();

    assertThat(s.pending()).allMatch(f -> f.ageDays() >= 0);
    assertThat(s.installedLate()).allMatch(f -> f.ageDays() >= 0);
    assertThat(s.outOfScope()).allMatch(f -> f.ageDays() >= 0);
    if (s.reboot() != null) {
      assertThat(s.reboot().ageDays()).isGreaterThanOrEqualTo(0);
    }
  }

  @Property(edgeCases = EdgeCasesMode.NONE)
  void outOfScopePackagesNeverCountAsOverdue_MNT9_MNT10(@ForAll("months") Case c) {
    ServerCompliance s = c.judge();
    List<Observation> inScope =
        c.observations().stream().filter(o -> c.rule().scope(o) == Scope.IN_SCOPE).toList();
    Case withoutThem =
        new Case(c.rule(), inScope, c.reboot(), c.postponements(), c.lastOk(), c.month());

    assertThat(s.outOfScope()).allMatch(f -> !f.overdue() && f.due() == null);
    assertThat(s.counts().overdue())
        .isEqualTo((int) s.pending().stream().filter(ServerCompliance.Finding::overdue).count());
    assertThat(withoutThem.judge().verdict()).isEqualTo(s.verdict());
  }

  @Property(edgeCases = EdgeCasesMode.NONE)
  void overdueMeansPastDueWithinTheMonth_MNT5(@ForAll("months") Case c) {
    ServerCompliance s = c.judge();

    for (ServerCompliance.Finding f :
        java.util.stream.Stream.concat(s.pending().stream(), s.installedLate().stream()).toList()) {
      if (f.overdue()) {
        assertThat(f.due()).isBefore(s.evaluatedAt());
      }
      if (f.postponed()) {
        assertThat(f.overdue()).isTrue();
      }
    }
    assertThat(s.installedLate()).allMatch(ServerCompliance.Finding::overdue);
  }
}
