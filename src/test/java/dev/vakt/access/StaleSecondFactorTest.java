package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16 item 4 (DPA-3), end to end: a real session whose second factor was checked longer ago
 * than {@code vakt.access.recent-second-factor} is refused a sensitive change with its own problem
 * type, verifies with a fresh code and then makes the change, as the pages do.
 */
class StaleSecondFactorTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired WebServerApplicationContext server;

  /** Moves the session's last second-factor check back in time, as the clock would. */
  private void age(Browser b, Duration by) throws Exception {
    Context context =
        (Context) ((TomcatWebServer) server.getWebServer()).getTomcat().getHost().findChildren()[0];
    Session session = context.getManager().findSession(b.cookies.get("VAKT_SESSION"));
    Instant at = (Instant) session.getSession().getAttribute(SensitiveChanges.VERIFIED_AT);
    session.getSession().setAttribute(SensitiveChanges.VERIFIED_AT, at.minus(by));
  }

  @Test
  void aStaleSessionIsAskedForItsCodeAndThenMayChangeAccounts_DPA3() throws Exception {
    String user = unique("adm");
    Accounts.Created c =
        accounts.create(
            new Accounts.NewAccount(user, TestSessions.PASSWORD, Role.ADMIN, null), "test");
    Browser b = new Browser(port);
    assertThat(
            b.login(user, TestSessions.PASSWORD, TestTotp.code(c.totpSecret(), 0))
                .getStatusCode()
                .value())
        .isEqualTo(200);
    age(b, Duration.ofMinutes(16));
    String target = unique("target");
    String body =
        "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TECHNICIAN\"}"
            .formatted(target, TestSessions.PASSWORD);

    ResponseEntity<String> refused = b.send(HttpMethod.POST, "/api/accounts", body, true);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(JSON.readTree(refused.getBody()).path("type").asString())
        .isEqualTo("https://vakt.dev/problems/second-factor-needed");
    assertThat(accounts.find(target)).isEmpty();
    // Reads and ordinary changes need no fresh code.
    assertThat(b.get("/api/accounts").getStatusCode().value()).isEqualTo(200);

    assertThat(
            b.post("/api/session/verify", "{\"code\":\"" + TestTotp.code(c.totpSecret(), 1) + "\"}")
                .getStatusCode()
                .value())
        .isEqualTo(204);
    assertThat(b.send(HttpMethod.POST, "/api/accounts", body, true).getStatusCode().value())
        .isEqualTo(201);
  }
}
