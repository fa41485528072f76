package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Country;
import dev.vakt.common.Ids;
import dev.vakt.common.Language;
import java.util.List;

/**
 * A customer of the provider: the tenant whose data only its own users may see.
 *
 * @param id customer id
 * @param name legal or display name
 * @param country country of the customer
 * @param language language of notices when a contact has none
 * @param email the registered e-mail for important messages (BDN 1.1.2, ALR-6)
 * @param contacts people, including the Emergency Response List
 * @param webhook the name of a webhook configured under {@code vakt.alerting.webhooks} that feeds
 *     the customer's own ticket or chat system, for an emergency list with the webhook channel
 */
public record Customer(
    String id,
    String name,
    Country country,
    Language language,
    String email,
    List<Contact> contacts,
    String webhook) {

  public Customer {
    Ids.require("id", id);
    required("name", name);
    check(!name.isBlank(), "name", "cannot be empty");
    check(
        email == null || Contact.EMAIL.matcher(email).matches(),
        "email",
        "'" + email + "' is not an e-mail address");
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    Ids.optional("webhook", webhook);
    check(
        contacts.stream().map(Contact::email).distinct().count() == contacts.size(),
        "contacts",
        "two contacts have the same e-mail address");
  }
}
