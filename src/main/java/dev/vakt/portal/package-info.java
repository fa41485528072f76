/**
 * The customer portal's downloads (issue 7; docs/portal.md): everything Vakt holds about a customer
 * in one archive (DPA-5). The SLA report as PDF lives with the report, in the outage module. This
 * module composes the other modules' public APIs and keeps nothing of its own.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {
      "access",
      "alerting",
      "audit",
      "common",
      "contract",
      "coverage",
      "inventory",
      "maintenance",
      "outage",
      "sla"
    })
package dev.vakt.portal;
