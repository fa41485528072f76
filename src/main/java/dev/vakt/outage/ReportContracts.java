package dev.vakt.outage;

import dev.vakt.common.ApiErrors;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.Service;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which contract an SLA report is made under, and over which services (issue 18): the contract
 * coverage names for the report's last day, never a pick of its own. A report's days are the
 * contract's local days; "today" is the customer's local day by the injected clock.
 */
@Component
class ReportContracts {

  private final CoverageService coverage;
  private final Clock clock;

  ReportContracts(CoverageService coverage, Clock clock) {
    this.coverage = coverage;
    this.clock = clock;
  }

  /** The customer's local day now, in its provider's zone. */
  LocalDate today(String customer) {
    return coverage.ofCustomer(customer, clock.instant()).localDate();
  }

  /**
   * The zone whose today ends a report over the last days: the named contract's, else that of the
   * one contract covering the customer's services, else the provider's.
   */
  ZoneId zoneNow(String customer, List<Service> services, String contract) {
    Instant now = clock.instant();
    ZoneId zone = coverage.ofCustomer(customer, now).zone();
    if (contract != null) {
      return coverage.ofCustomer(customer, now).contracts().stream()
          .filter(t -> t.contract().equals(contract))
          .findFirst()
          .map(ReportContracts::zone)
          .orElse(zone);
    }
    List<ResolvedTerms> covering = coveringContracts(customer, services, now);
    return covering.size() == 1 ? zone(covering.getFirst()) : zone;
  }

  /** The terms a report is made under, and the services it reports on. */
  record Governed(ResolvedTerms terms, List<String> services) {}

  /** One service: the contract coverage names for it on {@code day}. */
  Governed forService(String customer, Service service, LocalDate day, String contract) {
    Subject subject = Subject.service(service.id());
    Instant at = lastInstant(customer, day);
    if (coverage.ofCustomer(customer, at).contracts().isEmpty()) {
      throw new ApiErrors.Conflict("customer " + customer + " had no contract on " + day);
    }
    Coverage c = coverage.at(subject, at);
    if (!c.localDate().equals(day)) {
      // The contract keeps a zone of its own: ask again at the end of the day in that zone.
      c = coverage.at(subject, day.plusDays(1).atStartOfDay(c.zone()).toInstant().minusNanos(1));
    }
    if (c.terms() == null) {
      throw new ApiErrors.Conflict(
          "service " + service.id() + " of " + customer + " on " + day + ": " + c.reason().text());
    }
    if (contract != null && !contract.equals(c.terms().contract())) {
      throw new ApiErrors.InvalidInput(
          "contract",
          "service "
              + service.id()
              + " is covered by contract "
              + c.terms().contract()
              + " on "
              + day
              + ", not by "
              + contract);
    }
    return new Governed(c.terms(), List.of(service.id()));
  }

  /**
   * All of a customer's services: those the named contract covers on {@code day}, or, unnamed,
   * those of the one contract that covers any of them.
   */
  Governed forCustomer(String customer, List<Service> services, LocalDate day, String contract) {
    Instant at = lastInstant(customer, day);
    List<ResolvedTerms> running = coverage.ofCustomer(customer, at).contracts();
    if (running.isEmpty() && contract != null) {
      throw new ApiErrors.NotFound("contract " + contract + " of " + customer + " on " + day);
    }
    if (running.isEmpty()) {
      throw new ApiErrors.Conflict("customer " + customer + " had no contract on " + day);
    }
    Map<String, List<Service>> byContract = new LinkedHashMap<>();
    Map<String, ResolvedTerms> termsOf = new LinkedHashMap<>();
    for (Service s : services) {
      Coverage c = coverage.at(Subject.service(s.id()), at);
      if (c.terms() != null && covered(s, c.terms())) {
        termsOf.putIfAbsent(c.terms().contract(), c.terms());
        byContract.computeIfAbsent(c.terms().contract(), k -> new ArrayList<>()).add(s);
      }
    }
    ResolvedTerms terms;
    if (contract != null) {
      terms =
          termsOf.containsKey(contract)
              ? termsOf.get(contract)
              : running.stream()
                  .filter(t -> t.contract().equals(contract))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new ApiErrors.NotFound(
                              "contract " + contract + " of " + customer + " on " + day));
    } else {
      if (termsOf.size() > 1) {
        throw new ApiErrors.Conflict(
            "customer "
                + customer
                + "'s services are covered by "
                + termsOf.size()
                + " contracts on "
                + day
                + "; name one with contract=: "
                + String.join(", ", termsOf.keySet()));
      }
      if (termsOf.isEmpty() && running.size() > 1) {
        throw new ApiErrors.Conflict(
            "customer "
                + customer
                + " had "
                + running.size()
                + " contracts on "
                + day
                + " and none covers a service; name one with contract=: "
                + running.stream().map(ResolvedTerms::contract).collect(Collectors.joining(", ")));
      }
      terms = termsOf.isEmpty() ? running.getFirst() : termsOf.values().iterator().next();
    }
    List<String> ids =
        byContract.getOrDefault(terms.contract(), List.of()).stream().map(Service::id).toList();
    return new Governed(terms, ids);
  }

  /** The terms of each contract covering at least one of the customer's services at {@code at}. */
  private List<ResolvedTerms> coveringContracts(
      String customer, List<Service> services, Instant at) {
    if (coverage.ofCustomer(customer, at).contracts().isEmpty()) {
      return List.of();
    }
    Map<String, ResolvedTerms> termsOf = new LinkedHashMap<>();
    for (Service s : services) {
      Coverage c = coverage.at(Subject.service(s.id()), at);
      if (c.terms() != null && covered(s, c.terms())) {
        termsOf.putIfAbsent(c.terms().contract(), c.terms());
      }
    }
    return List.copyOf(termsOf.values());
  }

  /**
   * The last moment of {@code day} in the zone of the customer's provider: the instant a report's
   * terms are asked for.
   */
  private Instant lastInstant(String customer, LocalDate day) {
    ZoneId zone = coverage.ofCustomer(customer, clock.instant()).zone();
    return day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
  }

  /**
   * Whether the contract's guarantee covers a service: not one switched off in the inventory, and
   * one the customer installed only when the contract watches those too (BDN SLA 1.2.2, SWH 1).
   */
  static boolean covered(Service s, ResolvedTerms t) {
    if (Boolean.FALSE.equals(s.monitored())) {
      return false;
    }
    var m = t.terms().monitoring();
    return s.installedBy() == Service.InstalledBy.PROVIDER
        || (m != null && Boolean.TRUE.equals(m.customerInstalled()));
  }

  static ZoneId zone(ResolvedTerms t) {
    return t.terms().timeZone() == null ? ZoneOffset.UTC : t.terms().timeZone();
  }
}
