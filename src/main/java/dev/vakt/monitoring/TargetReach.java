package dev.vakt.monitoring;

import dev.vakt.reach.Reach;
import java.net.URI;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The monitoring guard offered to other modules as {@link Reach} (maintenance's Proxmox VE API
 * client and run SSH): the allowed networks and never Vakt's own database or HTTP port (issue 16,
 * F2), with the same rules and words as a check.
 */
@Component
class TargetReach implements Reach {

  private final TargetPolicy policy;
  private final VaktSelf self;

  TargetReach(MonitoringProperties properties, VaktSelf self) {
    this.policy = new TargetPolicy(properties.allowedTargets());
    this.self = self;
  }

  @Override
  public Decision decide(URI url) {
    return switch (new TargetGuard(policy, self.endpoints()).judge(url)) {
      case TargetGuard.Verdict.Refused r -> new Decision(Optional.of(r.reason()), null);
      case TargetGuard.Verdict.Allowed a ->
          new Decision(Optional.empty(), Pinning.approved(url.getHost(), a.addresses()));
    };
  }
}
