package dev.vakt.alerting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outages are grouped into incidents (issue 32: one incident, one message).
 *
 * @param hold the least time a service that went down is held before anyone is told: it covers the
 *     hand-over of hard changes arriving together. The group is held longer, without a fixed time,
 *     while another of its services is being confirmed or its hard change is on its way (or its
 *     parent's verdict is outstanding). Every second of it adds to the time to the first message
 * @param maxHold the longest a group waits for such verdicts; after this it is told without them
 * @param poll the longest between two looks at held outages when nothing wakes the releaser (a
 *     service being held and a hold ending wake it at once)
 */
@ConfigurationProperties("vakt.alerting.incidents")
record IncidentProperties(
    @DefaultValue("1s") Duration hold,
    @DefaultValue("2m") Duration maxHold,
    @DefaultValue("500ms") Duration poll) {

  IncidentProperties {
    if (hold.isNegative() || maxHold.compareTo(hold) < 0 || !poll.isPositive()) {
      throw new IllegalArgumentException(
          "vakt.alerting.incidents: need 0 <= hold <= max-hold and a positive poll");
    }
  }
}
