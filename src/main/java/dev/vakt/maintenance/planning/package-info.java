/**
 * Planning: planned maintenance announced to customers (MNT-1 to MNT-3, MNT-11;
 * docs/maintenance-windows.md). {@link dev.vakt.maintenance.planning.MaintenancePlanner} checks an
 * announcement against the contract's windows and notice periods ({@link
 * dev.vakt.maintenance.planning.ContractCheck}, {@link
 * dev.vakt.maintenance.planning.MaintenanceWindows}), stores it and publishes {@link
 * dev.vakt.maintenance.MaintenancePlanned} / {@link dev.vakt.maintenance.MaintenanceCancelled};
 * {@link dev.vakt.maintenance.planning.MaintenanceCalendar} serves the calendar (iCalendar).
 * Internal to the maintenance module: its public Java types serve the {@code runs} sub-package and
 * the module's API ({@link dev.vakt.maintenance.CustomerMaintenanceRecords}).
 */
package dev.vakt.maintenance.planning;
