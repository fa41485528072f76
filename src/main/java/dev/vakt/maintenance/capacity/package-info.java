/**
 * Capacity: the N-1 rule (MNT-8, SLA-9; docs/capacity.md). Plain Java at the core: {@link
 * dev.vakt.maintenance.capacity.ClusterState} describes a cluster (nodes, guests, shared storage,
 * quorum votes), {@link dev.vakt.maintenance.capacity.CapacityRule} the contract's ratios and
 * Vakt's parameters, {@link dev.vakt.maintenance.capacity.NMinusOne} judges every node's loss,
 * {@link dev.vakt.maintenance.capacity.Placer} places a node's guests on the others, and {@link
 * dev.vakt.maintenance.capacity.RollingPlan} lays out the dry run of a rolling maintenance as typed
 * {@link dev.vakt.maintenance.capacity.PlanStep}s. {@link
 * dev.vakt.maintenance.capacity.CapacityService} reads a cluster's live state through the Proxmox
 * VE API ({@link dev.vakt.maintenance.capacity.PveAdapter}) and serves {@code GET
 * /api/clusters/{id}/capacity} and {@code GET /api/clusters/{id}/maintenance-plan}; {@link
 * dev.vakt.maintenance.capacity.CapacityWatch} records the history of shortages. Internal to the
 * maintenance module: its public Java types serve the {@code runs} sub-package.
 */
package dev.vakt.maintenance.capacity;
