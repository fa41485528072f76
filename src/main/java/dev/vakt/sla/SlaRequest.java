package dev.vakt.sla;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Ids;
import dev.vakt.common.Money;
import dev.vakt.common.PublicHolidays;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What to compute an {@link SlaReport} from.
 *
 * @param terms the contract's terms: its time zone, opening hours and {@code sla} are used
 * @param services the services to report on, each with its own figures
 * @param events the ledger (events of other services are ignored)
 * @param from start of the report period
 * @param to end of the report period, exclusive
 * @param now the moment of evaluation: open reports run until it, and nothing after it is counted
 * @param monthlyFee optional: the fee credits are taken from, for amounts in money
 * @param holidays public holidays left out of {@code working-days} opening hours
 * @param customer optional: the customer, for the report's heading
 * @param contract optional: the contract the terms are of, for the report's heading
 */
public record SlaRequest(
    Terms terms,
    List<String> services,
    List<SlaEvent> events,
    Instant from,
    Instant to,
    Instant now,
    Money monthlyFee,
    Set<LocalDate> holidays,
    String customer,
    String contract) {

  public SlaRequest {
    required("terms", terms);
    required("services", services);
    check(!services.isEmpty(), "services", "name at least one service to report on");
    for (int i = 0; i < services.size(); i++) {
      Ids.require("services/" + i, services.get(i));
    }
    check(new HashSet<>(services).size() == services.size(), "services", "names a service twice");
    services = List.copyOf(services);
    events = List.copyOf(required("events", events));
    required("from", from);
    required("to", to);
    required("now", now);
    check(to.isAfter(from), "to", "the period must end after it starts (" + from + ")");
    check(
        now.isAfter(from),
        "now",
        "the period starts at " + from + ", after the moment of evaluation: nothing to report yet");
    check(monthlyFee == null || !monthlyFee.isNegative(), "monthlyFee", "must not be negative");
    holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
  }

  /**
   * A request for whole days: {@code from} 00:00 to {@code to} 00:00 (exclusive) in the contract's
   * time zone.
   */
  public static SlaRequest ofDates(
      Terms terms,
      List<String> services,
      List<SlaEvent> events,
      LocalDate from,
      LocalDate to,
      Instant now) {
    required("terms", terms);
    required("from", from);
    required("to", to);
    check(to.isAfter(from), "to", "the period must end after it starts (" + from + ")");
    ZoneId zone = zone(terms);
    return new SlaRequest(
        terms,
        services,
        events,
        from.atStartOfDay(zone).toInstant(),
        to.atStartOfDay(zone).toInstant(),
        now,
        null,
        null,
        null,
        null);
  }

  /** The same request with a monthly fee, for credits in money. */
  public SlaRequest withMonthlyFee(Money fee) {
    return new SlaRequest(
        terms, services, events, from, to, now, fee, holidays, customer, contract);
  }

  /** The same request with public holidays for {@code working-days} opening hours. */
  public SlaRequest withHolidays(Set<LocalDate> days) {
    return new SlaRequest(
        terms, services, events, from, to, now, monthlyFee, days, customer, contract);
  }

  /**
   * The same request with the public holidays of the terms' {@code holidays} country ({@link
   * PublicHolidays}) on every day the report touches: the period and the measurement windows of its
   * objectives, which may start months before it. Unchanged when the terms name no country.
   */
  public SlaRequest withPublicHolidays() {
    if (terms.holidays() == null) {
      return this;
    }
    ZoneId zone = zone(terms);
    long start = from.toEpochMilli();
    long end = to.toEpochMilli();
    SlaTerms sla = terms.sla();
    if (sla != null) {
      for (SlaTerms.Objective o : java.util.Arrays.asList(sla.uptime(), sla.availability())) {
        if (o != null) {
          Windows.W w = Windows.of(o.measurement(), zone, from.toEpochMilli(), to.toEpochMilli());
          start = Math.min(start, w.from());
          end = Math.max(end, w.to());
        }
      }
    }
    // A day more on each side: the days are the zone's, the bounds instants.
    LocalDate first = Instant.ofEpochMilli(start).atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = Instant.ofEpochMilli(end).atZone(zone).toLocalDate().plusDays(1);
    return withHolidays(PublicHolidays.between(terms.holidays(), first, last));
  }

  /** The same request naming the customer and the contract, for the report's heading. */
  public SlaRequest withLabels(String customerId, String contractId) {
    return new SlaRequest(
        terms, services, events, from, to, now, monthlyFee, holidays, customerId, contractId);
  }

  /** The contract's zone; UTC when the terms set none. */
  static ZoneId zone(Terms terms) {
    return terms.timeZone() == null ? ZoneOffset.UTC : terms.timeZone();
  }
}
