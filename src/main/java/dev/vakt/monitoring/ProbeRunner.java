package dev.vakt.monitoring;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs a check spec with the probe for its type, after the {@link TargetGuard}: a target outside
 * the allowed networks, or one of Vakt's own endpoints, is UNKNOWN and not one packet is sent.
 */
@Component
final class ProbeRunner implements Function<CheckSpec, CheckResult> {

  private final Map<Class<?>, Probe<?>> probes;
  private final TargetPolicy policy;
  private final Supplier<SelfEndpoints> self;

  @Autowired
  ProbeRunner(Probes probes, MonitoringProperties properties, VaktSelf self) {
    this(probes, new TargetPolicy(properties.allowedTargets()), self::endpoints);
  }

  ProbeRunner(Probes probes, TargetPolicy policy, Supplier<SelfEndpoints> self) {
    this.probes = probes.byType();
    this.policy = policy;
    this.self = self;
  }

  @Override
  public CheckResult apply(CheckSpec spec) {
    return run(spec, new TargetGuard(policy, self.get()), probes);
  }

  /**
   * The guard, then the probe, connected to the address the guard approved where the probe allows
   * ({@link Pinning}): the one path every check takes, engine and command line.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static CheckResult run(CheckSpec spec, TargetGuard guard, Map<Class<?>, Probe<?>> probes) {
    CheckSpec pinned;
    InetAddress approved;
    switch (guard.judge(spec)) {
      case TargetGuard.Verdict.Refused refused -> {
        return CheckResult.unknown(refused.reason(), Duration.ZERO);
      }
      case TargetGuard.Verdict.Allowed allowed -> {
        pinned = Pinning.pin(spec, allowed.addresses());
        approved = Pinning.approved(spec, allowed.addresses());
      }
    }
    Probe probe = probes.get(spec.getClass());
    if (probe == null) {
      return CheckResult.unknown(
          "no probe for " + spec.getClass().getSimpleName().toLowerCase() + " checks",
          Duration.ZERO);
    }
    return probe.check(pinned, approved);
  }
}
