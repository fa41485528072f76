package dev.vakt.access;

import dev.vakt.common.InvalidField;
import java.io.Serializable;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who makes a request: the account's name (what the audit log records, DPA-3), its role, its
 * customer for customer roles, and for API tokens the token's scopes.
 *
 * @param username the account
 * @param role what it may do
 * @param customer the customer it is confined to; null for staff
 * @param token the API token's name, or null for a session
 * @param scopes what the token may do ({@code read}, {@code write}); both for a session
 */
record VaktPrincipal(String username, Role role, String customer, String token, Set<String> scopes)
    implements AuthenticatedPrincipal, Serializable {

  VaktPrincipal {
    InvalidField.required("username", username);
    InvalidField.required("role", role);
    InvalidField.check(
        role.staff() == (customer == null), "customer", "is required for customer roles only");
    scopes = Set.copyOf(scopes);
  }

  static VaktPrincipal session(String username, Role role, String customer) {
    return new VaktPrincipal(username, role, customer, null, Set.of("read", "write"));
  }

  @Override
  public String getName() {
    return username;
  }

  boolean mayWrite() {
    return scopes.contains("write");
  }
}
