package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Issue 16 item 5 (DPA-3): login throttling that an attacker cannot turn into a lock-out of another
 * person (F9), one answer for every refusal (F16), and unreadable logins audited (F15).
 */
class LoginAbuseTest extends IntegrationTest {

  @org.springframework.beans.factory.annotation.Autowired Logins logins;

  @Autowired LoginThrottle throttle;

  private Accounts.Created admin() {
    return accounts.create(
        new Accounts.NewAccount(unique("adm"), TestSessions.PASSWORD, Role.ADMIN, null), "test");
  }

  @Test
  void thirtyJunkLoginsThroughAProxyDoNotBlockAnotherClient_F9_DPA3() {
    Accounts.Created a = admin();
    String user = a.account().username();
    // Behind a TLS proxy, each client is told apart by X-Forwarded-For from the trusted proxy.
    ClientAddress clients =
        new ClientAddress(
            new AccessProperties(
                3,
                Duration.ofSeconds(2),
                Duration.ofMinutes(15),
                30,
                List.of("127.0.0.1/32"),
                Duration.ofMinutes(15),
                Duration.ofDays(90),
                Duration.ofDays(366),
                12));
    String attacker = clients.of(viaProxy("198.51.100.66"));
    String owner = clients.of(viaProxy("203.0.113.10"));
    for (int i = 0; i < 30; i++) {
      logins.authenticate(user, "junk " + i, "000000", attacker);
    }
    assertThat(
            logins
                .authenticate(user, TestSessions.PASSWORD, TestTotp.code(a.totpSecret(), 0), owner)
                .principal())
        .isNotNull();
    // The per-source limit counts addresses apart as well.
    assertThat(throttle.tryAcquire(owner)).isTrue();
  }

  private static MockHttpServletRequest viaProxy(String client) {
    MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/session");
    r.setRemoteAddr("127.0.0.1");
    r.addHeader("X-Forwarded-For", client);
    return r;
  }

  @Test
  void anAttackerCannotLockOutTheAdmin_F9_DPA3() {
    Accounts.Created a = admin();
    String user = a.account().username();
    // Far more failures than the old lock-out's five, from the attacker's address.
    for (int i = 0; i < 12; i++) {
      logins.authenticate(user, "guess " + i, "123456", "192.0.2.99");
    }
    assertThat(throttle.blockedUntil(user, "192.0.2.99")).isNotNull();
    // The admin, from its own source over HTTP, with the right password and code: signed in.
    Browser b = new Browser(port);
    ResponseEntity<String> r =
        b.login(user, TestSessions.PASSWORD, TestTotp.code(a.totpSecret(), 0));
    assertThat(r.getStatusCode().value()).isEqualTo(200);
    assertThat(accounts.find(user).orElseThrow().lockedUntil()).isNull();
  }

  @Test
  void theDelayDoublesAndIsCapped_F9() {
    assertThat(throttle.delay(3)).isZero();
    assertThat(throttle.delay(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(throttle.delay(5)).isEqualTo(Duration.ofSeconds(4));
    assertThat(throttle.delay(12)).isEqualTo(Duration.ofMinutes(8).plusSeconds(32));
    assertThat(throttle.delay(100)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void everyRefusalLooksTheSame_F16_DPA3() {
    Accounts.Created a = admin();
    String user = a.account().username();
    Accounts.Created d = admin();
    accounts.setDisabled(d.account().username(), true, ADMIN);
    Browser b = new Browser(port);
    List<ResponseEntity<String>> answers =
        List.of(
            b.login(unique("nobody"), TestSessions.PASSWORD, "123456"),
            b.login(user, "wrong password here", TestTotp.code(a.totpSecret(), 0)),
            b.login(
                d.account().username(), TestSessions.PASSWORD, TestTotp.code(d.totpSecret(), 0)));
    for (ResponseEntity<String> r : answers) {
      assertThat(r.getStatusCode().value()).isEqualTo(401);
      assertThat(r.getBody()).isEqualTo(answers.getFirst().getBody());
    }
    // Backing off, the answer is the same again.
    for (int i = 0; i < 4; i++) {
      logins.authenticate(user, "guess " + i, "123456", "127.0.0.1");
    }
    ResponseEntity<String> waiting =
        b.login(user, TestSessions.PASSWORD, TestTotp.code(a.totpSecret(), 1));
    assertThat(waiting.getStatusCode().value()).isEqualTo(401);
    assertThat(waiting.getBody()).isEqualTo(answers.getFirst().getBody());
  }

  @Test
  void aNulInTheUsernameOrAnUnreadableBodyIsAuditedAndAnsweredAsAProblem_F15_DPA3() {
    Browser b = new Browser(port);
    b.get("/api/session");
    ResponseEntity<String> nul =
        b.post("/api/session", "{\"username\":\"adm\\u0000in\",\"password\":\"x\",\"code\":\"1\"}");
    // A NUL is refused where any body is bound (common.Texts): 400 naming the field, audited.
    assertThat(nul.getStatusCode().value()).isEqualTo(400);
    assertThat(nul.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(nul.getBody()).contains("/username");
    ResponseEntity<String> broken = b.send(HttpMethod.POST, "/api/session", "{\"username\":", true);
    assertThat(broken.getStatusCode().value()).isEqualTo(400);
    assertThat(broken.getHeaders().getContentType().toString()).contains("problem+json");
    String trail =
        http.get().uri("/api/audit?entity=session&size=50").retrieve().body(String.class);
    assertThat(trail.split("bad-input", -1).length - 1).isGreaterThanOrEqualTo(2);
  }
}
