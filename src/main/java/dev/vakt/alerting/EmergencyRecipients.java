package dev.vakt.alerting;

import dev.vakt.common.Language;
import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Contact;
import dev.vakt.inventory.Customer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who on a customer's Emergency Response List hears of an event, on which channels (ALR-2): the
 * list's contacts by e-mail and SMS and the customer's webhook, as the contract's {@code
 * emergencyList} sets; a list without {@code notifyOn} hears of every event.
 */
final class EmergencyRecipients {

  private static final Logger log = LoggerFactory.getLogger(EmergencyRecipients.class);

  private EmergencyRecipients() {}

  static List<Recipient> of(Customer customer, Terms terms, AlertingTerms.Event event) {
    AlertingTerms a = terms == null ? null : terms.alerting();
    AlertingTerms.EmergencyList erl = a == null ? null : a.emergencyList();
    if (erl == null || (erl.notifyOn() != null && !erl.notifyOn().contains(event))) {
      return List.of();
    }
    Set<AlertingTerms.Channel> channels =
        erl.channels() == null ? Set.of(AlertingTerms.Channel.EMAIL) : erl.channels();
    Language language = language(customer, terms);
    ZoneId zone = zone(terms);
    List<Recipient> out = new ArrayList<>();
    for (Contact c : customer.contacts() == null ? List.<Contact>of() : customer.contacts()) {
      if (!Boolean.TRUE.equals(c.emergency())) {
        continue;
      }
      if (channels.contains(AlertingTerms.Channel.EMAIL)) {
        out.add(Recipient.email(c, language, zone));
      }
      if (channels.contains(AlertingTerms.Channel.SMS) && c.phone() != null) {
        out.add(Recipient.sms(c, language, zone));
      }
    }
    if (channels.contains(AlertingTerms.Channel.WEBHOOK) && customer.webhook() != null) {
      out.add(new Recipient(ChannelKind.WEBHOOK, customer.webhook(), language, zone));
    }
    if (out.isEmpty()) {
      log.warn(
          "Customer {} has an emergency list in its contract but no emergency contact to tell",
          customer.id());
    }
    return out;
  }

  /** The customer's own language, else the contract's, else English. */
  static Language language(Customer c, Terms t) {
    if (c.language() != null) {
      return c.language();
    }
    return t != null && t.language() != null ? t.language() : Language.EN;
  }

  /** The contract's time zone, in which times are written to the customer. */
  static ZoneId zone(Terms t) {
    return t == null || t.timeZone() == null ? ZoneOffset.UTC : t.timeZone();
  }
}
