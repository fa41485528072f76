/**
 * Alerting. The technicians' side: on-call schedules and escalation policies as data ({@code kind:
 * OnCall}, {@link dev.vakt.alerting.OnCallDocument}), a pure {@link
 * dev.vakt.alerting.EscalationPlanner} that pages before the contract's deadlines, and {@link
 * dev.vakt.alerting.Escalations} to open, resolve, acknowledge and start troubleshooting on
 * incidents (ALR-1, ALR-3, ALR-4; docs/on-call.md). The delivery half: channels (e-mail over SMTP,
 * SMS through an HTTP gateway, Slack, Teams, Matrix and generic JSON webhooks), message templates
 * as data per kind and language, and a notification outbox in PostgreSQL that delivers at least
 * once, retries with back-off and survives crashes (ALR-1, ALR-2, ALR-5, ALR-6).
 *
 * <p>The public API is {@link dev.vakt.alerting.Notifications} with {@link
 * dev.vakt.alerting.NotificationRequest} and {@link dev.vakt.alerting.Recipient}; channels, the
 * store and the worker are internal.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {
      "audit",
      "common",
      "contract",
      "coverage",
      "inventory",
      "maintenance",
      "monitoring",
      "outage",
      "secrets",
      "sla"
    })
package dev.vakt.alerting;
