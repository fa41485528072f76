package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vakt.IntegrationTest;
import dev.vakt.common.Language;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The notification outbox on the real embedded PostgreSQL: enqueued with the cause's transaction,
 * delivered at least once with back-off, never twice on a normal retry, re-sent after a worker died
 * mid-attempt (ALR-1, ALR-2, ALR-5, ALR-6).
 *
 * <p>Each test drives its own {@link DeliveryWorker} (the application's is off in tests) with a
 * clock it moves, against GreenMail or a scripted SMTP server on 127.0.0.1.
 */
class OutboxTest extends IntegrationTest {

  @Autowired Notifications notifications;
  @Autowired OutboxStore store;
  @Autowired TransactionTemplate tx;

  private GreenMail greenMail;

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    // A little ahead of the application's clock, so what the test enqueues is due at once.
    Instant now = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();

  // 30 s, doubling, at most 10 min, jitter 20 %, at most 5 attempts or 1 day, lease 5 min.
  private static final AlertingProperties.Worker SETTINGS =
      new AlertingProperties.Worker(
          false,
          Duration.ofSeconds(1),
          50,
          5,
          Duration.ofDays(1),
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          0.2,
          Duration.ofMinutes(5));

  /**
   * The messages the mail server received for this test's recipients. Tests share one database and
   * one running application: notifications other tests' services cause meanwhile may be delivered
   * by the worker this test drives, and must not be counted.
   */
  private jakarta.mail.internet.MimeMessage[] received() {
    return java.util.Arrays.stream(greenMail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return java.util.Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().matches("(?i)(ola|vakt|nobody)@skovly\\.example"));
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toArray(jakarta.mail.internet.MimeMessage[]::new);
  }

  @AfterEach
  void stopMail() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private GreenMail startGreenMail(int port) {
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return greenMail;
  }

  private static SmtpChannel smtp(int port) {
    return new SmtpChannel(
        new SmtpChannel.Settings(
            "127.0.0.1",
            port,
            SmtpChannel.Security.NONE,
            null,
            null,
            "Vakt <alerts@vakt.example>",
            Duration.ofSeconds(5)),
        ref -> {
          throw new IllegalStateException("no secrets here");
        });
  }

  /** A worker whose jitter draws 0.5: no jitter, so waits are exact. */
  private DeliveryWorker worker(Channel mail) {
    return new DeliveryWorker(store, (kind, address) -> mail, clock, SETTINGS, () -> 0.5);
  }

  private NotificationRequest request(String cause, String email) {
    return new NotificationRequest(
        new Recipient(ChannelKind.EMAIL, email, Language.NB, ZoneId.of("Europe/Oslo")),
        "service-down",
        Map.of(
            "customer", "Skovly AS",
            "service", "nettbutikk",
            "server", "web1",
            "since", Instant.parse("2025-11-10T10:00:00Z")),
        cause,
        "bdn-skovly");
  }

  private NotificationStatus status(String cause) {
    List<NotificationStatus> all = notifications.forCause(cause);
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  private void runUntilIdle(DeliveryWorker worker) {
    while (worker.runOnce(clock.now) > 0) {
      // each round handles what is due
    }
  }

  @Test
  void aMailIsRetriedWithBackOffUntilTheSmtpServerComesUp_ALR2() throws Exception {
    String cause = unique("incident") + "/down";
    int port = freePort();
    DeliveryWorker worker = worker(smtp(port));
    notifications.enqueue(request(cause, "ola@skovly.example"));
    Instant t0 = clock.now;

    // Server down: retryable, next attempt after 30 s.
    runUntilIdle(worker);
    NotificationStatus first = status(cause);
    assertThat(first.state()).isEqualTo(NotificationStatus.State.PENDING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.nextAttemptAt()).isEqualTo(t0.plusSeconds(30));
    assertThat(first.lastError()).contains("cannot reach SMTP server");

    // Not due yet: nothing is sent.
    clock.now = t0.plusSeconds(29);
    runUntilIdle(worker);
    assertThat(status(cause).attempts()).isEqualTo(1);

    // Still down at 30 s: the wait doubles to 60 s.
    clock.now = t0.plusSeconds(30);
    runUntilIdle(worker);
    assertThat(status(cause).nextAttemptAt()).isEqualTo(t0.plusSeconds(90));

    // The server comes up; the next attempt delivers, once.
    startGreenMail(port);
    clock.now = t0.plusSeconds(90);
    runUntilIdle(worker);
    NotificationStatus done = status(cause);
    assertThat(done.state()).isEqualTo(NotificationStatus.State.DELIVERED);
    assertThat(done.deliveredAt()).isEqualTo(t0.plusSeconds(90));
    assertThat(done.history())
        .extracting(NotificationStatus.Attempt::outcome)
        .containsExactly("retryable", "retryable", "delivered");
    assertThat(received()).hasSize(1);
    assertThat(received()[0].getSubject()).isEqualTo("Driftsavbrudd: nettbutikk svarer ikke");

    // Delivered is final.
    clock.now = t0.plus(Duration.ofDays(2));
    runUntilIdle(worker);
    assertThat(received()).hasSize(1);
  }

  @Test
  void aFileEnqueuedWithTheMessageIsSentWithIt() throws Exception {
    String cause = unique("sla-report");
    int port = freePort();
    startGreenMail(port);
    byte[] pdf = "%PDF-1.7 the month".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    NotificationRequest plain = request(cause, "ola@skovly.example");
    notifications.enqueue(
        new NotificationRequest(
            plain.recipient(),
            plain.template(),
            plain.values(),
            cause,
            plain.customerId(),
            null,
            List.of(new Attachment("report.pdf", "application/pdf", pdf))));

    runUntilIdle(worker(smtp(port)));

    assertThat(status(cause).state()).isEqualTo(NotificationStatus.State.DELIVERED);
    var parts = (jakarta.mail.internet.MimeMultipart) received()[0].getContent();
    assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("report.pdf");
    assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
  }

  @Test
  void aRecipientTheServerRefusesFailsAtOnce_ALR2() throws Exception {
    String cause = unique("incident") + "/down";
    try (SmtpStub stub = new SmtpStub("550 5.1.1 mailbox unavailable")) {
      notifications.enqueue(request(cause, "nobody@skovly.example"));
      runUntilIdle(worker(smtp(stub.port())));
    }
    NotificationStatus s = status(cause);
    assertThat(s.state()).isEqualTo(NotificationStatus.State.FAILED);
    assertThat(s.attempts()).isEqualTo(1);
    assertThat(s.lastError()).contains("550");
    assertThat(s.history())
        .extracting(NotificationStatus.Attempt::outcome)
        .containsExactly("permanent");
  }

  @Test
  void retriesStopAfterTheMaximumNumberOfAttempts() throws Exception {
    String cause = unique("incident") + "/down";
    DeliveryWorker worker = worker(smtp(freePort()));
    notifications.enqueue(request(cause, "ola@skovly.example"));
    for (int i = 0; i < 10; i++) {
      runUntilIdle(worker);
      clock.now = clock.now.plus(Duration.ofMinutes(11));
    }
    NotificationStatus s = status(cause);
    assertThat(s.state()).isEqualTo(NotificationStatus.State.FAILED);
    assertThat(s.attempts()).isEqualTo(5);
    assertThat(s.lastError()).startsWith("gave up after 5 attempts: cannot reach SMTP server");
  }

  @Test
  void theSameCauseAndRecipientEnqueuedTwiceIsSentOnce_ALR1() throws Exception {
    String cause = unique("incident") + "/down";
    startGreenMail(0);
    var first = notifications.enqueue(request(cause, "Vakt@Skovly.example"));
    var again = notifications.enqueue(request(cause, "vakt@skovly.example"));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.dedupKey()).isEqualTo(cause + "/email:vakt@skovly.example");

    runUntilIdle(worker(smtp(greenMail.getSmtp().getPort())));
    notifications.enqueue(request(cause, "vakt@skovly.example"));
    runUntilIdle(worker(smtp(greenMail.getSmtp().getPort())));
    assertThat(received()).hasSize(1);
    assertThat(status(cause).state()).isEqualTo(NotificationStatus.State.DELIVERED);
  }

  @Test
  void aRowLeftSendingByAWorkerThatDiedIsSentAgainAfterTheLease_ALR1() throws Exception {
    String cause = unique("incident") + "/down";
    startGreenMail(0);
    notifications.enqueue(request(cause, "ola@skovly.example"));
    Instant t0 = clock.now;

    // A worker claims the row and dies (kill -9) before sending: the row stays 'sending'.
    var claimed =
        store.claim(
            t0,
            50,
            t0.plus(SETTINGS.lease()),
            5,
            t0.minus(Duration.ofDays(1)),
            SenderInstance.current("test-dead-worker"));
    assertThat(claimed).extracting(c -> c.message().cause()).contains(cause);
    assertThat(status(cause).state()).isEqualTo(NotificationStatus.State.SENDING);

    // Within the lease no other worker touches it.
    DeliveryWorker survivor = worker(smtp(greenMail.getSmtp().getPort()));
    clock.now = t0.plus(Duration.ofMinutes(4));
    runUntilIdle(survivor);
    assertThat(status(cause).state()).isEqualTo(NotificationStatus.State.SENDING);
    assertThat(received()).isEmpty();

    // After the lease it is sent, and the lost attempt is on record.
    clock.now = t0.plus(Duration.ofMinutes(5));
    runUntilIdle(survivor);
    NotificationStatus s = status(cause);
    assertThat(s.state()).isEqualTo(NotificationStatus.State.DELIVERED);
    assertThat(s.attempts()).isEqualTo(2);
    assertThat(s.history())
        .extracting(NotificationStatus.Attempt::outcome)
        .containsExactly("lease-expired", "delivered");
    assertThat(received()).hasSize(1);

    // The dead worker's late outcome, if it ever came, would not overwrite the new state.
    store.complete(
        claimed.stream().filter(c -> c.message().cause().equals(cause)).findFirst().orElseThrow(),
        clock.now,
        "retryable",
        "late",
        "pending",
        clock.now);
    assertThat(status(cause).state()).isEqualTo(NotificationStatus.State.DELIVERED);
  }

  @Test
  void aNotificationCommitsWithTheCausesTransactionOrNotAtAll_ALR5() {
    String cause = unique("disconnect");
    tx.executeWithoutResult(
        s -> {
          notifications.enqueue(
              new NotificationRequest(
                  new Recipient(
                      ChannelKind.EMAIL, "ola@skovly.example", Language.EN, ZoneId.of("UTC")),
                  "security-disconnect",
                  Map.of(
                      "customer", "Skovly AS",
                      "server", "web1",
                      "since", Instant.parse("2025-11-10T10:00:00Z"),
                      "reason", "it sent spam"),
                  cause,
                  "bdn-skovly"));
          s.setRollbackOnly();
        });
    assertThat(notifications.forCause(cause)).isEmpty();
  }

  @Test
  void staffSeeTheDeliveryOfACauseOverTheApi_ALR6() throws Exception {
    String incident = unique("incident");
    startGreenMail(0);
    notifications.enqueue(request(incident + "/down", "ola@skovly.example"));
    notifications.enqueue(
        new NotificationRequest(
            new Recipient(ChannelKind.EMAIL, "kari@skovly.example", Language.EN, ZoneId.of("UTC")),
            "notice",
            Map.of("customer", "Skovly AS", "title", "News", "text", "New prices from January."),
            incident + "/notice",
            "bdn-skovly"));
    runUntilIdle(worker(smtp(greenMail.getSmtp().getPort())));

    JsonNode body =
        http.get().uri("/api/notifications?cause=" + incident).retrieve().body(JsonNode.class);
    assertThat(body).hasSize(2);
    assertThat(body.get(0).path("state").asString()).isEqualTo("delivered");
    assertThat(body.get(0).path("channel").asString()).isEqualTo("email");
    assertThat(body.get(0).path("history").get(0).path("outcome").asString())
        .isEqualTo("delivered");
    assertThat(body.get(1).path("subject").asString()).isEqualTo("News");

    assertThat(http.get().uri("/api/notifications").retrieve().toBodilessEntity().getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void attemptsAreAppendOnly() {
    String cause = unique("incident") + "/down";
    notifications.enqueue(request(cause, "ola@skovly.example"));
    runUntilIdle(worker(m -> Delivery.permanent("refused")));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> jdbc.sql("delete from notification_attempt").update())
        .rootCause()
        // Two guards (ADR 0016): the application role may not UPDATE or DELETE here at all,
        // and the append-only trigger stops even the owner.
        .hasMessageMatching("(?s).*(append-only|permission denied).*");
  }
}
