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
 */
record Message(
    String dedupKey,
    String cause,
    String template,
    String customerId,
    String to,
    String subject,
    String body) {}
