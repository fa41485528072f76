package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Browser;
import dev.vakt.access.Role;
import dev.vakt.access.TestSessions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The portal's endpoints (issue 7): the uptime bars cut from the SLA report (same figures as {@code
 * GET .../sla}), the PDF in a chosen language, the session's language, and a customer admin
 * managing the customer's own accounts, each for its own customer only (DPA-4).
 */
class PortalApiTest extends IntegrationTest {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  String p;
  String customer;
  String other;
  String service;

  @BeforeEach
  void oneCustomerWithAService() {
    p = unique("portal");
    importOneCustomer(p, "  sla: { uptime: { target: 99.5 } }");
    customer = p + "-cust";
    String q = unique("portalo");
    importOneCustomer(q, "  sla: { uptime: { target: 99.5 } }");
    other = q + "-cust";
    // The customer's language, which the session and the PDF default to.
    assertThat(
            put(
                    "/api/customers/" + customer + "?provider=" + p,
                    """
                    {"id":"%s","name":"Kunde AS","country":"NO","language":"nb",
                     "email":"post@kunde.example",
                     "contacts":[{"name":"Kari","email":"kari@kunde.example","emergency":true,
                                  "verified":true}]}
                    """
                        .formatted(customer))
                .getStatusCode()
                .is2xxSuccessful())
        .isTrue();
    String server = p + "-srv";
    service = p + "-web";
    assertThat(
            put(
                    "/api/servers/" + server,
                    """
                    {"id":"%s","customer":"%s","kind":"vps","ownership":"provider","address":"127.0.0.1"}
                    """
                        .formatted(server, customer))
                .getStatusCode()
                .is2xxSuccessful())
        .isTrue();
    assertThat(
            put(
                    "/api/services/" + service,
                    """
                    {"id":"%s","server":"%s","type":"ftp","software":"vsftpd","port":1,
                     "installedBy":"provider"}
                    """
                        .formatted(service, server))
                .getStatusCode()
                .is2xxSuccessful())
        .isTrue();
  }

