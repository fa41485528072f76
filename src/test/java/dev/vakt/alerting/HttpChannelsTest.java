package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SMS through an HTTP gateway and the webhooks (Slack, Teams, Matrix, JSON), against a recording
 * JDK HttpServer on 127.0.0.1: the exact request each sends, and how each status is judged (ALR-1,
 * ALR-2).
 */
class HttpChannelsTest {

  private static final Map<SecretRef, String> SECRETS =
      Map.of(
          SecretRef.parse("env:SMS_PASSWORD"), "pa:ss",
          SecretRef.parse("env:SMS_TOKEN"), "tok-123",
          SecretRef.parse("env:MATRIX_TOKEN"), "syt_matrix",
          SecretRef.parse("env:SLACK_URL"), "placeholder");

  private static final Message MESSAGE =
      new Message(
          "incident-9/down/sms:+4791234567",
          "incident-9/down",
          "service-down",
          "bdn-skovly",
          "+4791234567",
          "Nede: \"web\" <1> & co",
          "Blåbær-butikken på Løkka er nede – \"sjekk\" 50% & mer\nlinje 2");

  private RecordingHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new RecordingHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SmsChannel sms(
      String url,
      SmsChannel.Method method,
      SmsChannel.Auth auth,
      String password,
      String body,
      String type) {
    return new SmsChannel(
        new SmsChannel.Settings(
            server.base() + url,
            method,
            Map.of("X-Api-Version", "2"),
            auth,
            auth == SmsChannel.Auth.BASIC ? "vakt" : null,
            password == null ? null : SecretRef.parse(password),
            body,
            type,
            Duration.ofSeconds(5)),
        SECRETS::get);
  }

  private WebhookChannel webhook(WebhookChannel.Format format, String url, String token) {
    return new WebhookChannel(
        new WebhookChannel.Settings(
            "ops",
            format,
            url,
            null,
            token == null ? null : SecretRef.parse(token),
            format == WebhookChannel.Format.MATRIX ? "!abc123:matrix.example" : null,
            null,
            Duration.ofSeconds(5)),
        SECRETS::get);
  }

  @Test
  void smsByGetPutsToAndTextUrlEncodedInTheUrl() {
    Delivery d =
        sms(
                "/send?to={to}&msg={text}",
                SmsChannel.Method.GET,
                SmsChannel.Auth.BEARER,
                "env:SMS_TOKEN",
                null,
                "text/plain")
            .send(MESSAGE);

    assertThat(d).isInstanceOf(Delivery.Delivered.class);
    var r = server.last();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.rawUri())
        .isEqualTo("/send?to=%2B4791234567&msg=" + HttpSender.urlEncode(MESSAGE.body()));
    assertThat(r.rawUri()).contains("%20").doesNotContain("+").doesNotContain(" ");
    String msg = r.rawUri().substring(r.rawUri().indexOf("msg=") + 4);
    assertThat(URLDecoder.decode(msg, StandardCharsets.UTF_8)).isEqualTo(MESSAGE.body());
    assertThat(r.header("Authorization")).isEqualTo("Bearer tok-123");
    assertThat(r.header("X-Api-Version")).isEqualTo("2");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void smsByPostJsonEscapesTheTextInAJsonBodyWithBasicAuth() {
    Delivery d =
        sms(
                "/api/sms",
                SmsChannel.Method.POST,
                SmsChannel.Auth.BASIC,
                "env:SMS_PASSWORD",
                "{\"recipient\":\"{to}\",\"message\":\"{text}\",\"sender\":\"Vakt\"}",
                "application/json")
            .send(MESSAGE);

    assertThat(d).isInstanceOf(Delivery.Delivered.class);
    var r = server.last();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"recipient\":\"+4791234567\",\"message\":\"Blåbær-butikken på Løkka er nede –"
                + " \\\"sjekk\\\" 50% & mer\\nlinje 2\",\"sender\":\"Vakt\"}");
    assertThat(HttpSender.JSON.readTree(r.body()).path("message").asString())
        .isEqualTo(MESSAGE.body());
    assertThat(r.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("vakt:pa:ss".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void smsByPostFormEncodesTheTextInAFormBody() {
    sms(
            "/form",
            SmsChannel.Method.POST,
            SmsChannel.Auth.NONE,
            null,
            "to={to}&text={text}",
            "application/x-www-form-urlencoded")
        .send(MESSAGE);

    var r = server.last();
    assertThat(r.body())
        .isEqualTo(
            "to=%2B4791234567&text="
                + java.net.URLEncoder.encode(MESSAGE.body(), StandardCharsets.UTF_8));
    assertThat(r.body()).contains("+er+nede+").contains("%26").contains("%25");
  }

  @Test
  void anUnknownPlaceholderInTheGatewaySettingsIsRefusedAtStart() {
    var e =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                sms(
                    "/send?to={to}&msg={message}",
                    SmsChannel.Method.GET,
                    SmsChannel.Auth.NONE,
                    null,
                    null,
                    "text/plain"));
    assertThat(e).hasMessageContaining("vakt.alerting.sms.url").hasMessageContaining("{message}");
  }

  @ParameterizedTest(name = "HTTP {0} is {1}")
  @CsvSource({
    "200, delivered",
    "202, delivered",
    "204, delivered",
    "429, retryable",
    "500, retryable",
    "502, retryable",
    "503, retryable",
    "400, permanent",
    "401, permanent",
    "404, permanent",
    "422, permanent"
  })
  void statusDecidesTheOutcome(int status, String expected) {
    server.status = status;
    server.answer = status == 204 ? "" : "answer " + status;
    Delivery d =
        sms("/s?to={to}", SmsChannel.Method.GET, SmsChannel.Auth.NONE, null, null, "text/plain")
            .send(MESSAGE);
    Class<?> type =
        switch (expected) {
          case "delivered" -> Delivery.Delivered.class;
          case "retryable" -> Delivery.Retryable.class;
          default -> Delivery.Permanent.class;
        };
    assertThat(d).isInstanceOf(type);
    if (!(d instanceof Delivery.Delivered)) {
      assertThat(d.toString()).contains("HTTP " + status);
    }
  }

  @Test
  void aGatewayThatCannotBeReachedIsRetryable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Delivery d =
        new SmsChannel(
                new SmsChannel.Settings(
                    "http://127.0.0.1:" + closed + "/s?to={to}",
                    SmsChannel.Method.GET,
                    Map.of(),
                    SmsChannel.Auth.NONE,
                    null,
                    null,
                    null,
                    "text/plain",
                    Duration.ofSeconds(2)),
                SECRETS::get)
            .send(MESSAGE);
    assertThat(d).isInstanceOf(Delivery.Retryable.class);
    assertThat(d.toString()).contains("cannot reach the SMS gateway");
  }

