package dev.vakt.maintenance;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of maintenance runs ({@code vakt.maintenance.*}), every default in one place. See
 * docs/rolling-maintenance.md.
 *
 * @param apiTimeout connect and read timeout of each Proxmox VE API request
 * @param pollInterval how often a task, a guest's place or a node's state is read while waiting
 * @param migrationTimeout how long one guest's move may take, until it runs on its target
 * @param rebootTimeout how long a node may take to come back online with a lower uptime
 * @param healthTimeout how long the health after a reboot (quorum, storage, Ceph) may take to
 *     return
 * @param patchTimeout how long each patch command may run
 * @param restartTimeout how long a guest's restart (MNT-12) may take
 * @param patchMode how the patch step runs: {@code ssh} (the patch commands over Vakt's SSH access
 *     path to the node, the default) or {@code skip} (nodes are only rebooted; patching happens by
 *     other means)
 * @param patchCommands the commands the patch step runs over SSH, in order, each of which must exit
 *     0; run through {@code sudo -n} where the inventory's access says so
 */
@ConfigurationProperties("vakt.maintenance")
public record MaintenanceProperties(
    @DefaultValue("10s") Duration apiTimeout,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("30m") Duration migrationTimeout,
    @DefaultValue("20m") Duration rebootTimeout,
    @DefaultValue("10m") Duration healthTimeout,
    @DefaultValue("60m") Duration patchTimeout,
    @DefaultValue("10m") Duration restartTimeout,
    @DefaultValue("ssh") PatchMode patchMode,
    @DefaultValue({UPDATE, UPGRADE}) List<String> patchCommands) {

  /** Refreshes the package lists. */
  public static final String UPDATE = "apt-get -q update";

  /**
   * Installs every update as Proxmox VE asks (dist-upgrade, never plain upgrade), without prompts:
   * changed configuration files keep the local version.
   */
  public static final String UPGRADE =
      "env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Options::=--force-confdef"
          + " -o Dpkg::Options::=--force-confold dist-upgrade";

  /** How the patch step runs. */
  public enum PatchMode {
    /** The patch commands over SSH ({@code dev.vakt.ssh}). */
    SSH,
    /** No patching: the step is recorded as skipped, the node is still emptied and rebooted. */
    SKIP
  }

  public MaintenanceProperties {
    for (Duration d :
        List.of(
            apiTimeout,
            pollInterval,
            migrationTimeout,
            rebootTimeout,
            healthTimeout,
            patchTimeout,
            restartTimeout)) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("vakt.maintenance: every duration must be positive");
      }
    }
    patchCommands = patchCommands == null ? List.of() : List.copyOf(patchCommands);
    if (patchMode == PatchMode.SSH && patchCommands.isEmpty()) {
      throw new IllegalArgumentException(
          "vakt.maintenance.patch-commands is empty: set patch-mode=skip to patch by other means");
    }
  }

  /** The defaults, for plain-Java use. */
  public static MaintenanceProperties defaults() {
    return new MaintenanceProperties(
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        Duration.ofMinutes(30),
        Duration.ofMinutes(20),
        Duration.ofMinutes(10),
        Duration.ofMinutes(60),
        Duration.ofMinutes(10),
        PatchMode.SSH,
        List.of(UPDATE, UPGRADE));
  }

  /** These settings with another poll interval and every timeout set to {@code timeout}. */
  public MaintenanceProperties withTiming(Duration poll, Duration timeout) {
    return new MaintenanceProperties(
        apiTimeout, poll, timeout, timeout, timeout, timeout, timeout, patchMode, patchCommands);
  }
}
