package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 6 (DPA-3): no input exhausts memory, and every bad input is a 4xx problem+json
 * naming the field (F5, F12, F15, F20); errors Spring or Tomcat would answer in their own shapes
 * are problem+json too (F17).
 */
class BadInputApiTest extends IntegrationTest {

  private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;

  /** The status line of a raw HTTP exchange: the request head, then {@code body} as it comes. */
  private String exchange(String head, BodyWriter body) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      body.write(out);
                    } catch (IOException e) {
                      // the server closed the connection after refusing: expected
                    }
                  });
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String status = in.readLine();
      StringBuilder rest = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null && rest.length() < 4096) {
        rest.append(line).append('\n');
      }
      s.close();
      writer.join(10_000);
      return status + "\n" + rest;
    }
  }

  interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  @Test
  void aDeclared200MbLoginBodyIs413AtOnceAndTheAppStaysHealthy_F5_DPA3() throws Exception {
    AtomicLong sent = new AtomicLong();
    long start = System.nanoTime();
    String answer =
        exchange(
            "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + TWO_HUNDRED_MB
                + "\r\n\r\n",
            out -> stream(out, TWO_HUNDRED_MB, sent, false));
    assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(sent.get()).isLessThan(TWO_HUNDRED_MB);
    assertHealthy();
  }

  @Test
  void aChunked200MbLoginBodyIsCutAtTheLimitWith413_F5_DPA3() throws Exception {
    AtomicLong sent = new AtomicLong();
    String answer =
        exchange(
            "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                // A CSRF token, so that the login reads its body (else it is refused unread).
                + "Cookie: XSRF-TOKEN=t\r\nX-XSRF-TOKEN: t\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n",
            out -> stream(out, TWO_HUNDRED_MB, sent, true));
    assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
    // Not read to the end: what was sent is the limit plus what the sockets' buffers hold.
    assertThat(sent.get()).isLessThan(TWO_HUNDRED_MB / 4);
    assertHealthy();
  }

  /** Writes {@code total} bytes of a JSON string value, never holding more than 64 KiB. */
  private static void stream(OutputStream out, long total, AtomicLong sent, boolean chunked)
      throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    byte[] start = "{\"username\":\"".getBytes(StandardCharsets.US_ASCII);
    out.write(chunked ? frame(start) : start);
    while (sent.get() < total) {
      out.write(chunked ? frame(chunk) : chunk);
      sent.addAndGet(chunk.length);
    }
  }

  private static byte[] frame(byte[] data) {
    byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + data.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, 0, out, head.length, data.length);
    out[out.length - 2] = '\r';
    out[out.length - 1] = '\n';
    return out;
  }

  private void assertHealthy() {
    JsonNode health = anonymous().get().uri("/actuator/health").retrieve().body(JsonNode.class);
    assertThat(health.path("status").asString()).isEqualTo("UP");
  }

  @Test
  void documentsMayBeLargerThanOtherBodiesButNotUnbounded_F5() throws Exception {
    String comment = "# " + "x".repeat(1000) + "\n";
    String oneMb = comment.repeat(1024) + "apiVersion: vakt/v1\n";
    ResponseEntity<JsonNode> ok = yaml("/api/validate", oneMb);
    assertThat(ok.getStatusCode().value()).as(String.valueOf(ok.getBody())).isEqualTo(400);
    long nineMb = 9L * 1024 * 1024;
    String tooLarge =
        exchange(
            "POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
                + "Authorization: Bearer "
                + adminToken()
                + "\r\nContent-Length: "
                + nineMb
                + "\r\n\r\n",
            out -> stream(out, nineMb, new AtomicLong(), false));
    assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("application/problem+json");
    // Any other path: 64 KiB.
    ResponseEntity<JsonNode> json =
        http.put()
            .uri("/api/customers/big?provider=stw")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"id\":\"big\",\"name\":\"" + "x".repeat(70 * 1024) + "\"}")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(json.getStatusCode().value()).isEqualTo(413);
  }

  private ResponseEntity<JsonNode> yaml(String path, String text) {
    return http.post()
        .uri(path)
        .contentType(MediaType.parseMediaType("application/yaml"))
        .body(text.getBytes(StandardCharsets.UTF_8))
        .retrieve()
        .toEntity(JsonNode.class);
  }

  @Test
  void theAliasBombRecursionAndDeepNestingAre400ViaValidateAndImport_F6_F15() {
    for (String[] c :
        new String[][] {
          {dev.vakt.common.YamlLimitsTest.BOMB, "aliases expand"},
          {"apiVersion: vakt/v1\nkind: Provider\nloop: &l [1, *l]\n", "recursive"},
          {"apiVersion: vakt/v1\nkind: Provider\nx: " + "[".repeat(20_000), "nested more than"}
        }) {
      for (String path : new String[] {"/api/validate", "/api/import"}) {
        long start = System.nanoTime();
        ResponseEntity<JsonNode> r = yaml(path, c[0]);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.getStatusCode().value()).as(path).isEqualTo(400);
        assertThat(r.getHeaders().getContentType().toString())
            .startsWith("application/problem+json");
        JsonNode error = r.getBody().path("errors").get(0);
        assertThat(error.path("reason").asString()).contains(c[1]);
        assertThat(error.path("line").asInt()).isPositive();
      }
    }
  }

  @Test
  void aNulInJsonIs400NotA500_F15_DPA3() {
    ResponseEntity<JsonNode> login =
        anonymous()
            .post()
            .uri("/api/session")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"username\":\"a\\u0000b\",\"password\":\"x\"}")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(login.getStatusCode().is4xxClientError()).as(login.toString()).isTrue();
    assertThat(login.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");

    ResponseEntity<JsonNode> customer =
        http.put()
            .uri("/api/customers/nul?provider=stw")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"id\":\"nul\",\"name\":\"a\\u0000b\",\"country\":\"NO\",\"language\":\"nb\"}")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(customer.getStatusCode().value()).isEqualTo(400);
    assertThat(customer.getBody().path("errors").get(0).path("field").asString())
        .isEqualTo("/name");

    ResponseEntity<JsonNode> raw =
        http.put()
            .uri("/api/customers/nul?provider=stw")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"id\":\"nul\",\"name\":\"a\0b\"}")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(raw.getStatusCode().value()).isEqualTo(400);
    assertThat(raw.getHeaders().getContentType().toString()).startsWith("application/problem+json");
  }

  @Test
  void freeTextsAndNamesHaveLimitsNamingTheField_F12() {
    String c = unique("txt");
    customerWithService(c, "Text AS", "nb", c + "-srv", c + "-ftp");
    ResponseEntity<JsonNode> longName =
        http.put()
            .uri("/api/customers/" + c)
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                "{\"id\":\"%s\",\"name\":\"%s\",\"country\":\"NO\",\"language\":\"nb\"}"
                    .formatted(c, "n".repeat(256)))
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(longName.getStatusCode().value()).isEqualTo(400);
    assertThat(longName.getBody().path("errors").get(0).path("field").asString())
        .isEqualTo("/name");

    ResponseEntity<JsonNode> report =
        post(
            "/api/customers/" + c + "/reports",
            "{\"service\":\"%s\",\"reason\":\"%s\"}".formatted(c + "-ftp", "r".repeat(2001)));
    assertThat(report.getStatusCode().value()).isEqualTo(400);
    assertThat(report.getBody().path("errors").get(0).path("field").asString())
        .isEqualTo("/reason");
    assertThat(report.getBody().path("detail").asString()).contains("at most 2000");
    // Nothing of it was stored.
    assertThat(
            jdbc.sql("select count(*) from audit_event where entity_id like :c")
                .param("c", c + "%")
                .query(Long.class)
                .single())
        .isPositive();

    ResponseEntity<JsonNode> fine =
        post(
            "/api/customers/" + c + "/reports",
            "{\"service\":\"%s\",\"reason\":\"%s\"}".formatted(c + "-ftp", "r".repeat(2000)));
    assertThat(fine.getStatusCode().is2xxSuccessful()).as(fine.toString()).isTrue();
  }

  @Test
  void slaPeriodsOutsideTheCalendarAre400NamingTheField_F15() {
    String c = unique("per");
    customerWithService(c, "Period AS", "nb", c + "-srv", c + "-ftp");
    for (String[] q :
        new String[][] {
          {"from=%2B10000-01-01&to=2026-01-01", "from"},
          {"from=1500-01-01&to=2026-01-01", "from"},
          {"from=2026-01-01&to=0000-01-01", "to"},
          {"from=2026-01-01&to=soon", "to"},
          {"from=2026-02-01&to=2026-01-01", "to"}
        }) {
      for (String path : new String[] {"/sla", "/sla.pdf"}) {
        ResponseEntity<JsonNode> r =
            http.get()
                .uri("/api/customers/" + c + path + "?" + q[0])
                .header("Accept", "application/json, application/pdf, application/problem+json")
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(r.getStatusCode().value()).as(path + "?" + q[0]).isEqualTo(400);
        assertThat(r.getBody().path("errors").get(0).path("field").asString())
            .as(path + "?" + q[0])
            .isEqualTo(q[1]);
      }
    }
    ResponseEntity<JsonNode> terms =
        http.get()
            .uri("/api/customers/" + c + "/terms?date=%2B10000-01-01")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(terms.getStatusCode().value()).isEqualTo(400);
    assertThat(terms.getBody().path("errors").get(0).path("field").asString()).isEqualTo("date");
    ResponseEntity<JsonNode> month =
        http.get()
            .uri("/api/customers/" + c + "/patch-compliance?month=%2B10000-01")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(month.getStatusCode().value()).isEqualTo(400);
    ResponseEntity<JsonNode> events =
        http.get()
            .uri(
                "/api/customers/"
                    + c
                    + "/sla/events?from=%2B12000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")
            .header("Accept", "application/x-ndjson, application/problem+json")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(events.getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void aCustomersReportPeriodIsBoundedStaffsIsWider_F20_DPA4() {
    String c = unique("long");
    customerWithService(c, "Long AS", "nb", c + "-srv", c + "-ftp");
    String user = unique("viewer");
    accounts.create(
        new Accounts.NewAccount(user, "viewer password", Role.CUSTOMER_VIEWER, c), "test");
    String token = apiTokens.issue(user, "t", ApiTokens.Scope.READ, null, "test").value();
    RestClient viewer =
        anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();

    String longPeriod = "/api/customers/" + c + "/sla?from=2020-01-01&to=2026-01-01";
    ResponseEntity<JsonNode> refused =
        viewer.get().uri(longPeriod).retrieve().toEntity(JsonNode.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().path("errors").get(0).path("field").asString()).isEqualTo("from");
    assertThat(refused.getBody().path("detail").asString()).contains("731 days");

    String twoYears = "/api/customers/" + c + "/sla?from=2024-01-01&to=2026-01-01";
    assertThat(
            viewer.get().uri(twoYears).retrieve().toEntity(JsonNode.class).getStatusCode().value())
        .isNotEqualTo(400); // answered (409: this customer has no contract), not refused
    assertThat(
            http.get().uri(longPeriod).retrieve().toEntity(JsonNode.class).getStatusCode().value())
        .isNotEqualTo(400);
    String century = "/api/customers/" + c + "/sla?from=1900-01-01&to=2026-01-01";
    assertThat(http.get().uri(century).retrieve().toEntity(JsonNode.class).getStatusCode().value())
        .isEqualTo(400);
  }

  @Test
  void errorsSpringAndTomcatAnswerAreProblemJson_F17() {
    assertProblem(http.get().uri("/api/no-such-thing"), 404);
    assertProblem(http.get().uri("/no-such-page"), 404);
    assertProblem(http.delete().uri("/api/providers"), 405);
    assertProblem(
        http.post().uri("/api/validate").contentType(MediaType.TEXT_PLAIN).body("x"), 415);
    assertProblem(anonymous().get().uri("/api/customers"), 401);
    assertProblem(http.get().uri("/error"), 500);
    // A browser gets the same problem details: no framework's or server's page.
    assertProblem(http.get().uri("/no-such-page").header("Accept", "text/html"), 404);
  }

  @Test
  void tomcatsOwnRefusalsAreProblemJsonWithoutServerDetails_F17() throws Exception {
    for (String line : List.of("GET /api/%zz HTTP/1.1", "GET /a\u0001b HTTP/1.1")) {
      String answer =
          exchange(line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", out -> {});
      assertThat(answer)
          .as(line)
          .startsWith("HTTP/1.1 400")
          .contains("application/problem+json")
          .contains("\"status\":400")
          .doesNotContain("Tomcat")
          .doesNotContain("<html");
    }
  }

  private static void assertProblem(RestClient.RequestHeadersSpec<?> request, int status) {
    ResponseEntity<String> r = request.retrieve().toEntity(String.class);
    assertThat(r.getStatusCode().value()).as(r.toString()).isEqualTo(status);
    assertThat(r.getHeaders().getContentType()).as(r.toString()).isNotNull();
    assertThat(r.getHeaders().getContentType().toString())
        .as(r.toString())
        .startsWith("application/problem+json");
    assertThat(r.getBody())
        .contains("\"status\":" + status)
        .doesNotContain("Exception")
        .doesNotContain("trace");
  }

  @Test
  void everyPageCarriesAContentSecurityPolicyAllowingOnlyItsOwnInlineScript_F17() throws Exception {
    ResponseEntity<String> login =
        anonymous().get().uri("/login.html").retrieve().toEntity(String.class);
    String csp = login.getHeaders().getFirst("Content-Security-Policy");
    assertThat(csp)
        .contains("default-src 'self'")
        .contains("object-src 'none'")
        .contains("frame-ancestors 'none'")
        .contains("base-uri 'self'")
        .contains("form-action 'self'")
        .contains("img-src 'self' data:")
        .contains("style-src 'self';")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    // The one inline script of index.html, by its hash.
    String index =
        new String(
            new org.springframework.core.io.ClassPathResource("static/index.html")
                .getInputStream()
                .readAllBytes(),
            StandardCharsets.UTF_8);
    String script =
        index.substring(
            index.indexOf("<script>") + 8, index.indexOf("</script>", index.indexOf("<script>")));
    String hash =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
    assertThat(csp).contains("'sha256-" + hash + "'");

    assertThat(
            http.get()
                .uri("/")
                .retrieve()
                .toEntity(String.class)
                .getHeaders()
                .getFirst("Content-Security-Policy"))
        .isEqualTo(csp);
    assertThat(
            anonymous()
                .get()
                .uri("/api/customers")
                .retrieve()
                .toBodilessEntity()
                .getHeaders()
                .getFirst("Content-Security-Policy"))
        .isEqualTo(csp);
    assertThat(
            anonymous()
                .get()
                .uri("/swagger-ui/index.html")
                .retrieve()
                .toBodilessEntity()
                .getHeaders()
                .getFirst("Content-Security-Policy"))
        .contains("frame-ancestors 'none'")
        .contains("script-src 'self' 'unsafe-inline'");
  }
}
