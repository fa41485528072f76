package dev.vakt.portal;

import dev.vakt.access.CustomerLanguages;
import dev.vakt.common.Language;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A customer's language from the inventory, for the portal's default language (issue 7). */
@Component
class InventoryLanguages implements CustomerLanguages {

  private final InventoryService inventory;

  InventoryLanguages(InventoryService inventory) {
    this.inventory = inventory;
  }

  @Override
  public Optional<String> of(String customer) {
    return inventory.customer(customer).map(Customer::language).map(Language::code);
  }
}
