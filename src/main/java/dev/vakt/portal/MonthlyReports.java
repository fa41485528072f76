package dev.vakt.portal;

import dev.vakt.alerting.CustomerNotices;
import dev.vakt.alerting.EscalationProperties;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.CustomerCoverage;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Service;
import dev.vakt.outage.OutageService;
import dev.vakt.sla.SlaPdf;
import dev.vakt.sla.SlaReport;
import dev.vakt.sla.SlaSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * SLA report delivery: once a month has ended in the contract's time zone (and {@code delay} has
 * passed), every customer with a registered e-mail gets that month's SLA report by e-mail, the
 * figures in the text and the report as PDF, in its language. The outbox sends each customer's
 * report once; a month missed while Vakt was down goes out at the next look, and a crash between
 * the report and the outbox loses nothing, since both are one transaction. A month in which none of
 * the customer's services was monitored at all (such as the month before Vakt was installed) is not
 * sent.
 *
 * <p>Which month and which contract (issue 18), a question about the customer as a whole, asked of
 * coverage: the month is the one that has ended, with the delay, in the zone of every contract
 * running now (the earliest such month, so no contract's month is still running; the provider's
 * zone when none runs). It is reported when a contract ran on the month's last local day, under the
 * contract that covered the customer's services that day (K-2: its VPS contract, not its domain
 * contract); when several did, as the customer's report (the outage module's rule for customers
 * with several contracts).
 */
@Component
@EnableConfigurationProperties(MonthlyReportProperties.class)
class MonthlyReports {

  private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);
  static final String ACTOR = "system:monthly-reports";

  private final InventoryService inventory;
  private final CoverageService coverage;
  private final OutageService outages;
  private final CustomerNotices notices;
  private final MonthlyReportProperties properties;
  private final EscalationProperties links;
  private final Clock clock;

  MonthlyReports(
      InventoryService inventory,
      CoverageService coverage,
      OutageService outages,
      CustomerNotices notices,
      MonthlyReportProperties properties,
      EscalationProperties links,
      Clock clock) {
    this.inventory = inventory;
    this.coverage = coverage;
    this.outages = outages;
    this.notices = notices;
    this.properties = properties;
    this.links = links;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${vakt.portal.monthly-reports.interval:PT1H}",
      initialDelayString = "${vakt.portal.monthly-reports.initial-delay:PT3M}")
  void everyInterval() {
    if (properties.enabled()) {
      deliver(clock.instant());
    }
  }

  /**
   * Sends the reports that are due at {@code now} and not yet sent.
   *
   * @return the customers whose report was sent now
   */
  List<String> deliver(Instant now) {
    return inventory.customers().stream()
        .filter(c -> c.email() != null)
        .filter(c -> deliver(c, now))
        .map(Customer::id)
        .toList();
  }

  /** The month whose report is due at {@code now} for a contract in {@code zone}. */
  static YearMonth dueMonth(Instant now, ZoneId zone, java.time.Duration delay) {
    return YearMonth.from(now.minus(delay).atZone(zone)).minusMonths(1);
  }

  private boolean deliver(Customer c, Instant now) {
    try {
      CustomerCoverage current = coverage.ofCustomer(c.id(), now);
      YearMonth month = dueMonth(current, now, properties.delay());
      // The contracts that ran on the month's last local day: an ended contract's last month is
      // still reported, a contract that starts later does not report months before it.
      Instant lastDay = month.atEndOfMonth().atTime(12, 0).atZone(current.zone()).toInstant();
      CustomerCoverage ran = coverage.ofCustomer(c.id(), lastDay);
      if (ran.contracts().isEmpty()) {
        return false; // no contract that month: nothing was promised, nothing to report
      }
      if (notices.slaReportSent(c.id(), month)) {
        return false;
      }
      LocalDate from = month.atDay(1);
      LocalDate to = month.plusMonths(1).atDay(1);
      SlaReport report = outages.report(c.id(), from, to, slaContract(c.id(), lastDay), null);
      // Each service's own period: under the per-service reading the total's is one service's.
      boolean noneWatched =
          report.services().stream()
              .map(SlaReport.ServiceReport::period)
              .allMatch(t -> t.unmonitored().compareTo(t.time()) >= 0);
      if (noneWatched) {
        // Not one service was watched all month: the month before Vakt was installed, or a
        // customer whose services are all unmonitored. A report of nothing but a gap is not sent;
        // the portal still shows it.
        return false;
      }
      String events =
          "/api/customers/" + c.id() + "/sla/events?from=" + report.from() + "&to=" + report.to();
      byte[] pdf = SlaPdf.render(report, c.language(), c.name(), events);
      String link = links.baseUrl().toString().replaceAll("/+$", "") + "/";
      notices.slaReport(c.id(), month, SlaSummary.of(report, c.language()), pdf, link, ACTOR);
      return true;
    } catch (RuntimeException e) {
      // One customer's report (e.g. a contract that began mid-month with no terms on its first
      // day) must not hold up the others; it is tried again at the next look.
      log.warn("Monthly SLA report for customer {} not sent: {}", c.id(), e.getMessage());
      return false;
    }
  }

  /**
   * The month due for a customer: in each running contract's zone (its terms', else the
   * provider's), the earliest, so that it has ended for all of them.
   */
  static YearMonth dueMonth(CustomerCoverage now, Instant at, java.time.Duration delay) {
    return now.contracts().stream()
        .map(t -> t.terms().timeZone() != null ? t.terms().timeZone() : now.zone())
        .map(z -> dueMonth(at, z, delay))
        .min(YearMonth::compareTo)
        .orElseGet(() -> dueMonth(at, now.zone(), delay));
  }

  /**
   * The contract whose SLA the report is under: the one that covers the customer's services on the
   * month's last day (K-2: a customer's VPS contract, not its domain contract); null, the
   * customer's report as the outage module words it, when they are covered by several or none.
   */
  private String slaContract(String customer, Instant lastDay) {
    TreeSet<String> covering = new TreeSet<>();
    for (Service s : inventory.services(customer)) {
      coverage.at(Subject.service(s.id()), lastDay).contractId().ifPresent(covering::add);
    }
    return covering.size() == 1 ? covering.first() : null;
  }
}
