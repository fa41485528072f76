package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DPA-3: staff sign in with password and TOTP (RFC 6238); a wrong or reused code is refused;
 * repeated failures make their source back off (never a lock of the account, F9); cookie sessions
 * need the CSRF token; logins and refusals are in the audit log.
 */
class LoginTest extends IntegrationTest {

  @org.springframework.beans.factory.annotation.Autowired Logins logins;

  private static final String PASSWORD = "correct horse battery";
  private final JsonMapper json = JsonMapper.builder().build();

  private byte[] staff(String username) {
    Accounts.Created c =
        accounts.create(new Accounts.NewAccount(username, PASSWORD, Role.TECHNICIAN, null), "test");
    assertThat(c.totpUri()).startsWith("otpauth://totp/Vakt:" + username + "?secret=");
    return Totp.fromBase32(c.totpSecret());
  }

  private static String code(byte[] seed, int stepsAhead) {
    return Totp.code(seed, Instant.now().plus(Totp.STEP.multipliedBy(stepsAhead)));
  }

  private JsonNode body(ResponseEntity<String> r) {
    return json.readTree(r.getBody());
  }

  @Test
  void staffSignInWithPasswordAndTotpAndTheSessionSaysWho_DPA3() {
    String user = unique("tech");
    byte[] seed = staff(user);
    Browser b = new Browser(port);
    assertThat(b.get("/api/session").getStatusCode().value()).isEqualTo(401);
    assertThat(b.login(user, PASSWORD, null).getStatusCode().value()).isEqualTo(401);
    assertThat(b.login(user, PASSWORD, "000000").getStatusCode().value()).isEqualTo(401);
    ResponseEntity<String> ok = b.login(user, PASSWORD, code(seed, 0));
    assertThat(ok.getStatusCode().value()).isEqualTo(200);
    assertThat(String.join(" ", ok.getHeaders().get("Set-Cookie")))
        .contains("VAKT_SESSION=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Lax");
    JsonNode me = body(b.get("/api/session"));
    assertThat(me.path("username").asString()).isEqualTo(user);
    assertThat(me.path("role").asString()).isEqualTo("TECHNICIAN");
    assertThat(b.get("/api/alerts").getStatusCode().value()).isEqualTo(200);
    // Technicians are not administrators.
    assertThat(b.get("/api/accounts").getStatusCode().value()).isEqualTo(403);

    assertThat(b.send(HttpMethod.DELETE, "/api/session", null, true).getStatusCode().value())
        .isEqualTo(204);
    assertThat(b.get("/api/alerts").getStatusCode().value()).isEqualTo(401);

    JsonNode trail =
        json.readTree(
            http.get().uri("/api/audit?entity=session&id=" + user).retrieve().body(String.class));
    assertThat(trail.findValuesAsString("action")).contains("login", "login-failed", "logout");
    assertThat(trail.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void aCodeIsAcceptedOnceOnly_DPA3() {
    String user = unique("tech");
    byte[] seed = staff(user);
    String code = code(seed, 0);
    assertThat(new Browser(port).login(user, PASSWORD, code).getStatusCode().value())
        .isEqualTo(200);
    assertThat(new Browser(port).login(user, PASSWORD, code).getStatusCode().value())
        .isEqualTo(401);
    // The next step's code is still good (one step of clock drift is allowed).
    assertThat(new Browser(port).login(user, PASSWORD, code(seed, 1)).getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void repeatedFailuresMakeThatSourceWaitNotTheAccountsOwner_F9_DPA3() {
    String user = unique("tech");
    byte[] seed = staff(user);
    // Failures from another source (an attacker) beyond the free ones make that source back off...
    for (int i = 0; i < 6; i++) {
      assertThat(logins.authenticate(user, "wrong password " + i, code(seed, 0), "192.0.2.7"))
          .extracting(Logins.Outcome::refusal)
          .isIn(Logins.Refusal.WRONG_PASSWORD, Logins.Refusal.BACKING_OFF);
    }
    assertThat(logins.authenticate(user, PASSWORD, code(seed, 0), "192.0.2.7").refusal())
        .isEqualTo(Logins.Refusal.BACKING_OFF);
    // ...but the owner, from its own address (this test's 127.0.0.1), signs in at once.
    Browser b = new Browser(port);
    assertThat(b.login(user, PASSWORD, code(seed, 0)).getStatusCode().value()).isEqualTo(200);
    JsonNode trail =
        json.readTree(
            http.get().uri("/api/audit?entity=session&id=" + user).retrieve().body(String.class));
    assertThat(trail.toString()).contains("backing-off").contains("backoff");
    // An admin's unlock ends the other source's wait too.
    accounts.unlock(user, ADMIN);
    assertThat(logins.authenticate(user, PASSWORD, code(seed, 1), "192.0.2.7").principal())
        .isNotNull();
  }

  @Test
  void cookieSessionsNeedTheCsrfTokenForChanges_DPA3() {
    String user = unique("tech");
    byte[] seed = staff(user);
    Browser b = new Browser(port);
    assertThat(b.login(user, PASSWORD, code(seed, 0)).getStatusCode().value()).isEqualTo(200);
    String newToken = "{\"name\":\"ci\",\"scope\":\"read\"}";
    assertThat(
            b.send(HttpMethod.POST, "/api/account/tokens", newToken, false).getStatusCode().value())
        .isEqualTo(403);
    ResponseEntity<String> created = b.send(HttpMethod.POST, "/api/account/tokens", newToken, true);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(body(created).path("value").asString()).startsWith("vakt_");
    // Signing in without the CSRF token is refused as well (login CSRF).
    Browser other = new Browser(port);
    other.get("/api/session");
    assertThat(
            other
                .send(
                    HttpMethod.POST,
                    "/api/session",
                    "{\"username\":\"%s\",\"password\":\"%s\",\"code\":\"%s\"}"
                        .formatted(user, PASSWORD, code(seed, 1)),
                    false)
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void customersMayEnrolTotpAndThenNeedIt_DPA3() {
    String user = unique("viewer");
    accounts.create(
        new Accounts.NewAccount(user, PASSWORD, Role.CUSTOMER_VIEWER, "some-customer"), "test");
    Browser b = new Browser(port);
    assertThat(b.login(user, PASSWORD, null).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> started = b.post("/api/account/totp", "{}");
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
    JsonNode enrol = body(started);
    byte[] seed = Totp.fromBase32(enrol.path("secret").asString());
    assertThat(enrol.path("otpauthUri").asString()).contains("secret=");
    assertThat(b.post("/api/account/totp/confirm", "{\"code\":\"123\"}").getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            b.post("/api/account/totp/confirm", "{\"code\":\"" + code(seed, 0) + "\"}")
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(new Browser(port).login(user, PASSWORD, null).getStatusCode().value())
        .isEqualTo(401);
    assertThat(new Browser(port).login(user, PASSWORD, code(seed, 1)).getStatusCode().value())
        .isEqualTo(200);
  }
}
