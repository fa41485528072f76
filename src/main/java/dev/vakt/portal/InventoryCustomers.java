package dev.vakt.portal;

import dev.vakt.access.CustomerDirectory;
import dev.vakt.common.Language;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The inventory's customers for the access module: existence and language (issue 7). */
@Component
class InventoryCustomers implements CustomerDirectory {

  private final InventoryService inventory;

  InventoryCustomers(InventoryService inventory) {
    this.inventory = inventory;
  }

  @Override
  public boolean exists(String customer) {
    return inventory.customer(customer).isPresent();
  }

  @Override
  public Optional<String> language(String customer) {
    return inventory.customer(customer).map(Customer::language).map(Language::code);
  }
}
