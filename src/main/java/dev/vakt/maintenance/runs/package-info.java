/**
 * Runs: maintenance runs carry a rolling plan out and restart a customer's VPS (MNT-4, MNT-7,
 * MNT-12; docs/rolling-maintenance.md). {@link dev.vakt.maintenance.runs.MaintenanceRunService}
 * checks, stores and audits a run ({@link dev.vakt.maintenance.runs.RunPolicy}, {@link
 * dev.vakt.maintenance.runs.RunWindows}) and has it executed in the background ({@link
 * dev.vakt.maintenance.runs.RunLauncher}) by the plain-Java {@link
 * dev.vakt.maintenance.runs.RunExecutor}, which moves, patches ({@link
 * dev.vakt.maintenance.runs.NodePatcher}), reboots and verifies through the Proxmox VE API step by
 * step ({@link dev.vakt.maintenance.runs.StepRunner}) and stops at the first failure; the journal
 * records each step ({@link dev.vakt.maintenance.runs.RunJournal}). {@link
 * dev.vakt.maintenance.runs.RestartService} restarts a VPS through the same path. Internal to the
 * maintenance module.
 */
package dev.vakt.maintenance.runs;
