/**
 * Agentless commands over SSH ({@link dev.vakt.ssh.SshCommands}: pinned host keys, {@code sudo -n},
 * bounded output, connection to the address {@link dev.vakt.reach.Reach} approved) and the key
 * reading it shares with the SSH service check ({@link dev.vakt.ssh.SshKeys}). Used by monitoring
 * (host checks and package scans over SSH) and by maintenance (the patch step of a run, MNT-7), so
 * both reach machines through one access path with the same host key pinning.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"common", "reach"})
package dev.vakt.ssh;
