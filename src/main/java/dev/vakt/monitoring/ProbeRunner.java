package dev.vakt.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Runs a check spec with the probe for its type, after the target policy: a target outside the
 * allowed networks is UNKNOWN and not one packet is sent to it.
 */
@Component
final class ProbeRunner implements Function<CheckSpec, CheckResult> {

  private final Map<Class<?>, Probe<?>> probes;
  private final TargetPolicy policy;

  ProbeRunner(Probes probes, MonitoringProperties properties) {
    this.probes = probes.byType();
    this.policy = new TargetPolicy(properties.allowedTargets());
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public CheckResult apply(CheckSpec spec) {
    String host = host(spec);
    if (host != null && !policy.allows(host)) {
      return CheckResult.unknown(
          "target "
              + host
              + " is outside the allowed networks ("
              + policy.describe()
              + "; vakt.monitoring.allowed-targets): not checked",
          Duration.ZERO);
    }
    Probe probe = probes.get(spec.getClass());
    if (probe == null) {
      return CheckResult.unknown(
          "no probe for " + spec.getClass().getSimpleName().toLowerCase() + " checks",
          Duration.ZERO);
    }
    return probe.check(spec);
  }

  private static String host(CheckSpec spec) {
    return switch (spec) {
      case CheckSpec.Tcp s -> s.host();
      case CheckSpec.Http s -> s.url().getHost();
      case CheckSpec.Ping s -> s.host();
      case CheckSpec.Ssh s -> s.host();
      case CheckSpec.Mail s -> s.host();
      case CheckSpec.Ftp s -> s.host();
      case CheckSpec.Ntp s -> s.host();
      case CheckSpec.Sql s -> s.host();
      case CheckSpec.Dns s -> s.server();
      case CheckSpec.Host s -> s.ssh().host();
      case CheckSpec.Access s -> s.ssh().host();
      case CheckSpec.Proxmox s -> java.net.URI.create(s.apiUrl()).getHost();
      case CheckSpec.Plugin s ->
          null; // runs locally; what it reaches is the plugin's arguments' business
    };
  }
}
