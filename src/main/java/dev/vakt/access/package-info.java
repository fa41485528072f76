/**
 * Accounts, two-factor login, sessions, API tokens, roles and tenant isolation (issue 7, DPA-3,
 * DPA-4; ADR 0013). {@link dev.vakt.access.Tenancy} is what other modules' services consult so a
 * customer's users see only their own customer's data, below the controllers.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"audit", "common", "platform", "secrets"})
package dev.vakt.access;
