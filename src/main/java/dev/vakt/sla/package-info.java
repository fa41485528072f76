/**
 * SLA: the calculator. {@link dev.vakt.sla.SlaCalculator} turns a ledger of events ({@link
 * dev.vakt.sla.SlaEvent}, JSON Lines) and the contract's SLA terms into an {@link
 * dev.vakt.sla.SlaReport}: plain Java, no clock and no database, so the server, {@code vakt sla}
 * and a customer with the exported events agree to the millisecond (ADR 0008; docs/outages.md).
 * Inside, {@code ServiceEvents} sorts a ledger per service, {@code Timeline} cuts it into segments
 * and {@code OutageFigures} counts outages, incidents, time to action and MTBF.
 *
 * <p>The stored ledger is not here: it lives in the {@code outage} module ({@code
 * outage.OutageRecords}, the {@code sla_record} table, and {@code outage.CustomerLedger}, which
 * assembles a customer's events), whose {@code OutageService} calls this calculator.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"common", "contract"})
package dev.vakt.sla;
