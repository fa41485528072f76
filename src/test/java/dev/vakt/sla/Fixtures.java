package dev.vakt.sla;

import dev.vakt.catalog.Catalog;
import dev.vakt.common.Percent;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import dev.vakt.contract.TermsResolver;
import dev.vakt.contract.WeeklyRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Terms from the example agreements and small builders for ledgers. */
final class Fixtures {

  private Fixtures() {}

  /** The terms of a contract in {@code examples/}, as the resolver merges them on {@code day}. */
  static Terms example(String provider, String contract, LocalDate day) {
    Catalog catalog = Catalog.read(List.of(Path.of("examples", provider)));
    if (!catalog.ok()) {
      throw new IllegalStateException(catalog.problems().toString());
    }
    return new TermsResolver(catalog.terms()).resolve(contract, day).orElseThrow().terms();
  }

  /** BDN Hosting Standard (bdn-c-1001): uptime 99.9 % over 3 consecutive months (SLA-4). */
  static Terms bdn() {
    return example("bdn", "bdn-c-1001", LocalDate.of(2026, 9, 30));
  }

  /** DG dedicated server (dg-c-5001): 99.995 % over the last 30 days, whole days credited. */
  static Terms dg() {
    return example("dg", "dg-c-5001", LocalDate.of(2026, 3, 1));
  }

  static Terms terms(String zone, List<WeeklyRule> openingHours, SlaTerms sla) {
    return new Terms(
        ZoneId.of(zone),
        null,
        null,
        null,
        openingHours,
        sla,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static SlaTerms sla(SlaTerms.Objective uptime, Set<OutageCategory> excluded) {
    return new SlaTerms(uptime, null, null, null, null, excluded, null, null);
  }

  static SlaTerms.Objective objective(
      String target, SlaTerms.PeriodKind kind, Integer length, SlaTerms.Basis basis) {
    return new SlaTerms.Objective(
        target == null ? null : Percent.of(target),
        kind == null ? null : new SlaTerms.Measurement(kind, length),
        basis,
        new SlaTerms.Credit.None());
  }

  static Instant at(String utc) {
    return Instant.parse(utc.endsWith("Z") ? utc : utc + "Z");
  }

  /** A ledger being written: every service is monitored and up from {@code since}. */
  static final class Ledger {
    final List<SlaEvent> events = new ArrayList<>();

    Ledger up(String service, String since) {
      events.add(new SlaEvent.StateChange(service, at(since), SlaEvent.Level.OK, null, null));
      return this;
    }

    Ledger down(String service, String from, String to) {
      return down(service, from, to, null);
    }

    Ledger down(String service, String from, String to, String incident) {
      events.add(
          new SlaEvent.StateChange(service, at(from), SlaEvent.Level.CRITICAL, "down", incident));
      events.add(new SlaEvent.StateChange(service, at(to), SlaEvent.Level.OK, null, null));
      return this;
    }

    Ledger add(SlaEvent e) {
      events.add(e);
      return this;
    }

    List<SlaEvent> events() {
      return List.copyOf(events);
    }
  }

  static Ledger ledger() {
    return new Ledger();
  }

  static SlaReport.Figure figure(SlaReport.ServiceReport r, String name) {
    return r.figures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  static SlaReport.Figure figure(SlaReport.Total r, String name) {
    return r.figures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  static Duration hours(double h) {
    return Duration.ofMillis(Math.round(h * 3_600_000));
  }
}
