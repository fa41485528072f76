package dev.vakt.alerting;

import dev.vakt.common.SecretRef;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMS through an HTTP gateway described by settings, so any provider's API fits: a URL template, a
 * method, headers, authentication and a body template. {@code {to}} and {@code {text}} are replaced
 * with the escaping their place needs: percent-encoded in the URL, JSON-escaped in a JSON body,
 * form-encoded in a form body, as they are in any other body.
 */
final class SmsChannel implements Channel {

  /** How the gateway authenticates Vakt. */
  enum Auth {
    NONE,
    BASIC,
    BEARER
  }

  /** GET or POST. */
  enum Method {
    GET,
    POST
  }

  /**
   * @param url the URL, with {@code {to}} and {@code {text}} where the gateway wants them
   * @param method GET or POST
   * @param headers extra headers (no placeholders)
   * @param auth none, basic or bearer
   * @param username for basic authentication
   * @param password the basic password or the bearer token, by reference
   * @param body the body template (POST), or null
   * @param contentType the body's type: a JSON or form type selects the escaping
   * @param timeout for connecting and for the whole request
   * @param statusUrl the gateway's status URL with {@code {ref}}, or null: asked before sending
   *     again after an attempt whose outcome is unknown (2xx: the gateway has the message; 404 or
   *     410: it does not)
   */
  record Settings(
      String url,
      Method method,
      Map<String, String> headers,
      Auth auth,
      String username,
      SecretRef password,
      String body,
      String contentType,
      Duration timeout,
      String statusUrl) {

    /** A gateway without a status URL. */
    Settings(
        String url,
        Method method,
        Map<String, String> headers,
        Auth auth,
        String username,
        SecretRef password,
        String body,
        String contentType,
        Duration timeout) {
      this(url, method, headers, auth, username, password, body, contentType, timeout, null);
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

  private final Settings settings;
  private final Function<SecretRef, String> secrets;
  private final HttpSender http;

  SmsChannel(Settings settings, Function<SecretRef, String> secrets) {
    this.settings = settings;
    this.secrets = secrets;
    check("url", settings.url());
    check("body", settings.body());
    if (settings.statusUrl() != null) {
      check("status-url", settings.statusUrl());
      if (!settings.statusUrl().contains("{ref}")) {
        throw new IllegalArgumentException(
            "vakt.alerting.sms.status-url: must contain {ref}, the reference the message was sent"
                + " with");
      }
      boolean sentWithRef =
          settings.url().contains("{ref}")
              || (settings.body() != null && settings.body().contains("{ref}"));
      if (!sentWithRef) {
        throw new IllegalArgumentException(
            "vakt.alerting.sms.status-url: the gateway can only be asked about a message sent with"
                + " its reference: put {ref} in vakt.alerting.sms.url or body");
      }
    }
    if (settings.auth() != Auth.NONE && settings.password() == null) {
      throw new IllegalArgumentException(
          "vakt.alerting.sms.password: "
              + settings.auth().name().toLowerCase(Locale.ROOT)
              + " authentication needs a secret reference");
    }
    if (settings.auth() == Auth.BASIC && settings.username() == null) {
      throw new IllegalArgumentException(
          "vakt.alerting.sms.username: basic authentication needs a username");
    }
    this.http = new HttpSender(settings.timeout());
  }

  private static void check(String field, String template) {
    if (template == null) {
      return;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!m.group(1).equals("to") && !m.group(1).equals("text") && !m.group(1).equals("ref")) {
        throw new IllegalArgumentException(
            "vakt.alerting.sms."
                + field
                + ": unknown placeholder {"
                + m.group(1)
                + "}; use {to}, {text} and {ref}");
      }
    }
  }

  @Override
  public Delivery send(Message message) {
    Map<String, String> headers;
    try {
      headers = headers();
    } catch (RuntimeException e) {
      return Delivery.retry("cannot resolve the SMS gateway secret: " + e.getMessage());
    }
    URI uri;
    try {
      uri = URI.create(fill(settings.url(), message, HttpSender::urlEncode));
    } catch (IllegalArgumentException e) {
      return Delivery.permanent("the SMS gateway URL is not valid after filling in the message");
    }
    String body = null;
    if (settings.body() != null) {
      String type = settings.contentType().toLowerCase(Locale.ROOT);
      Function<String, String> escape =
          type.contains("json")
              ? HttpSender::jsonEscape
              : type.contains("x-www-form-urlencoded") ? HttpSender::formEncode : s -> s;
      body = fill(settings.body(), message, escape);
    }
    return http.send(
        "the SMS gateway", settings.method().name(), uri, headers, settings.contentType(), body);
  }

  @Override
  public boolean canLookUp() {
    return settings.statusUrl() != null;
  }

  /**
   * Asks the gateway's status URL about the message's reference: 2xx means the gateway has it, 404
   * or 410 that it does not; anything else, or no answer, that it cannot say now.
   */
  @Override
  public Lookup lookUp(Message message) {
    try {
      URI uri = URI.create(fill(settings.statusUrl(), message, HttpSender::urlEncode));
      int status = http.status(uri, headers());
      if (status >= 200 && status < 300) {
        return new Lookup.Received("the SMS gateway already has it (status HTTP " + status + ")");
      }
      if (status == 404 || status == 410) {
        return new Lookup.NotReceived();
      }
      return new Lookup.Unavailable("the SMS gateway's status URL answered HTTP " + status);
    } catch (java.io.IOException e) {
      return new Lookup.Unavailable(
          "cannot reach the SMS gateway's status URL: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Lookup.Unavailable("the SMS gateway's status lookup was interrupted");
    } catch (RuntimeException e) {
      return new Lookup.Unavailable("the SMS gateway's status lookup failed: " + e.getMessage());
    }
  }

  /** The configured headers with authentication. */
  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>(settings.headers());
    switch (settings.auth()) {
      case BASIC ->
          headers.put(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (settings.username() + ":" + secrets.apply(settings.password()))
                              .getBytes(StandardCharsets.UTF_8)));
      case BEARER -> headers.put("Authorization", "Bearer " + secrets.apply(settings.password()));
      case NONE -> {}
    }
    return headers;
  }

  private static String fill(String template, Message message, Function<String, String> escape) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "to" -> message.to();
            case "ref" -> message.reference();
            default -> message.body();
          };
      m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
