package dev.vakt.monitoring.pve;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.Probe;
import dev.vakt.monitoring.host.HostContext;
import dev.vakt.proxmox.ClusterStatus;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.proxmox.TlsTrust;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs host checks of Proxmox VE nodes through their cluster's API: one client per cluster, and the
 * node found by its address in {@code /cluster/status}, so the inventory needs no second name for
 * it.
 */
public final class ProxmoxProbe implements Probe<CheckSpec.Proxmox> {

  private record Key(String apiUrl, SecretRef token, String fingerprint, Duration timeout) {}

  private final Function<SecretRef, String> secrets;
  private final Clock clock;
  private final Map<Key, ProxmoxClient> clients = new ConcurrentHashMap<>();

  /**
   * @param secrets resolves the API token's reference; what it returns is never logged
   */
  public ProxmoxProbe(Function<SecretRef, String> secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public CheckResult check(CheckSpec.Proxmox spec) {
    return check(spec, null);
  }

  /** The check with every API request connected to {@code approved} (F19), when not null. */
  @Override
  public CheckResult check(CheckSpec.Proxmox spec, InetAddress approved) {
    long start = System.nanoTime();
    ProxmoxClient shared =
        clients.computeIfAbsent(
            new Key(spec.apiUrl(), spec.token(), spec.fingerprint(), spec.timeout()),
            k ->
                new ProxmoxClient(
                    URI.create(k.apiUrl()),
                    () -> secrets.apply(k.token()),
                    k.fingerprint() == null
                        ? TlsTrust.jvmDefault()
                        : TlsTrust.pinned(k.fingerprint()),
                    k.timeout()));
    ProxmoxClient client = approved == null ? shared : shared.at(approved);
    String node;
    try {
      node = node(client, spec.address(), spec.server()).orElse(null);
    } catch (ProxmoxException e) {
      return CheckResult.unknown(
          "Proxmox VE API of " + spec.server() + ": " + e.getMessage(), elapsed(start));
    }
    if (node == null) {
      return CheckResult.unknown(
          "no node of the cluster has the address "
              + spec.address()
              + " or the name "
              + spec.server()
              + " (GET /cluster/status)",
          elapsed(start));
    }
    LocalDate today = LocalDate.now(clock.withZone(spec.zone()));
    CheckResult r =
        new ProxmoxChecks(client, spec.proxmox())
            .run(spec.check(), node, HostContext.of(spec.thresholds(), today));
    return new CheckResult(r.state(), r.reason(), elapsed(start), r.metrics());
  }

  /**
   * The cluster node that is the inventory's server: the member with {@code address} as its IP,
   * else the one named like {@code server}; empty when none is.
   */
  public static Optional<String> node(ProxmoxClient client, String address, String server)
      throws ProxmoxException {
    ClusterStatus status = client.clusterStatus();
    for (ClusterStatus.Node n : status.nodes()) {
      if (address.equals(n.ip())) {
        return Optional.of(n.name());
      }
    }
    return status.nodes().stream().map(ClusterStatus.Node::name).filter(server::equals).findFirst();
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
