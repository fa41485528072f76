/**
 * Agentless commands over SSH ({@link dev.vakt.monitoring.remote.SshCommands}: pinned host keys,
 * {@code sudo -n}, bounded output) and the remote probes built on it. Exposed to other modules as
 * the named interface "remote" so that the maintenance module's patch step (MNT-7) runs its
 * commands through the same access path, with the same host key pinning, instead of a second SSH
 * client.
 */
@org.springframework.modulith.NamedInterface("remote")
package dev.vakt.monitoring.remote;
