package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import dev.vakt.common.Country;
import dev.vakt.common.Language;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

/**
 * Everything a contract promises, in one typed value. Each layer (provider, product, contract,
 * special agreement) writes only the fields it sets; {@link TermsResolver} merges the layers and
 * binds the result to this same type, so the engines read one validated value with no string
 * lookups.
 *
 * @param timeZone the zone in which windows, opening hours and periods are evaluated
 * @param currency the currency of prices and invoices
 * @param language the language customers are addressed in by default
 * @param holidays whose public holidays make a "working day"
 * @param openingHours when the service is promised to be available (BDN SLA 1.1.2, SLA-5)
 */
public record Terms(
    ZoneId timeZone,
    Currency currency,
    Language language,
    Country holidays,
    List<WeeklyRule> openingHours,
    SlaTerms sla,
    MonitoringTerms monitoring,
    AlertingTerms alerting,
    MaintenanceTerms maintenance,
    CapacityTerms capacity,
    BackupTerms backup,
    SupportTerms support,
    BillingTerms billing,
    LimitTerms limits,
    AccessTerms access,
    DataProtectionTerms dataProtection,
    DomainTerms domains,
    NetworkTerms network) {

  public Terms {
    check(
        openingHours == null || !openingHours.isEmpty(), "openingHours", "needs at least one rule");
    openingHours = openingHours == null ? null : List.copyOf(openingHours);
  }

  /** Terms that set nothing: the neutral layer. */
  public static Terms empty() {
    return new Terms(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }
}
