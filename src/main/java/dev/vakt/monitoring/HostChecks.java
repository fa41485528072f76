package dev.vakt.monitoring;

import dev.vakt.contract.MonitoringTerms;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Cluster;
import dev.vakt.inventory.Server;
import dev.vakt.monitoring.host.HostReaders;
import dev.vakt.monitoring.pve.ProxmoxChecks;
import dev.vakt.ssh.SshCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides which agentless checks a server gets: access verification (ACC-1) whenever the inventory
 * records an SSH access path and the contract sets monitoring, and each host check the contract
 * lists (MON-2, MON-3, MON-5, MON-6, MON-12): over SSH where Vakt can read it so, else for a
 * Proxmox VE node through its cluster's API.
 *
 * <p>Their ids are {@code SERVER:access} and {@code SERVER:CHECK}, e.g. {@code pve1:raid}: a colon
 * never occurs in inventory ids, so they cannot clash with a service, and they never enter an SLA
 * report (only inventory services do), except access, from which access-lost periods are read.
 */
final class HostChecks {

  /** Host checks that change slowly or are costly to read: run at the slow interval. */
  private static final Set<HostCheck> SLOW =
      Set.of(HostCheck.PENDING_UPDATES, HostCheck.REBOOT_NEEDED, HostCheck.PLATFORM_SUPPORT);

  private HostChecks() {}

  /** The id of a server's access check. */
  static String accessId(String server) {
    return server + ":access";
  }

  /**
   * The plans for one server, by check id: over SSH where the inventory records an access path,
   * else through the Proxmox VE API for a node of a cluster with an API; empty for neither.
   *
   * @param cluster the server's cluster, or null
   */
  static Map<String, ServiceChecks.Plan> plan(
      Server server, Cluster cluster, Terms terms, MonitoringProperties properties) {
    Map<String, ServiceChecks.Plan> out = new LinkedHashMap<>();
    Server.Ssh ssh = server.access() == null ? null : server.access().ssh();
    boolean api =
        server.kind() == Server.Kind.PROXMOX_NODE
            && cluster != null
            && cluster.apiUrl() != null
            && cluster.apiToken() != null;
    if (ssh == null && !api) {
      return out;
    }
    MonitoringTerms m = terms == null ? null : terms.monitoring();
    if (m == null || m.interval() == null || m.timeout() == null) {
      out.put(
          ssh != null ? accessId(server.id()) : server.id() + ":host",
          new ServiceChecks.Plan.NotChecked(
              "the contract sets no monitoring interval and timeout"));
      return out;
    }
    SshCommands.Target target = target(server);
    int attempts = m.maxAttempts() == null ? 1 : m.maxAttempts();
    Duration retry = m.retryInterval() == null ? m.interval() : m.retryInterval();
    Duration every = max(m.interval(), properties.hostInterval());
    // Reading a host takes several commands: give it a few timeouts' worth, within the interval.
    Duration hostTimeout = min(m.timeout().multipliedBy(4), every);
    if (target != null) {
      out.put(
          accessId(server.id()),
          checked(
              accessId(server.id()),
              new CheckSpec.Access(target, m.timeout()),
              server,
              every,
              retry,
              attempts));
    }
    if (m.host() == null) {
      return out;
    }
    for (HostCheck check : m.host().stream().sorted().toList()) {
      String id = server.id() + ":" + check.code();
      CheckSpec spec;
      if (target != null && HostReaders.of(check).isPresent()) {
        spec =
            new CheckSpec.Host(
                target, check, hostTimeout, m.thresholds(), m.proxmox(), terms.timeZone());
      } else if (api && ProxmoxChecks.supports(check)) {
        spec =
            new CheckSpec.Proxmox(
                cluster.apiUrl(),
                cluster.apiToken(),
                cluster.apiFingerprint(),
                server.id(),
                server.address(),
                check,
                hostTimeout,
                m.thresholds(),
                m.proxmox(),
                terms.timeZone());
      } else {
        out.put(
            id,
            new ServiceChecks.Plan.NotChecked(
                "Vakt cannot read "
                    + check.code()
                    + (target != null
                        ? " over SSH (yet)"
                        : api ? " through the Proxmox VE API" : " without SSH access")));
        continue;
      }
      Duration interval = SLOW.contains(check) ? max(every, properties.slowHostInterval()) : every;
      out.put(id, checked(id, spec, server, interval, retry, attempts));
    }
    return out;
  }

  /** Where and as whom commands run on {@code server}, or null without an SSH access path. */
  static SshCommands.Target target(Server server) {
    Server.Ssh ssh = server.access() == null ? null : server.access().ssh();
    return ssh == null
        ? null
        : new SshCommands.Target(
            server.id(),
            server.address(),
            ssh.port() == null ? 22 : ssh.port(),
            ssh.user(),
            ssh.key(),
            Boolean.TRUE.equals(ssh.sudo()),
            ssh.hostKey());
  }

  private static ServiceChecks.Plan checked(
      String id, CheckSpec spec, Server server, Duration every, Duration retry, int attempts) {
    return new ServiceChecks.Plan.Checked(
        new CheckScheduler.Job(id, spec, server.address(), every, retry, attempts));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
