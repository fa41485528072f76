package dev.vakt.monitoring;

import java.net.URI;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The monitoring guard for other modules that connect to what the inventory names (maintenance's
 * Proxmox VE API client): the allowed networks and never Vakt's own database or HTTP port (issue
 * 16, F2), with the same rules and words as a check.
 */
@Component
public class Reach {

  private final TargetPolicy policy;
  private final VaktSelf self;

  Reach(MonitoringProperties properties, VaktSelf self) {
    this.policy = new TargetPolicy(properties.allowedTargets());
    this.self = self;
  }

  /** Why {@code url} may not be reached, or empty when it may. */
  public Optional<String> refusal(URI url) {
    return Optional.ofNullable(new TargetGuard(policy, self.endpoints()).refusal(url));
  }
}
