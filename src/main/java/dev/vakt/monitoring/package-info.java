/**
 * Monitoring: service and host checks, their scheduler and state machine, the monitoring ledger,
 * and the check guard (allowed networks, Vakt's own endpoints refused; F2, F19), which it also
 * offers to other modules as {@link dev.vakt.reach.Reach}. Publishes {@link
 * dev.vakt.monitoring.ServiceWentDown} and {@link dev.vakt.monitoring.ServiceCameBack} (ADR 0011;
 * docs/monitoring.md, docs/host-checks.md). The Proxmox VE client and the SSH runner it uses are
 * the {@code proxmox} and {@code ssh} modules.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {
      "common",
      "contract",
      "coverage",
      "inventory",
      "platform",
      "proxmox",
      "reach",
      "secrets",
      "ssh"
    })
package dev.vakt.monitoring;
