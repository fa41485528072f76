package dev.vakt.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.IntegrationTest;
import dev.vakt.access.TestSessions;
import dev.vakt.common.SecretRef;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** Secrets are encrypted at rest, resolved by reference, and never returned or audited in clear. */
class SecretsTest extends IntegrationTest {

  private static final String KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n";

  @Autowired Secrets secrets;

  @Test
  void storedEncryptedAndResolvedByReference() {
    String name = unique("key");
    // Setting a secret needs a signed-in admin with a recent second factor (issue 16, ADR 0017).
    var r =
        TestSessions.admin(port, accounts)
            .send(
                HttpMethod.PUT,
                "/api/secrets/" + name,
                "{\"value\":\"" + KEY.replace("\n", "\\n") + "\"}",
                true);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    byte[] raw =
        jdbc.sql("select ciphertext from secret where name = :n")
            .param("n", name)
            .query(byte[].class)
            .single();
    assertThat(new String(raw, StandardCharsets.ISO_8859_1))
        .doesNotContain("OPENSSH")
        .doesNotContain("b3BlbnNz");
    assertThat(secrets.resolve(SecretRef.parse("secret:" + name))).isEqualTo(KEY);

    String listing = http.get().uri("/api/secrets?size=1000").retrieve().body(String.class);
    assertThat(listing).contains(name).doesNotContain("OPENSSH");
    String audit =
        http.get().uri("/api/audit?entity=secret&id=" + name).retrieve().body(String.class);
    assertThat(audit).contains("(encrypted)").doesNotContain("OPENSSH");
  }

  @Test
  void aCiphertextMovedToAnotherNameDoesNotDecrypt() {
    String a = unique("a");
    String b = unique("b");
    secrets.put(a, "first", "test");
    secrets.put(b, "second", "test");
    jdbc.sql("create temporary table moved as select nonce, ciphertext from secret where name = :a")
        .param("a", a)
        .update();
    // The secret table is not append-only: a secret may be replaced. The name is bound in as AAD.
    jdbc.sql(
            "update secret set (nonce, ciphertext) = (select nonce, ciphertext from moved) where name = :b")
        .param("b", b)
        .update();
    jdbc.sql("drop table moved").update();
    assertThatThrownBy(() -> secrets.resolve(SecretRef.parse("secret:" + b)))
        .hasMessageContaining("could not be decrypted");
  }

  @Test
  void theAuditLogIsAppendOnly() {
    secrets.put(unique("c"), "x", "test");
    assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone else'").update())
        .rootCause()
        // Two guards (ADR 0016): the application role may not UPDATE or DELETE here at all,
        // and the append-only trigger stops even the owner.
        .hasMessageMatching("(?s).*(append-only|permission denied).*");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
        .rootCause()
        // Two guards (ADR 0016): the application role may not UPDATE or DELETE here at all,
        // and the append-only trigger stops even the owner.
        .hasMessageMatching("(?s).*(append-only|permission denied).*");
  }
}
