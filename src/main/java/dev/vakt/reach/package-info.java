/**
 * Reach: the self-protection guard's API ({@link dev.vakt.reach.Reach}) for modules that open
 * connections to managed machines outside a check (Proxmox VE API, SSH). The monitoring module
 * implements it with its check guard (allowed networks, Vakt's own endpoints refused; F2, F19).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.vakt.reach;
