package dev.vakt.alerting;

/**
 * A way to send a message. Implementations are plain Java (no Spring) and never throw: every
 * failure is a {@link Delivery} with a reason that names no secret.
 */
interface Channel {

  Delivery send(Message message);
}
