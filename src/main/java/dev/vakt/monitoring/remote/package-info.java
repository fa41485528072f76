/**
 * The remote probes of monitoring ({@link dev.vakt.monitoring.remote.RemoteProbes}): host checks
 * read over SSH through the {@code ssh} module's {@link dev.vakt.ssh.SshCommands}. Internal to
 * monitoring.
 */
package dev.vakt.monitoring.remote;
