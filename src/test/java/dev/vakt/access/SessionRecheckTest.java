package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * DPA-4: an account's open sessions end as soon as the account is disabled or its role changes, not
 * only its tokens; the end is audited (DPA-3).
 */
class SessionRecheckTest extends IntegrationTest {

  private static final String PASSWORD = "correct horse battery";

  private Browser signedIn(String user) {
    Accounts.Created c =
        accounts.create(new Accounts.NewAccount(user, PASSWORD, Role.TECHNICIAN, null), "test");
    Browser b = new Browser(port);
    String code = Totp.code(Totp.fromBase32(c.totpSecret()), Instant.now());
    assertThat(b.login(user, PASSWORD, code).getStatusCode().value()).isEqualTo(200);
    assertThat(b.get("/api/alerts").getStatusCode().value()).isEqualTo(200);
    return b;
  }

  @Test
  void disablingAnAccountEndsItsSessionAtTheNextRequest_DPA4() {
    String user = unique("tech");
    Browser b = signedIn(user);
    accounts.setDisabled(user, true, ADMIN);

    assertThat(b.get("/api/alerts").getStatusCode().value()).isEqualTo(401);
    assertThat(b.get("/api/session").getStatusCode().value()).isEqualTo(401);
    // Enabling it again does not revive the ended session: one signs in anew.
    accounts.setDisabled(user, false, ADMIN);
    assertThat(b.get("/api/alerts").getStatusCode().value()).isEqualTo(401);
    assertThat(http.get().uri("/api/audit?entity=session&id=" + user).retrieve().body(String.class))
        .contains("session-ended")
        .contains("account-disabled");
  }

  @Test
  void aChangedRoleEndsTheSession_DPA4() {
    String user = unique("tech");
    Browser b = signedIn(user);
    jdbc.sql("update account set role = 'ADMIN' where username = :u").param("u", user).update();

    assertThat(b.get("/api/alerts").getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void anUnchangedAccountKeepsItsSession_DPA4() {
    String user = unique("tech");
    Browser b = signedIn(user);
    for (int i = 0; i < 3; i++) {
      assertThat(b.get("/api/alerts").getStatusCode().value()).isEqualTo(200);
    }
  }
}