  @Test
  void slackGetsTextWithTheSubjectInBoldAndControlCharactersEscaped_ALR1() {
    Delivery d =
        webhook(WebhookChannel.Format.SLACK, server.base() + "/services/T0/B0/x", null)
            .send(MESSAGE);

    assertThat(d).isInstanceOf(Delivery.Delivered.class);
    var r = server.last();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawUri()).isEqualTo("/services/T0/B0/x");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"text\":\"*Nede: \\\"web\\\" &lt;1&gt; &amp; co*\\n\\nBlåbær-butikken på Løkka er nede –"
                + " \\\"sjekk\\\" 50% &amp; mer\\nlinje 2\"}");
  }

  @Test
  void teamsGetsAnAdaptiveCardInAMessageEnvelope_ALR1() {
    webhook(WebhookChannel.Format.TEAMS, server.base() + "/workflows/abc", null).send(MESSAGE);

    assertThat(server.last().body())
        .isEqualTo(
            "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\","
                + "\"contentUrl\":null,\"content\":{\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\","
                + "\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":["
                + "{\"type\":\"TextBlock\",\"text\":\"Nede: \\\"web\\\" <1> & co\",\"weight\":\"Bolder\",\"size\":\"Medium\",\"wrap\":true},"
                + "{\"type\":\"TextBlock\",\"text\":\"Blåbær-butikken på Løkka er nede – \\\"sjekk\\\" 50% & mer\\nlinje 2\",\"wrap\":true}"
                + "]}}]}");
  }

  @Test
  void matrixPutsAnMTextWithTheDedupKeyAsTransactionIdSoARetryIsIdempotent_ALR1() {
    WebhookChannel matrix =
        webhook(WebhookChannel.Format.MATRIX, server.base() + "/", "env:MATRIX_TOKEN");
    matrix.send(MESSAGE);
    matrix.send(MESSAGE);

    assertThat(server.requests).hasSize(2);
    var r = server.last();
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.rawUri())
        .isEqualTo(
            "/_matrix/client/v3/rooms/%21abc123%3Amatrix.example/send/m.room.message/"
                + "incident-9%2Fdown%2Fsms%3A%2B4791234567");
    assertThat(server.requests.getFirst().rawUri()).isEqualTo(r.rawUri());
    assertThat(r.header("Authorization")).isEqualTo("Bearer syt_matrix");
    assertThat(r.body())
        .isEqualTo(
            "{\"msgtype\":\"m.text\",\"body\":\"Nede: \\\"web\\\" <1> & co\\n\\nBlåbær-butikken på Løkka er"
                + " nede – \\\"sjekk\\\" 50% & mer\\nlinje 2\"}");
  }

  @Test
  void genericJsonCarriesTheMessageFields() {
    webhook(WebhookChannel.Format.JSON, server.base() + "/hook", "env:SMS_TOKEN").send(MESSAGE);

    var r = server.last();
    assertThat(r.header("Authorization")).isEqualTo("Bearer tok-123");
    assertThat(r.body())
        .isEqualTo(
            "{\"id\":\"incident-9/down/sms:+4791234567\",\"cause\":\"incident-9/down\","
                + "\"template\":\"service-down\",\"customer\":\"bdn-skovly\","
                + "\"subject\":\"Nede: \\\"web\\\" <1> & co\","
                + "\"body\":\"Blåbær-butikken på Løkka er nede – \\\"sjekk\\\" 50% & mer\\nlinje 2\"}");
  }

  @Test
  void aWebhookRefusingTheRequestIsPermanentAndTheReasonHoldsNoUrl() {
    server.status = 403;
    server.answer = "invalid_token";
    Delivery d =
        webhook(WebhookChannel.Format.SLACK, server.base() + "/services/SECRET-PART", null)
            .send(MESSAGE);
    assertThat(d).isInstanceOf(Delivery.Permanent.class);
    assertThat(d.toString())
        .contains("webhook ops answered HTTP 403")
        .doesNotContain("SECRET-PART");
  }

  @Test
  void ALR1_ALR2_everyWebhookCarriesAnIdempotencyKeyThatIsTheSameOnEveryAttempt() {
    Message other =
        new Message(
            "incident-9/up/webhook:ops", "incident-9/up", "service-up", null, "ops", "s", "b");
    for (WebhookChannel.Format format : WebhookChannel.Format.values()) {
      WebhookChannel hook =
          webhook(
              format,
              server.base() + "/hook",
              format == WebhookChannel.Format.MATRIX ? "env:MATRIX_TOKEN" : null);
      hook.send(MESSAGE);
      String first = server.last().header("Idempotency-Key");
      hook.send(MESSAGE);
      assertThat(server.last().header("Idempotency-Key")).as(format.name()).isEqualTo(first);
      hook.send(other);
      assertThat(server.last().header("Idempotency-Key")).as(format.name()).isNotEqualTo(first);
      // A hash of the de-duplication key: it shows no address.
      assertThat(first).matches("vakt-[0-9a-f]{32}").doesNotContain("4791234567");
    }
  }

  @Test
  void ALR5_smsGatewayStatusUrlTellsWhetherTheGatewayHasAMessageSentWithItsReference() {
    SmsChannel gateway =
        new SmsChannel(
            new SmsChannel.Settings(
                server.base() + "/sms?to={to}&ref={ref}",
                SmsChannel.Method.POST,
                Map.of(),
                SmsChannel.Auth.BEARER,
                null,
                SecretRef.parse("env:SMS_TOKEN"),
                "{text}",
                "text/plain",
                Duration.ofSeconds(5),
                server.base() + "/status/{ref}"),
            SECRETS::get);
    assertThat(gateway.canLookUp()).isTrue();
    assertThat(gateway.lookUp(MESSAGE)).isInstanceOf(Channel.Lookup.NotReceived.class);
    assertThat(server.last().header("Authorization")).isEqualTo("Bearer tok-123");

    assertThat(gateway.send(MESSAGE)).isInstanceOf(Delivery.Delivered.class);
    assertThat(server.last().rawUri()).endsWith("&ref=" + MESSAGE.reference());
    assertThat(gateway.lookUp(MESSAGE)).isInstanceOf(Channel.Lookup.Received.class);

    server.status = 503; // the gateway cannot say now: ask again later
    assertThat(gateway.lookUp(MESSAGE)).isInstanceOf(Channel.Lookup.Unavailable.class);
    // Without a status URL the channel cannot look up.
    assertThat(
            sms("/sms", SmsChannel.Method.POST, SmsChannel.Auth.NONE, null, "{text}", "text/plain")
                .canLookUp())
        .isFalse();
  }
}
