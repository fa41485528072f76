package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * DPA-3: API tokens act as their owner within their scope, are stored only as a hash, and stop
 * working when revoked or when their owner is disabled; creating and revoking them is audited.
 */
class ApiTokenTest extends IntegrationTest {

  private RestClient bearer(String token) {
    return anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  private int status(RestClient.RequestHeadersSpec<?> spec) {
    return spec.retrieve().toBodilessEntity().getStatusCode().value();
  }

  @Test
  void aReadTokenReadsButDoesNotWrite_DPA3() {
    String user = unique("tech");
    accounts.create(
        new Accounts.NewAccount(user, "a long password!", Role.TECHNICIAN, null), "test");
    ApiTokens.Issued read = apiTokens.issue(user, "dashboard", ApiTokens.Scope.READ, null, user);
    RestClient client = bearer(read.value());
    assertThat(status(client.get().uri("/api/alerts"))).isEqualTo(200);
    assertThat(
            status(
                client
                    .put()
                    .uri("/api/customers/" + unique("c"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")))
        .isEqualTo(403);
    // Only the hash is stored.
    assertThat(
            jdbc.sql("select count(*) from api_token where hash = :v")
                .param("v", read.value())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void revokedAndUnknownTokensAndDisabledOwnersGet401_DPA3() {
    String user = unique("tech");
    accounts.create(
        new Accounts.NewAccount(user, "a long password!", Role.TECHNICIAN, null), "test");
    ApiTokens.Issued t = apiTokens.issue(user, "script", ApiTokens.Scope.WRITE, null, user);
    RestClient client = bearer(t.value());
    assertThat(status(client.get().uri("/api/alerts"))).isEqualTo(200);
    assertThat(apiTokens.list(user).getFirst().lastUsedAt()).isNotNull();

    accounts.setDisabled(user, true, "test");
    assertThat(status(client.get().uri("/api/alerts"))).isEqualTo(401);
    accounts.setDisabled(user, false, "test");
    assertThat(status(client.get().uri("/api/alerts"))).isEqualTo(200);

    apiTokens.revoke(user, t.token().id(), user);
    assertThat(status(client.get().uri("/api/alerts"))).isEqualTo(401);
    assertThat(status(bearer("vakt_made-up").get().uri("/api/alerts"))).isEqualTo(401);
    assertThat(status(anonymous().get().uri("/api/alerts"))).isEqualTo(401);

    String trail =
        http.get()
            .uri("/api/audit?entity=api-token&id=" + t.token().id())
            .retrieve()
            .body(String.class);
    assertThat(trail).contains("\"create\"", "\"revoke\"").doesNotContain(t.value());
  }

  @Test
  void tokensCannotMintTokens_DPA3() {
    assertThat(
            status(
                http.post()
                    .uri("/api/account/tokens")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\":\"more\",\"scope\":\"write\"}")))
        .isEqualTo(403);
  }
}
