package dev.vakt.alerting;

import dev.vakt.common.SecretRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of alert delivery ({@code vakt.alerting.*}), with every default in one place. A channel
 * that is not configured leaves its notifications pending (retried within the worker's limits), so
 * configuring it and restarting still delivers them.
 *
 * @param worker the delivery worker: polling, retries, back-off, lease
 * @param mail the SMTP server, or null
 * @param sms the SMS gateway, or null
 * @param webhooks webhooks by name; a recipient of channel {@code webhook} names one
 * @param templates the folder of template overrides; {@code <vakt.data-dir>/templates} when not set
 */
@ConfigurationProperties("vakt.alerting")
public record AlertingProperties(
    @DefaultValue Worker worker,
    Mail mail,
    Sms sms,
    Map<String, Webhook> webhooks,
    Path templates) {

  public AlertingProperties {
    webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
  }

  /**
   * The delivery worker.
   *
   * @param enabled whether this instance delivers (several instances may: rows are claimed with
   *     {@code SKIP LOCKED})
   * @param pollInterval how often it looks for due notifications
   * @param batchSize notifications claimed at once (sent in parallel)
   * @param maxAttempts attempts before a notification fails
   * @param maxAge age after which a notification that still fails is given up
   * @param initialBackoff the wait after the first failed attempt; it doubles after each one
   * @param maxBackoff the longest wait between attempts
   * @param jitter the share by which a wait varies at random (0.2: plus or minus 20 %)
   * @param lease how long an attempt may take before the notification is sent again; longer than
   *     any channel's timeout. Only for instances that end without starting again on their node: a
   *     restarted instance takes its node's sends over at once
   * @param node this instance's node name; claims record it, and at start this instance takes over
   *     at once the sends of an ended instance with the same node name. Unset: host name and data
   *     directory. Give every running instance its own.
   */
  public record Worker(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("2s") Duration pollInterval,
      @DefaultValue("20") int batchSize,
      @DefaultValue("12") int maxAttempts,
      @DefaultValue("24h") Duration maxAge,
      @DefaultValue("30s") Duration initialBackoff,
      @DefaultValue("30m") Duration maxBackoff,
      @DefaultValue("0.2") double jitter,
      @DefaultValue("5m") Duration lease,
      String node) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public Worker {
      if (maxAttempts < 1 || batchSize < 1) {
        throw new IllegalArgumentException(
            "vakt.alerting.worker.max-attempts and batch-size must be at least 1");
      }
      if (jitter < 0 || jitter >= 1) {
        throw new IllegalArgumentException("vakt.alerting.worker.jitter must be in [0, 1)");
      }
      if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "vakt.alerting.worker.max-backoff must be at least initial-backoff");
      }
    }

    /** Settings with the default node name. */
    public Worker(
        boolean enabled,
        Duration pollInterval,
        int batchSize,
        int maxAttempts,
        Duration maxAge,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        Duration lease) {
      this(
          enabled,
          pollInterval,
          batchSize,
          maxAttempts,
          maxAge,
          initialBackoff,
          maxBackoff,
          jitter,
          lease,
          null);
    }
  }

  /**
   * The SMTP server for e-mail.
   *
   * @param host server name
   * @param port 587 (STARTTLS), 465 (TLS), 25
   * @param security starttls, tls or none
   * @param username login, or none for an open relay
   * @param password the login's password as a secret reference (env:, file:, secret:)
   * @param from the sender, e.g. {@code Vakt <alerts@example.no>}
   * @param timeout connect, read and write timeout
   */
  public record Mail(
      String host,
      @DefaultValue("587") int port,
      @DefaultValue("starttls") SmtpChannel.Security security,
      String username,
      SecretRef password,
      String from,
      @DefaultValue("30s") Duration timeout) {}

  /**
   * The SMS gateway.
   *
   * @param url URL template with {@code {to}} and {@code {text}}
   * @param method get or post
   * @param headers extra headers
   * @param auth none, basic or bearer
   * @param username for basic
   * @param password basic password or bearer token, as a secret reference
   * @param body body template (post)
   * @param contentType the body's type; JSON and form types select the escaping
   * @param timeout request timeout
   * @param statusUrl the gateway's status URL with {@code {ref}}, asked before sending again after
   *     an attempt with an unknown outcome; null: such a message is sent again and marked possibly
   *     duplicate
   */
  public record Sms(
      String url,
      @DefaultValue("post") SmsChannel.Method method,
      Map<String, String> headers,
      @DefaultValue("none") SmsChannel.Auth auth,
      String username,
      SecretRef password,
      String body,
      @DefaultValue("application/json") String contentType,
      @DefaultValue("30s") Duration timeout,
      String statusUrl) {}

  /**
   * A webhook.
   *
   * @param format slack, teams, matrix or json
   * @param url the URL (Matrix: the homeserver base URL)
   * @param urlSecret the URL as a secret reference instead (Slack and Teams URLs hold a token)
   * @param token bearer token as a secret reference (Matrix; optional for json)
   * @param room Matrix room id
   * @param headers extra headers
   * @param timeout request timeout
   */
  public record Webhook(
      WebhookChannel.Format format,
      String url,
      SecretRef urlSecret,
      SecretRef token,
      String room,
      Map<String, String> headers,
      @DefaultValue("30s") Duration timeout) {}
}
