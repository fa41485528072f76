package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Language;
import java.util.regex.Pattern;

/**
 * A person at a customer.
 *
 * @param name full name
 * @param email e-mail address
 * @param phone phone number for SMS, in international form (+47 ...)
 * @param verified whether the e-mail address is verified: only verified senders may make written
 *     requests (CFX 1, SUP-1)
 * @param emergency member of the Emergency Response List (BDN 1.1.3, ALR-2)
 * @param language language of messages to this person
 */
public record Contact(
    String name,
    String email,
    String phone,
    Boolean verified,
    Boolean emergency,
    Language language) {

  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 ]{5,19}");

  public Contact {
    required("name", name);
    check(!name.isBlank(), "name", "cannot be empty");
    required("email", email);
    check(EMAIL.matcher(email).matches(), "email", "'" + email + "' is not an e-mail address");
    check(
        phone == null || PHONE.matcher(phone).matches(),
        "phone",
        "'" + phone + "' is not an international phone number such as +47 22 00 00 00");
    verified = Boolean.TRUE.equals(verified);
    emergency = Boolean.TRUE.equals(emergency);
  }
}
