package dev.vakt.alerting;

/**
 * A rendered notification as a channel sends it.
 *
 * @param dedupKey cause and recipient; channels derive idempotency keys from it (Matrix transaction
 *     id, e-mail Message-ID)
 * @param cause what caused it
 * @param template the message kind
 * @param customerId the customer, or null
 * @param to the address (or webhook name)
 * @param subject the subject line
 * @param body the text
 * @param attachments files to send with it (e-mail only)
 */
record Message(
    String dedupKey,
    String cause,
    String template,
    String customerId,
    String to,
    String subject,
    String body,
    java.util.List<Attachment> attachments) {

  /** A message without files. */
  Message(
      String dedupKey,
      String cause,
      String template,
      String customerId,
      String to,
      String subject,
      String body) {
    this(dedupKey, cause, template, customerId, to, subject, body, java.util.List.of());
  }

  Message {
    attachments = attachments == null ? java.util.List.of() : java.util.List.copyOf(attachments);
  }
}
