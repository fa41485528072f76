package dev.vakt.alerting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outages are grouped into incidents (issue 32: one incident, one message).
 *
 * @param hold how long a service that went down is held before anyone is told, so services failing
 *     together (and their parent's verdict, which monitoring fetches at once) make one message
 * @param maxHold the longest a service is held while its parent's failure is still being confirmed
 *     (soft); after this it is told on its own
 * @param poll how often held outages are looked at
 */
@ConfigurationProperties("vakt.alerting.incidents")
record IncidentProperties(
    @DefaultValue("3s") Duration hold,
    @DefaultValue("2m") Duration maxHold,
    @DefaultValue("500ms") Duration poll) {

  IncidentProperties {
    if (hold.isNegative() || maxHold.compareTo(hold) < 0 || !poll.isPositive()) {
      throw new IllegalArgumentException(
          "vakt.alerting.incidents: need 0 <= hold <= max-hold and a positive poll");
    }
  }
}
