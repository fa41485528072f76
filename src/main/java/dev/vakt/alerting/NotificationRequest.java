package dev.vakt.alerting;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A notification to send: whom, which message, and why.
 *
 * @param recipient channel, address, language and time zone
 * @param template the message kind, a key of the template files ({@code service-down}, ...)
 * @param values a value for every placeholder the kind declares; {@link java.time.Instant}s, {@link
 *     java.time.ZonedDateTime}s and {@link java.time.LocalDate}s are shown in the recipient's time
 *     zone and language, {@link java.time.Duration}s as hours and minutes, collections joined
 * @param cause what caused it, e.g. {@code incident-123/down}: with the recipient it makes the
 *     de-duplication key, so the same cause never notifies the same recipient twice
 * @param customerId the customer the message is about, or null for staff alerts
 * @param provider the provider whose own templates apply, or null for the installation's
 * @param attachments files for e-mail (none for most messages)
 */
public record NotificationRequest(
    Recipient recipient,
    String template,
    Map<String, ?> values,
    String cause,
    String customerId,
    String provider,
    java.util.List<Attachment> attachments) {

  /** A request without files. */
  public NotificationRequest(
      Recipient recipient,
      String template,
      Map<String, ?> values,
      String cause,
      String customerId,
      String provider) {
    this(recipient, template, values, cause, customerId, provider, java.util.List.of());
  }

  /** A request in the installation's own words. */
  public NotificationRequest(
      Recipient recipient,
      String template,
      Map<String, ?> values,
      String cause,
      String customerId) {
    this(recipient, template, values, cause, customerId, null);
  }

  private static final Pattern CAUSE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");

  public NotificationRequest {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(template, "template");
    values = values == null ? Map.of() : Map.copyOf(values);
    attachments = attachments == null ? java.util.List.of() : java.util.List.copyOf(attachments);
    if (cause == null || !CAUSE.matcher(cause).matches()) {
      throw new IllegalArgumentException(
          "cause '"
              + cause
              + "' must be a reference such as incident-123/down (letters, digits, . _ : / @ + -)");
    }
  }

  /** The de-duplication key: cause and recipient, e.g. {@code incident-123/down/email:ola@x.no}. */
  public String dedupKey() {
    return cause + "/" + recipient.key();
  }
}
