package dev.vakt.monitoring;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the monitoring engine, with every default in one place. Check intervals, timeouts and
 * attempts are not here: they come from each contract's terms.
 *
 * @param enabled whether checks run
 * @param heartbeat how often the engine records that it is alive (MON-9)
 * @param gapAfter silence longer than this is recorded as a monitoring gap
 * @param maxConcurrentChecks checks in flight at once, over all targets
 * @param perHostConcurrency checks in flight at once against one host
 * @param resultBuffer status updates buffered for the database before overflow is counted
 * @param allowedTargets networks checks may reach, as CIDR blocks; loopback by default, so a demo
 *     or a test never sends traffic elsewhere. Production sets e.g. {@code 0.0.0.0/0, ::/0}.
 * @param rawRetention how long raw results are kept; hourly roll-ups are kept for good
 * @param hostInterval how often host health is read over SSH and access is verified (ACC-1); never
 *     more often than the contract's interval
 * @param slowHostInterval how often the slow or slowly changing host checks run: pending updates,
 *     reboot needed, platform support
 * @param pluginDirectories the only directories plugins run from (F1): a check names a plugin by
 *     its file name, never by a path; Debian's Monitoring Plugins directory by default
 * @param pluginUser the account plugins run as when Vakt runs as root, so a plugin can neither read
 *     Vakt's data directory (the master key) nor act with root's privileges
 */
@ConfigurationProperties("vakt.monitoring")
public record MonitoringProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration heartbeat,
    @DefaultValue("30s") Duration gapAfter,
    @DefaultValue("2000") int maxConcurrentChecks,
    @DefaultValue("4") int perHostConcurrency,
    @DefaultValue("10000") int resultBuffer,
    @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> allowedTargets,
    @DefaultValue("48h") Duration rawRetention,
    @DefaultValue("5m") Duration hostInterval,
    @DefaultValue("1h") Duration slowHostInterval,
    @DefaultValue("/usr/lib/nagios/plugins") List<java.nio.file.Path> pluginDirectories,
    @DefaultValue("nobody") String pluginUser) {

  public MonitoringProperties {
    if (!gapAfter.minus(heartbeat).isPositive()) {
      throw new IllegalArgumentException(
          "vakt.monitoring.gap-after must be longer than the heartbeat");
    }
    allowedTargets = List.copyOf(allowedTargets);
    pluginDirectories = List.copyOf(pluginDirectories);
    if (pluginDirectories.stream().anyMatch(d -> !d.isAbsolute())) {
      throw new IllegalArgumentException(
          "vakt.monitoring.plugin-directories must be absolute paths: " + pluginDirectories);
    }
    if (pluginUser == null || !pluginUser.matches("[a-z_][a-z0-9_.-]{0,31}")) {
      throw new IllegalArgumentException(
          "vakt.monitoring.plugin-user must be a Unix user name: " + pluginUser);
    }
  }
}
