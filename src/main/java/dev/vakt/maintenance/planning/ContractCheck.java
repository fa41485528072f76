package dev.vakt.maintenance.planning;

import dev.vakt.common.PublicHolidays;
import dev.vakt.common.TimeSpans;
import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.Terms;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * How one contract judges a planned maintenance (MNT-1 to MNT-3, MNT-11): whether it lies inside a
 * window the contract agreed for its purpose, and by when the customer must be told.
 *
 * @param customer the customer the contract is with
 * @param contract the contract, null when the customer had none that day
 * @param fits whether the contract allows the maintenance as planned
 * @param window the window it fits: a window's name, "agreed: REF" for one agreed in writing, or
 *     null when it fits none
 * @param notice the lead time the customer is owed
 * @param noticeBy the latest moment the customer may be told
 * @param reasons why it does not fit, one per window; empty when it fits
 */
public record ContractCheck(
    String customer,
    String contract,
    boolean fits,
    String window,
    Duration notice,
    Instant noticeBy,
    List<String> reasons) {

  /** What a contract that sets no windows calls the time it allows. */
  static final String ANY_TIME = "any time (the contract sets no maintenance windows)";

  public ContractCheck {
    dev.vakt.common.Ids.require("customer", customer);
    reasons = List.copyOf(reasons);
  }

  /** A customer with no contract on the day: nothing restricts the work, nobody is owed notice. */
  static ContractCheck noContract(String customer, Instant from) {
    return new ContractCheck(customer, null, true, ANY_TIME, Duration.ZERO, from, List.of());
  }

  /**
   * The verdict of {@code terms} on work in {@code [from, to)} planned at {@code now}.
   *
   * <p>The lead time is the window's own notice; for a scheduled window, or a contract without
   * windows, it is at least the contract's {@code alerting.maintenanceNotice} ("varslede stopp",
   * MNT-11). Windows for unscheduled or emergency work are used "without notice" (BDN SLA 1.1.1.2)
   * and a window agreed in writing for the occasion owes none, so neither takes the general lead
   * time.
   */
  static ContractCheck of(
      ResolvedTerms terms,
      Instant from,
      Instant to,
      MaintenanceTerms.Purpose purpose,
      Instant now) {
    Terms t = terms.terms();
    ZoneId zone = t.timeZone() == null ? ZoneOffset.UTC : t.timeZone();
    MaintenanceTerms m = t.maintenance();
    Duration general = generalNotice(t.alerting());
    boolean noWindows =
        m == null
            || (m.windows() == null || m.windows().isEmpty())
                && (m.agreed() == null || m.agreed().isEmpty());
    if (noWindows) {
      return withNotice(terms, ANY_TIME, general, from, now);
    }
    Set<LocalDate> holidays =
        PublicHolidays.between(
            t.holidays(),
            LocalDate.ofInstant(from, zone).minusDays(1),
            LocalDate.ofInstant(to, zone).plusDays(2));
    return switch (MaintenanceWindows.check(m, zone, holidays, from, to, purpose, now)) {
      case MaintenanceWindows.Verdict.Outside o ->
          new ContractCheck(
              terms.customer(), terms.contract(), false, null, general, from, o.reasons());
      case MaintenanceWindows.Verdict.Fits f -> {
        boolean scheduled = f.kind() == MaintenanceTerms.WindowKind.SCHEDULED;
        Duration lead = scheduled && general.compareTo(f.notice()) > 0 ? general : f.notice();
        yield withNotice(terms, f.window(), lead, from, now);
      }
    };
  }

  private static ContractCheck withNotice(
      ResolvedTerms terms, String window, Duration lead, Instant from, Instant now) {
    Instant by = from.minus(lead);
    if (now.isAfter(by)) {
      Duration left = Duration.between(now, from).truncatedTo(ChronoUnit.MINUTES);
      String reason =
          window
              + ": the customer is owed "
              + TimeSpans.format(lead)
              + " notice, the work starts "
              + (left.isPositive() ? "in " + TimeSpans.format(left) : "now or has started");
      return new ContractCheck(
          terms.customer(), terms.contract(), false, null, lead, by, List.of(reason));
    }
    return new ContractCheck(terms.customer(), terms.contract(), true, window, lead, by, List.of());
  }

  private static Duration generalNotice(AlertingTerms a) {
    return a == null || a.maintenanceNotice() == null ? Duration.ZERO : a.maintenanceNotice();
  }
}
