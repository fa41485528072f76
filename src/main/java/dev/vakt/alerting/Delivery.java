package dev.vakt.alerting;

/** What a channel made of one attempt to send. */
sealed interface Delivery {

  /** The server or gateway accepted the message. */
  record Delivered() implements Delivery {}

  /** Not sent, and worth trying again later (server down, rate limited, 4xx from SMTP). */
  record Retryable(String reason) implements Delivery {}

  /** Not sent, and trying again will not help (recipient rejected, request refused). */
  record Permanent(String reason) implements Delivery {}

  static Delivery delivered() {
    return new Delivered();
  }

  static Delivery retry(String reason) {
    return new Retryable(reason);
  }

  static Delivery permanent(String reason) {
    return new Permanent(reason);
  }
}
