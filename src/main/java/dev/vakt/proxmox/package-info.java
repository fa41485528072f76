/**
 * Proxmox VE: the API client ({@link dev.vakt.proxmox.ProxmoxClient}), its transport (pinned TLS
 * trust, bounded answers, connection to the guard-approved address) and its typed records (nodes,
 * guests, storage, quorum, tasks, pending updates). Used by monitoring (the Proxmox checks and
 * probe) and by maintenance (capacity reads, MNT-8; moves, reboots and restarts with their tasks,
 * MNT-7, MNT-12). Callers pass the target through {@link dev.vakt.reach.Reach} first and hand the
 * client the approved address ({@link dev.vakt.proxmox.ProxmoxClient#at}). See docs/proxmox-api.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"common", "inventory"})
package dev.vakt.proxmox;
