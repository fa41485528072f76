package dev.vakt.alerting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The alerting state of an incident: alarm, acknowledgement, troubleshooting started, deadlines and
 * whether they were met (ALR-3, ALR-4).
 *
 * @param ref the incident reference
 * @param customerId the customer
 * @param provider the provider whose technicians are paged
 * @param services the services of the incident
 * @param zone the zone pages show times in
 * @param policy the escalation policy, or null when the provider has none for the customer
 * @param alarmAt when the alarm was raised
 * @param actionDeadline time to action ends ({@code sla.maxTimeToAction}), or null
 * @param troubleshootingDeadline troubleshooting must start by then ({@code
 *     alerting.troubleshootingStart}), or null
 * @param acknowledgedAt when it was acknowledged, or null
 * @param acknowledgedBy who acknowledged it
 * @param troubleshootingAt when troubleshooting started, or null
 * @param troubleshootingBy who started it
 * @param resolvedAt when it was resolved, or null
 * @param actionOutcome {@code met}, {@code missed}, {@code resolved-first}, or null (no deadline,
 *     or not decided yet)
 * @param troubleshootingOutcome the same for the troubleshooting deadline
 */
public record AlertState(
    String ref,
    String customerId,
    String provider,
    List<String> services,
    ZoneId zone,
    String policy,
    Instant alarmAt,
    Instant actionDeadline,
    Instant troubleshootingDeadline,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant troubleshootingAt,
    String troubleshootingBy,
    Instant resolvedAt,
    String actionOutcome,
    String troubleshootingOutcome) {

  /** Whether someone acknowledged it or started troubleshooting: paging stops. */
  public boolean handled() {
    return acknowledgedAt != null || troubleshootingAt != null;
  }

  /** The earliest deadline, or null. */
  public Instant deadline() {
    return AlertDeadlines.min(actionDeadline, troubleshootingDeadline);
  }

  /**
   * A page sent for the incident.
   *
   * @param dedupKey the outbox's de-duplication key
   * @param round the round (0: first run of the steps)
   * @param step the step's index in the policy
   * @param person the person paged
   * @param channel how
   * @param recipient the address
   * @param dueAt when the planner made it due
   * @param pulledForward whether the deadline rule moved it earlier
   * @param notificationId the outbox row: its delivery state is at {@code
   *     /api/notifications?cause=<ref>}
   * @param enqueuedAt when it was put in the outbox
   */
  public record Page(
      String dedupKey,
      int round,
      int step,
      String person,
      String channel,
      String recipient,
      Instant dueAt,
      boolean pulledForward,
      long notificationId,
      Instant enqueuedAt) {}
}
