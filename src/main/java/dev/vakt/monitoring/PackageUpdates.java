package dev.vakt.monitoring;

import dev.vakt.common.SecretRef;
import dev.vakt.inventory.Cluster;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.monitoring.host.AptPackages;
import dev.vakt.monitoring.pve.ProxmoxChecks;
import dev.vakt.monitoring.pve.ProxmoxProbe;
import dev.vakt.monitoring.remote.RemoteProbes;
import dev.vakt.proxmox.PendingUpdate;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.proxmox.TlsTrust;
import dev.vakt.secrets.Secrets;
import dev.vakt.ssh.SshCommands;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the pending package updates of one server on request, for the maintenance module's patch
 * compliance (MNT-4, MNT-5, MNT-10): the same data the PENDING_UPDATES check reads, as a list of
 * packages instead of a verdict. Over SSH where the inventory records an access path (the apt-get
 * simulation and {@code apt-cache policy}, with the checks' pinned host keys and connections), else
 * for a Proxmox VE node through its cluster's API ({@code apt/update}, whose Origin is given but
 * not the suite, so security updates are a guess). The target policy applies as to every check.
 *
 * <p>A scan never throws: a server that cannot be read gives a failed {@link PackageScan} with the
 * reason.
 */
@Component
public class PackageUpdates {

  /** The reader's key for {@link RemoteProbes}: it may reuse a check's fresh output. */
  private static final String READER = "package-scan";

  private record ClientKey(String apiUrl, SecretRef token, String fingerprint) {}

  private final InventoryService inventory;
  private final StandardProbes probes;
  private final Secrets secrets;
  private final TargetPolicy policy;
  private final VaktSelf self;
  private final Clock clock;
  private final Duration timeout;
  private final Map<ClientKey, ProxmoxClient> clients = new ConcurrentHashMap<>();

  PackageUpdates(
      InventoryService inventory,
      StandardProbes probes,
      Secrets secrets,
      MonitoringProperties properties,
      VaktSelf self,
      Clock clock,
      @Value("${vakt.monitoring.package-scan-timeout:2m}") Duration timeout) {
    this.inventory = inventory;
    this.probes = probes;
    this.secrets = secrets;
    this.policy = new TargetPolicy(properties.allowedTargets());
    this.self = self;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** The pending updates of {@code serverId} now, or why they cannot be read. */
  public PackageScan scan(String serverId) {
    Server server = inventory.server(serverId).orElse(null);
    if (server == null) {
      return PackageScan.failed(serverId, clock.instant(), null, "not in the inventory");
    }
    try {
      SshCommands.Target target = HostChecks.target(server);
      if (target != null) {
        return overSsh(server, target);
      }
      Cluster cluster =
          server.cluster() == null ? null : inventory.cluster(server.cluster()).orElse(null);
      if (server.kind() == Server.Kind.PROXMOX_NODE
          && cluster != null
          && cluster.apiUrl() != null
          && cluster.apiToken() != null) {
        return overApi(server, cluster);
      }
      return PackageScan.failed(
          serverId,
          clock.instant(),
          null,
          "no SSH access path in the inventory, and not a node of a cluster with an API");
    } catch (RuntimeException e) {
      // As with probes: a bug here is "we do not know", never "nothing pending".
      return PackageScan.failed(serverId, clock.instant(), null, "scan failed: " + e);
    }
  }

  private PackageScan overSsh(Server server, SshCommands.Target target) {
    PackageScan.Source ssh = PackageScan.Source.SSH;
    InetAddress approved;
    switch (new TargetGuard(policy, self.endpoints()).judge(target.host(), target.port())) {
      case TargetGuard.Verdict.Refused refused -> {
        return PackageScan.failed(server.id(), clock.instant(), ssh, refused.reason());
      }
      // F19: the scan connects to the address just approved, not to a second lookup's answer.
      case TargetGuard.Verdict.Allowed allowed -> approved = allowed.addresses().getFirst();
    }
    RemoteProbes remote = probes.remote();
    RemoteProbes.Outputs ran =
        remote.run(target, READER, AptPackages.commands(), timeout, approved);
    if (ran.stopped() != null) {
      return PackageScan.failed(server.id(), clock.instant(), ssh, ran.stopped().reason());
    }
    return switch (AptPackages.read(ran.outputs())) {
      case AptPackages.Result.Read r ->
          PackageScan.read(server.id(), clock.instant(), ssh, r.packages());
      case AptPackages.Result.Unreadable u ->
          PackageScan.failed(server.id(), clock.instant(), ssh, u.reason());
    };
  }

  private PackageScan overApi(Server server, Cluster cluster) {
    PackageScan.Source api = PackageScan.Source.PROXMOX_API;
    URI url = URI.create(cluster.apiUrl());
    int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    InetAddress approved;
    switch (new TargetGuard(policy, self.endpoints()).judge(url.getHost(), port)) {
      case TargetGuard.Verdict.Refused refused -> {
        return PackageScan.failed(server.id(), clock.instant(), api, refused.reason());
      }
      case TargetGuard.Verdict.Allowed allowed ->
          approved = Pinning.approved(url.getHost(), allowed.addresses());
    }
    ProxmoxClient shared =
        clients.computeIfAbsent(
            new ClientKey(cluster.apiUrl(), cluster.apiToken(), cluster.apiFingerprint()),
            k ->
                ProxmoxClient.of(
                    cluster,
                    secrets::resolveDocumentReference,
                    k.fingerprint() == null
                        ? TlsTrust.jvmDefault()
                        : TlsTrust.pinned(k.fingerprint()),
                    timeout));
    // F19: the scan connects to the address just approved, not to a second lookup's answer.
    ProxmoxClient client = approved == null ? shared : shared.at(approved);
    try {
      String node = ProxmoxProbe.node(client, server.address(), server.id()).orElse(null);
      if (node == null) {
        return PackageScan.failed(
            server.id(),
            clock.instant(),
            api,
            "no node of cluster " + cluster.id() + " has the address " + server.address());
      }
      List<PendingPackage> packages = new ArrayList<>();
      for (PendingUpdate u : client.pendingUpdates(node)) {
        boolean known = u.origin() != null && !u.origin().equals("unknown");
        packages.add(
            new PendingPackage(
                u.packageName(),
                u.oldVersion(),
                u.version(),
                known ? List.of(u.origin()) : List.of(),
                known ? u.origin() : "",
                ProxmoxChecks.probablySecurity(u),
                false));
      }
      return PackageScan.read(server.id(), clock.instant(), api, packages);
    } catch (ProxmoxException e) {
      return PackageScan.failed(
          server.id(), clock.instant(), api, "Proxmox VE API: " + e.getMessage());
    }
  }
}
