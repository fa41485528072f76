/**
 * Outages: the SLA ledger as stored and the reports served from it (SLA-1 to SLA-12; ADR 0008;
 * docs/outages.md). {@link dev.vakt.outage.OutageService} records what people add to the ledger
 * (fault reports, reclassifications, periods, actions; {@code OutageRecords}, the append-only
 * {@code sla_record} table), assembles a customer's ledger from those records and the monitoring
 * ledger ({@code CustomerLedger}) and computes reports with the {@code sla} module's calculator
 * ({@link dev.vakt.sla.SlaCalculator}), the same one {@code vakt sla} runs. The REST API (SLA
 * report, its events as JSON Lines, the PDF, uptime bars) is here too.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {
      "access",
      "audit",
      "common",
      "contract",
      "coverage",
      "inventory",
      "monitoring",
      "sla"
    })
package dev.vakt.outage;
