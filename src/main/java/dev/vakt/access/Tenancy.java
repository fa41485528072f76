package dev.vakt.access;

import dev.vakt.audit.AuditScope;
import dev.vakt.common.ApiErrors;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Tenant isolation below the controllers (DPA-4): services that take a customer id call {@link
 * #requireCustomer}, and list methods filter by {@link #onlyCustomer}. A customer's user asking for
 * another customer's data gets 404, exactly as if it did not exist, so existence does not leak.
 *
 * <p>Staff are confined to no customer. So is work without a signed-in user (scheduled engines,
 * {@code vakt} commands): every HTTP path except the public ones requires a login (ADR 0013), so
 * "no user" only happens outside requests.
 */
@Component
public class Tenancy implements AuditScope {

  /** The customer the current user is confined to: present for customer roles only. */
  @Override
  public Optional<String> onlyCustomer() {
    return current().filter(p -> !p.role().staff()).map(VaktPrincipal::customer);
  }

  /** Whether the current user may see {@code customerId}'s data. */
  public boolean maySee(String customerId) {
    return onlyCustomer().map(c -> c.equals(customerId)).orElse(true);
  }

  /** Throws 404 unless the current user may see {@code customerId}'s data. */
  public void requireCustomer(String customerId) {
    if (!maySee(customerId)) {
      throw new ApiErrors.NotFound("customer " + customerId);
    }
  }

  static Optional<VaktPrincipal> current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof VaktPrincipal p
        ? Optional.of(p)
        : Optional.empty();
  }
}
