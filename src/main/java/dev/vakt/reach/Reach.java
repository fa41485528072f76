package dev.vakt.reach;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The guard for modules that connect to what the inventory names (the Proxmox VE API client and SSH
 * of capacity, maintenance runs and restarts): the allowed networks and never Vakt's own database
 * or HTTP port (issue 16, F2), with the same rules and words as a check. Implemented by the
 * monitoring module, whose check guard it shares; declared here, below the clients and their users,
 * so that {@code ssh} and {@code maintenance} need not depend on {@code monitoring} for it.
 */
public interface Reach {

  /** Why {@code url} may not be reached, or empty when it may. */
  default Optional<String> refusal(URI url) {
    return decide(url).refusal();
  }

  /**
   * The guard's word on {@code url} from one lookup: why it may not be reached, or the address to
   * connect to, so that the connection goes where the guard approved and not to a second lookup's
   * answer (issue 16, F19).
   */
  Decision decide(URI url);

  /**
   * @param refusal why not, or empty when the target may be reached
   * @param address the approved address to connect to; null when refused or when the host is an
   *     address literal (nothing to look up)
   */
  record Decision(Optional<String> refusal, InetAddress address) {}
}
