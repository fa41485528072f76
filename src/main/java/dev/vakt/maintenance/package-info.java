/**
 * Maintenance: the N-1 capacity rule and rolling Proxmox VE cluster maintenance (MNT-4, MNT-7,
 * MNT-8, MNT-12, SLA-9; docs/capacity.md, docs/rolling-maintenance.md).
 *
 * <p>The core is plain Java without Spring: {@link dev.vakt.maintenance.ClusterState} describes a
 * cluster (nodes, guests, shared storage, quorum votes), {@link dev.vakt.maintenance.CapacityRule}
 * the contract's ratios and Vakt's parameters, {@link dev.vakt.maintenance.NMinusOne} judges every
 * node's loss, {@link dev.vakt.maintenance.Placer} places a node's guests on the others, and {@link
 * dev.vakt.maintenance.RollingPlan} lays out the dry run of a rolling maintenance as typed {@link
 * dev.vakt.maintenance.PlanStep}s. {@link dev.vakt.maintenance.CapacityService} reads a cluster's
 * live state through the Proxmox VE API and serves {@code GET /api/clusters/{id}/capacity} and
 * {@code GET /api/clusters/{id}/maintenance-plan}; those change nothing.
 *
 * <p>Maintenance runs carry a plan out (MNT-4, MNT-7) and restart a customer's VPS (MNT-12; see
 * docs/rolling-maintenance.md): {@link dev.vakt.maintenance.MaintenanceRunService} checks, stores
 * and audits a run and has it executed in the background by the plain-Java executor, which moves,
 * patches ({@link dev.vakt.maintenance.NodePatcher}), reboots and verifies through the Proxmox VE
 * API step by step and stops at the first failure; {@link dev.vakt.maintenance.RestartService}
 * restarts a VPS through the same path.
 */
package dev.vakt.maintenance;