  private RestClient as(Role role, String customerId, String user) {
    accounts.create(new Accounts.NewAccount(user, "portal password", role, customerId), "test");
    String token = apiTokens.issue(user, "t", ApiTokens.Scope.WRITE, null, "test").value();
    return anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  private RestClient as(Role role) {
    return as(role, customer, unique("u"));
  }

  private void change(Instant at, String from, String to) {
    stateChange(service, at, from, to);
  }

  private static ResponseEntity<JsonNode> get(RestClient c, String uri) {
    return c.get().uri(uri).retrieve().toEntity(JsonNode.class);
  }

  @Test
  void uptimeDayByDayAddsUpToTheSlaReport() {
    LocalDate today = LocalDate.now(OSLO);
    Instant threeDaysAgo = today.minusDays(3).atTime(10, 0).atZone(OSLO).toInstant();
    change(today.minusDays(10).atStartOfDay(OSLO).toInstant(), null, "ok");
    change(threeDaysAgo, "ok", "critical");
    change(threeDaysAgo.plus(Duration.ofHours(2)), "critical", "ok");

    JsonNode u = get(as(Role.CUSTOMER_VIEWER), "/api/customers/" + customer + "/uptime").getBody();

    assertThat(u.get("zone").asString()).isEqualTo("Europe/Oslo");
    assertThat(u.get("to").asString()).isEqualTo(today.plusDays(1).toString());
    assertThat(u.get("from").asString()).isEqualTo(today.minusDays(89).toString());
    JsonNode s = u.get("services").get(0);
    assertThat(s.get("service").asString()).isEqualTo(service);
    JsonNode days = s.get("days");
    assertThat(days.size()).isEqualTo(90);
    for (int i = 0; i < 89; i++) {
      JsonNode d = days.get(i);
      LocalDate date = today.minusDays(89 - i);
      assertThat(d.get("date").asString()).isEqualTo(date.toString());
      // A day's length in the contract's zone: 23 or 25 hours on a DST change.
      Duration length =
          Duration.between(
              date.atStartOfDay(OSLO).toInstant(), date.plusDays(1).atStartOfDay(OSLO).toInstant());
      assertThat(durationMs(d.get("time").asString()))
          .as(date.toString())
          .isEqualTo(length.toMillis());
    }
    // Before the first check: unmonitored, shown as such and never as up.
    JsonNode early = days.get(0);
    assertThat(early.has("uptime")).isFalse();
    assertThat(early.get("unmonitored").asString()).isEqualTo(early.get("time").asString());
    JsonNode outageDay = days.get(86);
    assertThat(outageDay.get("date").asString()).isEqualTo(today.minusDays(3).toString());
    assertThat(outageDay.get("downtime").asString()).isEqualTo("2h");
    assertThat(outageDay.get("uptime").decimalValue())
        .isLessThan(new java.math.BigDecimal("100"))
        .isGreaterThan(new java.math.BigDecimal("91"));
    assertThat(days.get(85).get("uptime").decimalValue()).isEqualByComparingTo("100");

    // The closed days are the SLA report's, to the millisecond.
    JsonNode r =
        get(
                http,
                "/api/customers/%s/sla?from=%s&to=%s"
                    .formatted(customer, today.minusDays(89), today))
            .getBody();
    JsonNode period = r.get("services").get(0).get("period");
    assertThat(period.get("downtime").asString()).isEqualTo("2h");
    long unmonitored = 0;
    for (int i = 0; i < 89; i++) {
      unmonitored += durationMs(days.get(i).get("unmonitored").asString());
    }
    assertThat(unmonitored).isEqualTo(durationMs(period.get("unmonitored").asString()));
  }

  /** Vakt writes durations as "2h", "93600000ms" or "0s". */
  private static long durationMs(String text) {
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d|w)").matcher(text);
    long ms = 0;
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      ms +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n * 7 * 86_400_000;
          };
    }
    return ms;
  }

  @Test
  void uptimeIsForTheCustomersOwnDataOnly_DPA4() {
    RestClient viewer = as(Role.CUSTOMER_VIEWER);
    assertThat(get(viewer, "/api/customers/" + other + "/uptime").getStatusCode().value())
        .isEqualTo(404);
    assertThat(get(viewer, "/api/customers/" + customer + "/uptime?days=0").getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            get(viewer, "/api/customers/" + customer + "/uptime?days=30")
                .getBody()
                .get("services")
                .get(0)
                .get("days")
                .size())
        .isEqualTo(30);
  }

  @Test
  void thePdfInTheLanguageAsked() throws IOException {
    change(Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS), null, "ok");
    RestClient viewer = as(Role.CUSTOMER_VIEWER);
    String uri = "/api/customers/" + customer + "/sla.pdf?lang=";
    byte[] de = viewer.get().uri(uri + "de").retrieve().body(byte[].class);
    byte[] nb = viewer.get().uri(uri).retrieve().body(byte[].class);
    assertThat(text(de)).contains("Service-Level-Bericht");
    assertThat(text(nb)).contains("Tjenestenivårapport"); // the customer's language (nb)
    assertThat(viewer.get().uri(uri + "xx").retrieve().toBodilessEntity().getStatusCode().value())
        .isEqualTo(400);
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void theSessionSaysTheCustomersLanguage() {
    JsonNode me = get(as(Role.CUSTOMER_VIEWER), "/api/session").getBody();
    assertThat(me.get("language").asString()).isEqualTo("nb");
    assertThat(get(http, "/api/session").getBody().has("language")).isFalse();
  }

  @Test
  void aCustomerAdminManagesTheCustomersOwnAccounts_DPA4() {
    // Account changes need a signed-in session (a customer admin without TOTP: its password at
    // login counts as the recent check; issue 16, ADR 0017), never an API token.
    String adminName = unique("cadm");
    accounts.create(
        new Accounts.NewAccount(adminName, "portal password", Role.CUSTOMER_ADMIN, customer),
        "test");
    Browser admin = new Browser(port);
    assertThat(admin.login(adminName, "portal password", null).getStatusCode().value())
        .isEqualTo(200);
    String base = "/api/customers/" + customer + "/users";

    String newUser = unique("nyviewer");
    ResponseEntity<String> added =
        admin.post(base, "{\"username\":\"%s\",\"role\":\"CUSTOMER_VIEWER\"}".formatted(newUser));
    assertThat(added.getStatusCode().value()).as(added.getBody()).isEqualTo(201);
    JsonNode body = JSON.readTree(added.getBody());
    assertThat(body.get("account").get("customer").asString()).isEqualTo(customer);
    String initial = body.get("initialPassword").asString();
    assertThat(initial).hasSize(20);
    assertThat(accounts.find(newUser).orElseThrow().role()).isEqualTo(Role.CUSTOMER_VIEWER);
    assertThat(JSON.readTree(admin.get(base).getBody()).findValuesAsString("username"))
        .contains(adminName, newUser);

    // Never staff, never self, never another customer's.
    assertThat(
            admin
                .post(base, "{\"username\":\"%s\",\"role\":\"ADMIN\"}".formatted(unique("evil")))
                .getStatusCode()
                .value())
        .isEqualTo(400);
    assertThat(status(admin, base + "/" + adminName + "/disable")).isEqualTo(409);
    assertThat(status(admin, base + "/" + ADMIN + "/disable")).isEqualTo(404);
    String theirs = unique("theirs");
    accounts.create(
        new Accounts.NewAccount(theirs, "portal password", Role.CUSTOMER_ADMIN, other), "test");
    assertThat(status(admin, base + "/" + theirs + "/disable")).isEqualTo(404);
    assertThat(status(admin, "/api/customers/" + other + "/users/" + theirs + "/disable"))
        .isEqualTo(404);
    assertThat(admin.get("/api/customers/" + other + "/users").getStatusCode().value())
        .isEqualTo(404);
    assertThat(accounts.find(theirs).orElseThrow().disabled()).isFalse();

    // Disable and enable, audited with the customer admin as actor.
    assertThat(status(admin, base + "/" + newUser + "/disable")).isEqualTo(200);
    assertThat(accounts.find(newUser).orElseThrow().disabled()).isTrue();
    assertThat(status(admin, base + "/" + newUser + "/enable")).isEqualTo(200);
    assertThat(accounts.find(newUser).orElseThrow().disabled()).isFalse();
    assertThat(
            jdbc.sql(
                    "select action from audit_event where entity = 'account' and entity_id = :u and actor = :a order by seq")
                .param("u", newUser)
                .param("a", adminName)
                .query(String.class)
                .list())
        .containsExactly("create", "disable", "enable");
  }

  @Test
  void accountsAreAddedToExistingCustomersOnly() {
    assertThat(
            TestSessions.admin(port, accounts)
                .post(
                    "/api/customers/no-such-customer/users",
                    "{\"username\":\"%s\"}".formatted(unique("x")))
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void viewersCannotManageAccounts_DPA4() {
    RestClient viewer = as(Role.CUSTOMER_VIEWER);
    String base = "/api/customers/" + customer + "/users";
    assertThat(get(viewer, base).getStatusCode().value()).isEqualTo(403);
    assertThat(
            viewer
                .post()
                .uri(base)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"username\":\"%s\"}".formatted(unique("v")))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  private static int status(Browser b, String uri) {
    return b.post(uri, null).getStatusCode().value();
  }

  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();
}
