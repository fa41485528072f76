package dev.vakt.alerting;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Ids;
import dev.vakt.common.Language;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A technician who can be paged (ALR-1).
 *
 * @param id how schedules and escalation policies refer to the person
 * @param name full name
 * @param language the language pages are written in
 * @param email e-mail address
 * @param phone phone number for SMS, in international form (+47 ...)
 * @param webhook the name of a webhook under {@code vakt.alerting.webhooks} that reaches the person
 */
public record OnCallPerson(
    String id, String name, Language language, String email, String phone, String webhook) {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 ]{5,19}");

  public OnCallPerson {
    Ids.require("id", id);
    required("name", name);
    check(!name.isBlank(), "name", "cannot be empty");
    required("language", language);
    required("email", email);
    check(EMAIL.matcher(email).matches(), "email", "'" + email + "' is not an e-mail address");
    check(
        phone == null || PHONE.matcher(phone).matches(),
        "phone",
        "'" + phone + "' is not an international phone number such as +47 22 00 00 00");
    Ids.optional("webhook", webhook);
  }

  /**
   * Where a page reaches this person: one recipient per channel in {@code channels} the person has
   * an address for, in the person's language and {@code zone}.
   */
  public List<Recipient> recipients(Set<ChannelKind> channels, ZoneId zone) {
    List<Recipient> out = new ArrayList<>();
    if (channels.contains(ChannelKind.EMAIL)) {
      out.add(new Recipient(ChannelKind.EMAIL, email, language, zone));
    }
    if (channels.contains(ChannelKind.SMS) && phone != null) {
      out.add(new Recipient(ChannelKind.SMS, phone, language, zone));
    }
    if (channels.contains(ChannelKind.WEBHOOK) && webhook != null) {
      out.add(new Recipient(ChannelKind.WEBHOOK, webhook, language, zone));
    }
    return out;
  }
}
