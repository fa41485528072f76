/**
 * The Proxmox VE API client ({@link dev.vakt.monitoring.pve.ProxmoxClient}) and its typed records,
 * exposed to other modules as the named interface "pve": the maintenance module reads nodes,
 * guests, storage and quorum through it (MNT-8) and moves, reboots and restarts through its write
 * calls, polling their tasks (MNT-7, MNT-12). The checks built on it stay internal to monitoring in
 * use, though public in Java.
 */
@org.springframework.modulith.NamedInterface("pve")
package dev.vakt.monitoring.pve;
