package dev.vakt.alerting;

import dev.vakt.common.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message posted to a chat or another system as JSON:
 *
 * <ul>
 *   <li>Slack incoming webhook: {@code {"text": ...}} with the subject in bold, {@code & < >}
 *       escaped as Slack requires;
 *   <li>Microsoft Teams: an Adaptive Card (version 1.4) in a {@code message} envelope, the shape
 *       Teams Workflows ("When a Teams webhook request is received") and the older incoming webhook
 *       connectors both accept;
 *   <li>Matrix: {@code PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}} with a
 *       bearer token and {@code {"msgtype":"m.text","body":...}}; the transaction id is the
 *       de-duplication key, so a retry of the same message is idempotent on the homeserver;
 *   <li>JSON: the message's fields, for any other system.
 * </ul>
 */
final class WebhookChannel implements Channel {

  /** The JSON shape the receiver accepts. */
  enum Format {
    SLACK,
    TEAMS,
    MATRIX,
    JSON
  }

  /**
   * @param name the webhook's name (the recipient address that selects it)
   * @param format slack, teams, matrix or json
   * @param url the webhook URL; for Matrix the homeserver's base URL
   * @param urlSecret the URL by reference instead (Slack and Teams URLs carry their token)
   * @param token bearer token by reference: required for Matrix, optional for JSON
   * @param room the Matrix room id, e.g. {@code !abc:example.org}
   * @param headers extra headers
   * @param timeout for connecting and for the whole request
   */
  record Settings(
      String name,
      Format format,
      String url,
      SecretRef urlSecret,
      SecretRef token,
      String room,
      Map<String, String> headers,
      Duration timeout) {

    Settings {
      String where = "vakt.alerting.webhooks." + name;
      if (format == null) {
        throw new IllegalArgumentException(where + ".format: give slack, teams, matrix or json");
      }
      if ((url == null) == (urlSecret == null)) {
        throw new IllegalArgumentException(where + ": give either url or url-secret");
      }
      if (format == Format.MATRIX && (room == null || token == null)) {
        throw new IllegalArgumentException(where + ": Matrix needs room and token");
      }
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }

  private final Settings settings;
  private final Function<SecretRef, String> secrets;
  private final HttpSender http;

  WebhookChannel(Settings settings, Function<SecretRef, String> secrets) {
    this.settings = settings;
    this.secrets = secrets;
    this.http = new HttpSender(settings.timeout());
  }

  @Override
  public Delivery send(Message message) {
    String what = "webhook " + settings.name();
    Map<String, String> headers = new LinkedHashMap<>(settings.headers());
    // The same on every attempt, so a receiver can drop a repeat (after a crash mid-send).
    headers.put("Idempotency-Key", message.reference());
    String base;
    try {
      base = settings.url() != null ? settings.url() : secrets.apply(settings.urlSecret());
      if (settings.token() != null) {
        headers.put("Authorization", "Bearer " + secrets.apply(settings.token()));
      }
    } catch (RuntimeException e) {
      return Delivery.retry(what + ": cannot resolve its secret: " + e.getMessage());
    }
    URI uri;
    String method = "POST";
    try {
      if (settings.format() == Format.MATRIX) {
        method = "PUT";
        uri =
            URI.create(
                base.replaceAll("/+$", "")
                    + "/_matrix/client/v3/rooms/"
                    + HttpSender.urlEncode(settings.room())
                    + "/send/m.room.message/"
                    + HttpSender.urlEncode(message.dedupKey()));
      } else {
        uri = URI.create(base);
      }
    } catch (IllegalArgumentException e) {
      return Delivery.permanent(what + ": the URL is not valid");
    }
    return http.send(
        what,
        method,
        uri,
        headers,
        "application/json",
        HttpSender.JSON.writeValueAsString(json(message)));
  }

  /** The JSON body for this webhook's format. */
  ObjectNode json(Message m) {
    ObjectNode root = HttpSender.JSON.createObjectNode();
    switch (settings.format()) {
      case SLACK -> root.put("text", "*" + slack(m.subject()) + "*\n\n" + slack(m.body()));
      case TEAMS -> {
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject()
            .put("type", "TextBlock")
            .put("text", m.subject())
            .put("weight", "Bolder")
            .put("size", "Medium")
            .put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", m.body()).put("wrap", true);
      }
      case MATRIX -> {
        root.put("msgtype", "m.text");
        root.put("body", m.subject() + "\n\n" + m.body());
      }
      case JSON -> {
        root.put("id", m.dedupKey());
        root.put("cause", m.cause());
        root.put("template", m.template());
        if (m.customerId() == null) {
          root.putNull("customer");
        } else {
          root.put("customer", m.customerId());
        }
        root.put("subject", m.subject());
        root.put("body", m.body());
      }
    }
    return root;
  }

  /** Slack's three control characters, escaped as its message formatting requires. */
  private static String slack(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
