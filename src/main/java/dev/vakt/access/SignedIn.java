package dev.vakt.access;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who is signed in on the current request, as {@code GET /api/session} answers it: also written
 * into the console's page so it need not ask (issue 7, page speed; ADR 0015).
 */
@Component
public class SignedIn {

  /**
   * The signed-in user; for customer roles also the customer's language, the page's default when
   * the user has chosen none on its picker. {@code token} is the API token's id when the request
   * came with one.
   */
  public record Me(String username, Role role, String customer, String token, String language) {}

  private final ObjectProvider<CustomerDirectory> customers;

  SignedIn(ObjectProvider<CustomerDirectory> customers) {
    this.customers = customers;
  }

  /** The current request's user, empty when nobody is signed in. */
  public Optional<Me> current() {
    return Tenancy.current().map(this::me);
  }

  Me me(VaktPrincipal p) {
    CustomerDirectory d = customers.getIfAvailable();
    String language =
        p.customer() == null || d == null ? null : d.language(p.customer()).orElse(null);
    return new Me(p.username(), p.role(), p.customer(), p.token(), language);
  }
}
