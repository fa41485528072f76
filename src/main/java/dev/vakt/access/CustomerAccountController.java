package dev.vakt.access;

import dev.vakt.common.Requests;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A customer's admins manage the customer's own accounts (issue 7; {@link CustomerAccounts}). */
@RestController
class CustomerAccountController {

  private final CustomerAccounts accounts;

  CustomerAccountController(CustomerAccounts accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/api/customers/{customer}/users")
  List<Accounts.Account> list(@PathVariable String customer) {
    return accounts.list(customer);
  }

  @PostMapping("/api/customers/{customer}/users")
  ResponseEntity<CustomerAccounts.Added> add(
      @PathVariable String customer, @RequestBody JsonNode body, Principal principal) {
    // Another customer's is not found, whatever the body says (DPA-4).
    accounts.requireCustomer(customer);
    CustomerAccounts.Added a =
        accounts.add(
            customer,
            Requests.bind(body, CustomerAccounts.NewUser.class),
            Requests.actor(principal));
    return ResponseEntity.created(
            URI.create("/api/customers/" + customer + "/users/" + a.account().username()))
        .body(a);
  }

  @PostMapping("/api/customers/{customer}/users/{username}/disable")
  Accounts.Account disable(
      @PathVariable String customer, @PathVariable String username, Principal principal) {
    return accounts.setDisabled(customer, username, true, Requests.actor(principal));
  }

  @PostMapping("/api/customers/{customer}/users/{username}/enable")
  Accounts.Account enable(
      @PathVariable String customer, @PathVariable String username, Principal principal) {
    return accounts.setDisabled(customer, username, false, Requests.actor(principal));
  }
}
