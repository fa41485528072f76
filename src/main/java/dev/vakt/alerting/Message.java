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

  /**
   * A stable reference for this notification, the same on every attempt: the webhook's {@code
   * Idempotency-Key} and the SMS gateway's {@code {ref}}. Derived from the de-duplication key (a
   * hash, so it shows no address) and safe in headers, URLs and JSON.
   */
  String reference() {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(dedupKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "vakt-" + java.util.HexFormat.of().formatHex(hash, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
