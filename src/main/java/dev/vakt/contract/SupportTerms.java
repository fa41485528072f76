package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Ids;
import dev.vakt.common.Money;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Support hours, who may ask for what, and how time is billed (SUP-1 to SUP-6).
 *
 * @param hours when e-mail is answered (BDN 1.1.10: weekdays 08-21, Fridays 08-15)
 * @param onCallAroundTheClock an on-call duty tries to answer around the clock (BDN 1.1.10)
 * @param verifiedSendersOnly written requests are accepted only from verified addresses (CFX 1)
 * @param destructiveChangesRequire what authorises deleting, moving or overwriting content (CFX 7)
 * @param rates hourly rates and how they are billed
 * @param hypervisorMovesIncluded moves inside the provider's network are included (CFX 11)
 * @param databaseMovesIncluded databases are moved by the provider too (CFX 11: only if agreed)
 */
public record SupportTerms(
    List<WeeklyRule> hours,
    Boolean onCallAroundTheClock,
    Boolean verifiedSendersOnly,
    Set<Authorisation> destructiveChangesRequire,
    List<Rate> rates,
    Boolean hypervisorMovesIncluded,
    Boolean databaseMovesIncluded) {

  public SupportTerms {
    hours = hours == null ? null : List.copyOf(hours);
    rates = rates == null ? null : List.copyOf(rates);
    destructiveChangesRequire =
        destructiveChangesRequire == null ? null : Set.copyOf(destructiveChangesRequire);
    if (rates != null) {
      check(
          rates.stream().map(Rate::name).distinct().count() == rates.size(),
          "rates",
          "two rates have the same name");
    }
  }

  /** Forms of authorisation for destructive changes. */
  public enum Authorisation {
    VERIFIED_EMAIL,
    SIGNED_FAX,
    PORTAL;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * A price for work, e.g. CFX 1: "35,00 EUR netto je angefangener Viertelstunde, falls die
   * Behebung mehr als 5 Minuten in Anspruch nimmt" is price 35.00 EUR per 15m, billed in started
   * 15m, free up to 5m.
   *
   * @param name how invoices and tickets refer to the rate
   * @param price the price per {@code per}
   * @param per the unit of time the price is for
   * @param increment work is billed in started increments of this length
   * @param freeUpTo work up to this long is not billed at all
   * @param consultFirst the customer is consulted before billable work starts
   */
  public record Rate(
      String name,
      Money price,
      Duration per,
      Duration increment,
      Duration freeUpTo,
      Boolean consultFirst) {
    public Rate {
      Ids.require("name", name);
      required("price", price);
      check(!price.isNegative(), "price", "cannot be negative");
      check(per != null && per.isPositive(), "per", "must be a positive duration, e.g. 1h");
      check(increment == null || increment.isPositive(), "increment", "must be positive");
      check(freeUpTo == null || !freeUpTo.isNegative(), "freeUpTo", "cannot be negative");
    }
  }
}
