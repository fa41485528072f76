package dev.vakt.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The monthly SLA report e-mail ({@link MonthlyReports}).
 *
 * @param enabled whether reports are sent at all
 * @param delay how long after a month ends (in the contract's time zone) its report goes out, so
 *     faults reported late and reclassifications of the last day are in it
 * @param interval how often Vakt looks for reports that are due
 */
@ConfigurationProperties("vakt.portal.monthly-reports")
public record MonthlyReportProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT6H") Duration delay,
    @DefaultValue("PT1H") Duration interval) {

  public MonthlyReportProperties {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("vakt.portal.monthly-reports.delay must not be negative");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("vakt.portal.monthly-reports.interval must be positive");
    }
  }
}
