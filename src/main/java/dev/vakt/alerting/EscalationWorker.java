package dev.vakt.alerting;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code vakt.alerting.escalation.poll-interval}: marks passed deadlines as missed, and for
 * each incident still paging enqueues the pages the planner says are due, one incident per
 * transaction. Several instances may run it: the incident's row lock and the outbox's
 * de-duplication key keep a page from being enqueued twice.
 */
@Component
class EscalationWorker {

  private static final Logger log = LoggerFactory.getLogger(EscalationWorker.class);

  private final Escalations escalations;
  private final EscalationProperties properties;
  private final Clock clock;

  EscalationWorker(Escalations escalations, EscalationProperties properties, Clock clock) {
    this.escalations = escalations;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${vakt.alerting.escalation.poll-interval:30s}",
      initialDelayString = "${vakt.alerting.escalation.poll-interval:30s}")
  void poll() {
    if (properties.enabled()) {
      runOnce(clock.instant());
    }
  }

  /** One pass at {@code now}; returns the pages enqueued. */
  int runOnce(Instant now) {
    escalations.markMissed(now);
    int pages = 0;
    for (String ref : escalations.paging()) {
      try {
        pages += escalations.escalate(ref, now);
      } catch (RuntimeException e) {
        log.error("Escalation of incident {} failed; retried next round", ref, e);
      }
    }
    return pages;
  }
}
