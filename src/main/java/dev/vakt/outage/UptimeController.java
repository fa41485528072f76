package dev.vakt.outage;

import dev.vakt.common.ApiErrors;
import dev.vakt.sla.DailyUptime;
import dev.vakt.sla.SlaReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's services day by day for the portal's uptime bars (issue 7): cut from one SLA report
 * over the whole span, so every day adds up to the figures of {@code GET .../sla} and {@code vakt
 * sla}.
 */
@RestController
class UptimeController {

  static final int MAX_DAYS = 366;

  private final OutageService outages;

  UptimeController(OutageService outages) {
    this.outages = outages;
  }

  /**
   * The answer: the span's days in the contract's zone and, per service, its figure over the span
   * and its days.
   */
  record Uptime(
      String customer,
      String contract,
      ZoneId zone,
      LocalDate from,
      LocalDate to,
      Instant until,
      List<DailyUptime.ServiceDays> services,
      List<String> notes) {}

  /** The last {@code days} days (90 by default), today included up to now. */
  @GetMapping("/api/customers/{customer}/uptime")
  Uptime uptime(
      @PathVariable String customer,
      @RequestParam(required = false) Integer days,
      @RequestParam(required = false) String contract) {
    int n = days == null ? 90 : days;
    if (n < 1 || n > MAX_DAYS) {
      throw new ApiErrors.InvalidInput("days", "must be 1 to " + MAX_DAYS);
    }
    SlaReport r = outages.lastDays(customer, n, contract);
    return new Uptime(
        r.customer(),
        r.contract(),
        r.zone(),
        r.from().atZone(r.zone()).toLocalDate(),
        r.to().atZone(r.zone()).toLocalDate(),
        r.until(),
        DailyUptime.of(r),
        r.notes());
  }
}
