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
      Duration timeout) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

  private final Settings settings;
  private final Function<SecretRef, String> secrets;
  private final HttpSender http;

  SmsChannel(Settings settings, Function<SecretRef, String> secrets) {
    this.settings = settings;
    this.secrets = secrets;
    check("url", settings.url());
    check("body", settings.body());
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
      if (!m.group(1).equals("to") && !m.group(1).equals("text")) {
        throw new IllegalArgumentException(
            "vakt.alerting.sms."
                + field
                + ": unknown placeholder {"
                + m.group(1)
                + "}; use {to} and {text}");
      }
    }
  }

  @Override
  public Delivery send(Message message) {
    Map<String, String> headers = new LinkedHashMap<>(settings.headers());
    try {
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

  private static String fill(String template, Message message, Function<String, String> escape) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = m.group(1).equals("to") ? message.to() : message.body();
      m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
