package dev.vakt.alerting;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Where a notification stands, with every delivery attempt.
 *
 * @param id the notification's id
 * @param dedupKey cause and recipient
 * @param cause what caused it
 * @param customerId the customer, or null for staff
 * @param channel how it is sent
 * @param recipient the address (or webhook name)
 * @param template the message kind
 * @param subject the rendered subject, as sent
 * @param body the rendered body, as sent
 * @param state pending, sending, delivered or failed
 * @param attempts attempts started so far
 * @param nextAttemptAt when the next attempt is due (pending only)
 * @param lastError why the last attempt failed
 * @param createdAt when it was enqueued
 * @param deliveredAt when a channel accepted it
 * @param possiblyDuplicate delivered, and an earlier attempt whose outcome is unknown (its sender
 *     died) may have arrived too: the recipient may have it twice
 * @param history each attempt, oldest first
 */
public record NotificationStatus(
    long id,
    String dedupKey,
    String cause,
    String customerId,
    ChannelKind channel,
    String recipient,
    String template,
    String subject,
    String body,
    State state,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant deliveredAt,
    boolean possiblyDuplicate,
    List<Attempt> history) {

  /** A notification's delivery state. */
  public enum State {
    PENDING,
    SENDING,
    DELIVERED,
    FAILED;

    @JsonValue
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State of(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One attempt to deliver.
   *
   * @param attempt its number, from 1
   * @param startedAt when the worker claimed the notification
   * @param finishedAt when the outcome was recorded
   * @param outcome delivered, retryable, permanent, lease-expired (the worker stopped before
   *     recording an outcome: the message may or may not have gone out) or owner-ended (the same,
   *     found at once by the restarted instance of its node)
   * @param reason the channel's reason for a failure; for a delivery, a note such as {@code
   *     possibly-duplicate: ...} or that the gateway already had it
   */
  public record Attempt(
      int attempt, Instant startedAt, Instant finishedAt, String outcome, String reason) {}
}
