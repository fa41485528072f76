package dev.vakt.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP request and its outcome, for the SMS gateway and the webhooks: 2xx is delivered; 429,
 * 5xx, 408 and network errors are retryable; any other status is permanent. Redirects are not
 * followed (a gateway that moved must be reconfigured, not guessed). Reasons never contain the URL,
 * which may carry a token.
 */
final class HttpSender {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client;
  private final Duration timeout;

  HttpSender(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Delivery send(
      String what,
      String method,
      URI uri,
      Map<String, String> headers,
      String contentType,
      String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    headers.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return outcome(what, response.statusCode(), response.body());
    } catch (IOException e) {
      return Delivery.retry(
          "cannot reach "
              + what
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + SmtpChannel.oneLine(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Delivery.retry(what + ": interrupted");
    } catch (RuntimeException e) {
      return Delivery.permanent(what + ": " + SmtpChannel.oneLine(e.getMessage()));
    }
  }

  /** The status of a GET to {@code uri} (a status lookup); the body is read and dropped. */
  int status(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static Delivery outcome(String what, int status, String body) {
    if (status >= 200 && status < 300) {
      return Delivery.delivered();
    }
    String snippet = body == null ? "" : SmtpChannel.oneLine(body);
    if (snippet.length() > 200) {
      snippet = snippet.substring(0, 200) + "...";
    }
    String reason = what + " answered HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
    return status == 429 || status == 408 || status >= 500
        ? Delivery.retry(reason)
        : Delivery.permanent(reason);
  }

  /** Percent-encoding for a URL's path or query (a space is %20). */
  static String urlEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Form encoding ({@code application/x-www-form-urlencoded}: a space is +). */
  static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The inside of a JSON string literal. */
  static String jsonEscape(String s) {
    String quoted = JSON.writeValueAsString(s);
    return quoted.substring(1, quoted.length() - 1);
  }
}
