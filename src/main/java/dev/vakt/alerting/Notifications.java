package dev.vakt.alerting;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The alerting module's API: put notifications in the outbox, and see how their delivery went.
 *
 * <p>{@link #enqueue} joins the caller's transaction, so a notification commits together with the
 * event that causes it, or not at all; the delivery worker sends it after the commit, at least
 * once, retrying with back-off (ALR-1, ALR-2, ALR-5, ALR-6).
 */
@Service
public class Notifications {

  private final OutboxStore store;
  private final OutboxReads reads;
  private final Templates templates;
  private final Clock clock;
  private final DeliveryWorker worker;

  Notifications(
      OutboxStore store,
      OutboxReads reads,
      Templates templates,
      Clock clock,
      DeliveryWorker worker) {
    this.reads = reads;
    this.store = store;
    this.templates = templates;
    this.clock = clock;
    this.worker = worker;
  }

  /**
   * The result of {@link #enqueue}.
   *
   * @param id the notification's id
   * @param dedupKey cause and recipient
   * @param created false when a notification with this key existed: nothing new will be sent
   */
  public record Enqueued(long id, String dedupKey, boolean created) {}

  /**
   * Renders the message in the recipient's language and time zone and stores it for delivery; does
   * nothing when the same cause has already notified the same recipient (same de-duplication key).
   * Call it inside the transaction that records the cause.
   *
   * @throws IllegalArgumentException for an unknown message kind, or a placeholder without value
   */
  @Transactional
  public Enqueued enqueue(NotificationRequest request) {
    Templates.Rendered rendered =
        templates.render(
            request.template(), request.provider(), request.recipient(), request.values());
    OutboxStore.Inserted row = store.insert(request, rendered, clock.instant());
    if (row.created()) {
      wakeAfterCommit();
    }
    return new Enqueued(row.id(), request.dedupKey(), row.created());
  }

  /** Tells the worker once the row is visible to it: after the commit, or now without one. */
  private void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.wake();
            }
          });
    } else {
      worker.wake();
    }
  }

  /**
   * The notifications of a cause and their attempts: {@code incident-123} returns those of {@code
   * incident-123} and of every cause under it ({@code incident-123/down}, {@code incident-123/up}).
   */
  @Transactional(readOnly = true)
  public List<NotificationStatus> forCause(String cause) {
    return reads.forCause(cause);
  }

  /**
   * A message sent (or being sent) to a customer, as its data export shows it (DPA-5): whom, what
   * kind, the subject, when, and how delivery went; not the body's internal links nor attempts.
   */
  public record Sent(
      String recipient,
      String channel,
      String kind,
      String subject,
      java.time.Instant at,
      String state,
      java.time.Instant deliveredAt) {}

  /**
   * The notifications about {@code customerId} that went to one of {@code recipients} (the
   * customer's own addresses, phones and webhook), oldest first: staff alerts about the customer go
   * to technicians, so they are left out however they are tagged.
   */
  @Transactional(readOnly = true)
  public List<Sent> sentTo(String customerId, java.util.Collection<String> recipients) {
    return reads.sentTo(customerId, recipients);
  }

  /** The message kinds and the placeholders each needs a value for. */
  public java.util.Map<String, List<String>> kinds() {
    return templates.kinds();
  }
}
