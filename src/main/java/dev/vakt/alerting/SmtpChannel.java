package dev.vakt.alerting;

import dev.vakt.common.SecretRef;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.Function;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP with Jakarta Mail: plain-text UTF-8, one recipient per message, and a Message-ID
 * derived from the de-duplication key, so a message sent again after a crash carries the same id
 * and mail systems can recognise the duplicate.
 *
 * <p>A reply code 5xx to the recipient or sender is permanent; 4xx, a refused connection, a timeout
 * and failed authentication are retryable (a wrong password is fixed by the provider, and the
 * outbox keeps the message until then, within its limits).
 */
final class SmtpChannel implements Channel {

  /** How the connection is secured. */
  enum Security {
    /** Plain connection upgraded with STARTTLS, which is required (port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465). */
    TLS,
    /** No encryption: only for a relay on the same host or in tests. */
    NONE
  }

  /**
   * @param host the SMTP server
   * @param port its port
   * @param security STARTTLS, TLS or none
   * @param username login, or null for no authentication
   * @param password the login's password, by reference
   * @param from the sender address, e.g. {@code "Vakt <alerts@example.no>"}
   * @param timeout for connecting and for each read and write
   */
  record Settings(
      String host,
      int port,
      Security security,
      String username,
      SecretRef password,
      String from,
      Duration timeout) {}

  private final Settings settings;
  private final Function<SecretRef, String> secrets;
  private final InternetAddress from;
  private final Session session;
  private final String protocol;

  SmtpChannel(Settings settings, Function<SecretRef, String> secrets) {
    this.settings = settings;
    this.secrets = secrets;
    try {
      this.from = new InternetAddress(settings.from(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "vakt.alerting.mail.from: '" + settings.from() + "' is not an e-mail address");
    }
    this.protocol = settings.security() == Security.TLS ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    String millis = Long.toString(settings.timeout().toMillis());
    Properties props = new Properties();
    props.put(p + "host", settings.host());
    props.put(p + "port", Integer.toString(settings.port()));
    props.put(p + "connectiontimeout", millis);
    props.put(p + "timeout", millis);
    props.put(p + "writetimeout", millis);
    props.put(p + "auth", Boolean.toString(settings.username() != null));
    props.put(p + "ssl.checkserveridentity", "true");
    if (settings.security() == Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    props.put("mail.mime.charset", "UTF-8");
    this.session = Session.getInstance(props);
  }

  @Override
  public Delivery send(Message message) {
    try (Run run = run()) {
      return run.send(message);
    }
  }

  /**
   * A run of messages one after another over one SMTP connection (a recipient's queue): connected
   * at the first message, reconnected after a failure, closed at the end.
   */
  @Override
  public Run run() {
    return new Run() {
      private Transport transport;

      @Override
      public Delivery send(Message message) {
        try {
          MimeMessage mime = mime(message);
          if (transport == null || !transport.isConnected()) {
            close();
            String password;
            try {
              password = settings.username() == null ? null : secrets.apply(settings.password());
            } catch (RuntimeException e) {
              return Delivery.retry("cannot resolve the SMTP password: " + e.getMessage());
            }
            transport = session.getTransport(protocol);
            transport.connect(settings.host(), settings.port(), settings.username(), password);
          }
          transport.sendMessage(mime, mime.getAllRecipients());
          return Delivery.delivered();
        } catch (AddressException e) {
          return Delivery.permanent("not an e-mail address: " + message.to());
        } catch (AuthenticationFailedException e) {
          close();
          return Delivery.retry("SMTP authentication failed: " + oneLine(e.getMessage()));
        } catch (SendFailedException e) {
          close(); // the next message starts on a fresh connection
          return refused(e);
        } catch (MessagingException e) {
          close();
          return Delivery.retry(unreachable(e));
        } catch (RuntimeException e) {
          close();
          return Delivery.retry(e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        }
      }

      @Override
      public void close() {
        if (transport != null) {
          try {
            transport.close();
          } catch (MessagingException | RuntimeException e) {
            // already gone: nothing to tidy
          }
          transport = null;
        }
      }
    };
  }

  private MimeMessage mime(Message message) throws MessagingException {
    String id = messageId(message.dedupKey(), from.getAddress());
    MimeMessage mime =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
          }
        };
    mime.setFrom(from);
    mime.setRecipient(
        jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.to(), true));
    mime.setSubject(message.subject(), "UTF-8");
    if (message.attachments().isEmpty()) {
      mime.setText(message.body(), "UTF-8");
    } else {
      jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
      jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
      text.setText(message.body(), "UTF-8");
      parts.addBodyPart(text);
      for (Attachment a : message.attachments()) {
        jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
        file.setDataHandler(
            new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(a.content(), a.contentType())));
        file.setFileName(a.name());
        file.setDisposition(jakarta.mail.Part.ATTACHMENT);
        parts.addBodyPart(file);
      }
      mime.setContent(parts);
    }
    mime.setSentDate(new Date());
    // RFC 3834: an automatic message, so auto-responders do not answer it.
    mime.setHeader("Auto-Submitted", "auto-generated");
    mime.saveChanges();
    return mime;
  }

  /** The Message-ID for a de-duplication key: the same on every attempt. */
  static String messageId(String dedupKey, String fromAddress) {
    String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(dedupKey.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".vakt@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A refusal by the server: 5xx is permanent, 4xx is worth another try. */
  private static Delivery refused(SendFailedException e) {
    for (Exception x = e; x != null; ) {
      int code =
          x instanceof SMTPAddressFailedException a
              ? a.getReturnCode()
              : x instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
      if (code >= 400) {
        String reason = "SMTP server refused: " + oneLine(x.getMessage());
        return code >= 500 ? Delivery.permanent(reason) : Delivery.retry(reason);
      }
      x = x instanceof MessagingException m ? m.getNextException() : null;
    }
    return Delivery.permanent("SMTP server refused the recipient: " + oneLine(e.getMessage()));
  }

  private String unreachable(MessagingException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e.getNextException();
    if (cause instanceof IOException io) {
      return "cannot reach SMTP server "
          + settings.host()
          + ":"
          + settings.port()
          + ": "
          + io.getClass().getSimpleName()
          + (io.getMessage() == null ? "" : " " + oneLine(io.getMessage()));
    }
    return "SMTP: " + oneLine(e.getMessage());
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
