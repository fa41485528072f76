/**
 * Patch compliance (MNT-4, MNT-5, MNT-6, MNT-9, MNT-10; docs/patch-compliance.md, ADR 0012).
 *
 * <p>{@link dev.vakt.maintenance.patching.PatchScanner} reads each covered server's pending updates
 * through the monitoring module's {@link dev.vakt.monitoring.PackageUpdates} and records them as
 * {@link dev.vakt.maintenance.patching.Observation}s: per package, first seen, last seen, resolved.
 * The core is plain Java: {@link dev.vakt.maintenance.patching.PatchRule} makes a contract's patch
 * policy operational (deadlines, official repositories, components, customer-installed software),
 * and {@link dev.vakt.maintenance.patching.PatchCompliance} judges a server's month: compliant,
 * non-compliant with reasons, postponed by the customer, unknown, or not covered. {@link
 * dev.vakt.maintenance.patching.PostponementService} records customers' postponements with the risk
 * they accept. Internal to the maintenance module; its API is REST.
 */
package dev.vakt.maintenance.patching;
