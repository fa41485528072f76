/**
 * Maintenance: the N-1 capacity rule, planned maintenance, rolling Proxmox VE cluster maintenance
 * and patch compliance (MNT-1 to MNT-12, SLA-9; docs/capacity.md, docs/maintenance-windows.md,
 * docs/rolling-maintenance.md, docs/patch-compliance.md). One module, split by what it does into
 * internal sub-packages:
 *
 * <ul>
 *   <li>{@code capacity}: the N-1 rule, placement and the dry-run plan ({@code
 *       maintenance.capacity.CapacityService}, {@code NMinusOne}, {@code Placer}, {@code
 *       RollingPlan}, {@code CapacityWatch}/{@code CapacityHistory});
 *   <li>{@code planning}: planned maintenance, the contract's windows and notices, the calendar
 *       ({@code maintenance.planning.MaintenancePlanner});
 *   <li>{@code runs}: maintenance runs and VPS restarts, their executor and journal ({@code
 *       maintenance.runs.MaintenanceRunService}, {@code RunExecutor}, {@code RestartService});
 *   <li>{@code patching}: patch compliance ({@code maintenance.patching}).
 * </ul>
 *
 * <p>This package is the module's API to other modules: the events {@link
 * dev.vakt.maintenance.MaintenancePlanned} and {@link dev.vakt.maintenance.MaintenanceCancelled}
 * (alerting tells the customers), {@link dev.vakt.maintenance.CustomerMaintenanceRecords} (the
 * portal's export) and the shared {@link dev.vakt.maintenance.MaintenanceProperties}. Everything
 * else is reached over REST.
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
      "outage",
      "proxmox",
      "reach",
      "secrets",
      "sla",
      "ssh"
    })
package dev.vakt.maintenance;
