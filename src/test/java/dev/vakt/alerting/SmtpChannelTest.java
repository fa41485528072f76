package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vakt.common.SecretRef;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail over SMTP against GreenMail and a scripted server on 127.0.0.1 (ALR-2, ALR-6). */
class SmtpChannelTest {

  private static final Map<SecretRef, String> SECRETS =
      Map.of(SecretRef.parse("env:SMTP_PASSWORD"), "s3cret-ø");

  private GreenMail greenMail;

  @BeforeEach
  void start() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private static SmtpChannel channel(int port, String username) {
    return new SmtpChannel(
        new SmtpChannel.Settings(
            "127.0.0.1",
            port,
            SmtpChannel.Security.NONE,
            username,
            username == null ? null : SecretRef.parse("env:SMTP_PASSWORD"),
            "Vakt <alerts@vakt.example>",
            Duration.ofSeconds(5)),
        SECRETS::get);
  }

  private static Message message(String to) {
    return new Message(
        "incident-7/down/email:" + to,
        "incident-7/down",
        "service-down",
        "bdn-skovly",
        to,
        "Driftsavbrudd: nettbutikk på Sørøst svarer ikke – Größe ä å ß",
        "Hei Ærlig Øl & Co,\n\nTjenesten svarer ikke.\n");
  }

  private int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  @Test
  void plainTextUtf8MailArrivesWithMessageIdFromTheDedupKey_ALR2() throws Exception {
    Delivery d = channel(smtpPort(), null).send(message("ola@kunde.example"));

    assertThat(d).isInstanceOf(Delivery.Delivered.class);
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getSubject())
        .isEqualTo("Driftsavbrudd: nettbutikk på Sørøst svarer ikke – Größe ä å ß");
    assertThat(m.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
    assertThat(((String) m.getContent()).replace("\r\n", "\n").strip())
        .isEqualTo("Hei Ærlig Øl & Co,\n\nTjenesten svarer ikke.");
    assertThat(m.getHeader("Message-ID")[0])
        .isEqualTo(
            SmtpChannel.messageId("incident-7/down/email:ola@kunde.example", "alerts@vakt.example"))
        .endsWith("@vakt.example>");
    assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
    assertThat(m.getFrom()[0].toString()).isEqualTo("Vakt <alerts@vakt.example>");
  }

  @Test
  void aMailWithAFileArrivesAsTextAndAttachment() throws Exception {
    byte[] pdf = "%PDF-1.7 report".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Message plain = message("ola@kunde.example");
    Message withFile =
        new Message(
            "sla-report-bdn-skovly-2026-10/email:ola@kunde.example",
            "sla-report-bdn-skovly-2026-10",
            "sla-report",
            plain.customerId(),
            plain.to(),
            "Serviceniveaurapport for 2026-10",
            "Hej,\n\nVedhæftet er rapporten.\n",
            java.util.List.of(
                new Attachment("bdn-skovly-sla-2026-10.pdf", "application/pdf", pdf)));

    assertThat(channel(smtpPort(), null).send(withFile)).isInstanceOf(Delivery.Delivered.class);

    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getContentType()).startsWith("multipart/mixed");
    var parts = (jakarta.mail.internet.MimeMultipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
        .startsWith("Hej,\n\nVedhæftet");
    var file = parts.getBodyPart(1);
    assertThat(file.getFileName()).isEqualTo("bdn-skovly-sla-2026-10.pdf");
    assertThat(file.getContentType()).startsWith("application/pdf");
    assertThat(file.getDisposition()).isEqualTo(jakarta.mail.Part.ATTACHMENT);
    assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);
  }

  @Test
  void theSameDedupKeyGivesTheSameMessageIdOnEveryAttempt() throws Exception {
    channel(smtpPort(), null).send(message("kari@kunde.example"));
    channel(smtpPort(), null).send(message("kari@kunde.example"));
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID());
  }

  @Test
  void authenticatesWithThePasswordFromItsSecretReference() throws Exception {
    greenMail.setUser("alerts@vakt.example", "vakt", "s3cret-ø");

    assertThat(channel(smtpPort(), "vakt").send(message("ola@kunde.example")))
        .isInstanceOf(Delivery.Delivered.class);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aWrongPasswordIsRetryableAndTheReasonHoldsNoSecret() {
    greenMail.setUser("alerts@vakt.example", "vakt", "another-password");

    Delivery d = channel(smtpPort(), "vakt").send(message("ola@kunde.example"));

    assertThat(d).isInstanceOf(Delivery.Retryable.class);
    assertThat(((Delivery.Retryable) d).reason())
        .contains("authentication failed")
        .doesNotContain("s3cret");
  }

  @Test
  void aServerThatIsDownIsRetryable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Delivery d = channel(closed, null).send(message("ola@kunde.example"));

    assertThat(d).isInstanceOf(Delivery.Retryable.class);
    assertThat(((Delivery.Retryable) d).reason())
        .contains("cannot reach SMTP server 127.0.0.1:" + closed);
  }

  @Test
  void aRecipientRefusedWith5xxIsPermanent() throws Exception {
    try (SmtpStub stub = new SmtpStub("550 5.1.1 <nobody@kunde.example>: mailbox unavailable")) {
      Delivery d = channel(stub.port(), null).send(message("nobody@kunde.example"));

      assertThat(d).isInstanceOf(Delivery.Permanent.class);
      assertThat(((Delivery.Permanent) d).reason()).contains("550").contains("mailbox unavailable");
    }
  }

  @Test
  void aRecipientDeferredWith4xxIsRetryable() throws Exception {
    try (SmtpStub stub = new SmtpStub("451 4.7.1 greylisted, try again later")) {
      Delivery d = channel(stub.port(), null).send(message("ola@kunde.example"));

      assertThat(d).isInstanceOf(Delivery.Retryable.class);
      assertThat(((Delivery.Retryable) d).reason()).contains("451");
    }
  }
}
