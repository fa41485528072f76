/**
 * The monitoring checks built on the Proxmox VE API client of the {@code proxmox} module: {@link
 * dev.vakt.monitoring.pve.ProxmoxChecks} (the host checks of a node) and {@link
 * dev.vakt.monitoring.pve.ProxmoxProbe} (the API as a check). Internal to monitoring.
 */
package dev.vakt.monitoring.pve;
