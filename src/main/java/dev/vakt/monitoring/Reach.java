package dev.vakt.monitoring;

import java.net.InetAddress;
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
    return decide(url).refusal();
  }

  /**
   * The guard's word on {@code url} from one lookup: why it may not be reached, or the address to
   * connect to, so that the connection goes where the guard approved and not to a second lookup's
   * answer (issue 16, F19).
   */
  public Decision decide(URI url) {
    return switch (new TargetGuard(policy, self.endpoints()).judge(url)) {
      case TargetGuard.Verdict.Refused r -> new Decision(Optional.of(r.reason()), null);
      case TargetGuard.Verdict.Allowed a ->
          new Decision(Optional.empty(), Pinning.approved(url.getHost(), a.addresses()));
    };
  }

  /**
   * @param refusal why not, or empty when the target may be reached
   * @param address the approved address to connect to; null when refused or when the host is an
   *     address literal (nothing to look up)
   */
  public record Decision(Optional<String> refusal, InetAddress address) {}
}
