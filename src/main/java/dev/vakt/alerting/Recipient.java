package dev.vakt.alerting;

import dev.vakt.common.Language;
import dev.vakt.inventory.Contact;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who receives a notification, and how: the channel, the address on it, and the language and time
 * zone the message is written in.
 *
 * @param channel e-mail, SMS or a webhook
 * @param address an e-mail address, an international phone number, or the name of a webhook
 *     configured under {@code vakt.alerting.webhooks}; stored normalised (e-mail in lower case,
 *     phone numbers without spaces)
 * @param language the language of the message
 * @param zone the time zone times are shown in
 */
public record Recipient(ChannelKind channel, String address, Language language, ZoneId zone) {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+[0-9]{6,19}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public Recipient {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(zone, "zone");
    address =
        switch (channel) {
          case EMAIL -> address.strip().toLowerCase(Locale.ROOT);
          case SMS -> address.replace(" ", "");
          case WEBHOOK -> address.strip();
        };
    Pattern valid =
        switch (channel) {
          case EMAIL -> EMAIL;
          case SMS -> PHONE;
          case WEBHOOK -> NAME;
        };
    if (!valid.matcher(address).matches()) {
      throw new IllegalArgumentException(
          "'" + address + "' is not a valid " + channel.code() + " recipient");
    }
  }

  /** A contact's e-mail address, in the contact's language (or {@code fallback}). */
  public static Recipient email(Contact contact, Language fallback, ZoneId zone) {
    return new Recipient(
        ChannelKind.EMAIL,
        contact.email(),
        contact.language() == null ? fallback : contact.language(),
        zone);
  }

  /** A contact's phone for SMS, in the contact's language (or {@code fallback}). */
  public static Recipient sms(Contact contact, Language fallback, ZoneId zone) {
    if (contact.phone() == null) {
      throw new IllegalArgumentException(contact.name() + " has no phone number for SMS");
    }
    return new Recipient(
        ChannelKind.SMS,
        contact.phone(),
        contact.language() == null ? fallback : contact.language(),
        zone);
  }

  /** The part of a de-duplication key that names this recipient: {@code email:ola@example.no}. */
  public String key() {
    return channel.code() + ":" + address;
  }
}
