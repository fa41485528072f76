package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Role;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * The pages name their files under the version of all files and those are kept for a year, while
 * the pages themselves are checked on every use (issue 7, page speed; ADR 0015).
 */
class PageAssetsTest extends IntegrationTest {

  private static final Pattern VERSIONED = Pattern.compile("src=\"(/v/([0-9a-f]{12})/app\\.js)\"");

  @Test
  void theConsolePageNamesItsFilesUnderTheVersionAndCarriesTheSession() {
    ResponseEntity<String> page = http.get().uri("/").retrieve().toEntity(String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-cache, private");
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    Matcher m = VERSIONED.matcher(page.getBody());
    assertThat(m.find()).as("app.js under /v/<version>/").isTrue();
    String version = m.group(2);
    assertThat(page.getBody())
        .contains("href=\"/v/" + version + "/app.css\"")
        .contains("href=\"/v/" + version + "/js/core.js\"")
        .contains("href=\"/v/" + version + "/i18n/common.en.json\"")
        .doesNotContain("href=\"/js/", "href=\"/i18n/", "src=\"/app.js\"")
        // who is signed in, as GET /api/session says it, and the staff view's modules only
        .contains(
            "<script id=\"vakt-session\" type=\"application/json\">{\"username\":\""
                + ADMIN
                + "\",\"role\":\"ADMIN\"")
        .contains("/js/staff-board.js")
        .doesNotContain("/js/portal.js");
  }

  @Test
  void aCustomerPageCarriesThePortalsModulesAndSignedOutGoesToSignIn() {
    ResponseEntity<String> signedOut = anonymous().get().uri("/").retrieve().toEntity(String.class);
    assertThat(signedOut.getStatusCode().value()).isEqualTo(302);
    assertThat(signedOut.getHeaders().getLocation()).hasToString("/login.html");

    importOneCustomer("pages", "  sla: { uptime: { target: 99.5 } }");
    String user = "pages-viewer-" + System.nanoTime();
    accounts.create(
        new Accounts.NewAccount(user, "page password", Role.CUSTOMER_VIEWER, "pages-cust"), "test");
    String token = apiTokens.issue(user, "page", ApiTokens.Scope.READ, null, "test").value();
    String page =
        anonymous()
            .get()
            .uri("/")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .retrieve()
            .body(String.class);
    assertThat(page)
        .contains("\"role\":\"CUSTOMER_VIEWER\",\"customer\":\"pages-cust\"")
        .contains("/js/portal-uptime.js")
        .doesNotContain("/js/staff-board.js");
  }

  @Test
  void theSignInPageIsRevalidatedByItsVersion() {
    ResponseEntity<String> page =
        anonymous().get().uri("/login.html").retrieve().toEntity(String.class);
    assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-cache");
    ResponseEntity<String> again =
        anonymous()
            .get()
            .uri("/login.html")
            .header(HttpHeaders.IF_NONE_MATCH, page.getHeaders().getETag())
            .retrieve()
            .toEntity(String.class);
    assertThat(again.getStatusCode().value()).isEqualTo(304);
  }

  @Test
  void versionedFilesAreKeptForAYearAndOtherVersionsAreNotServed() {
    String login = anonymous().get().uri("/login.html").retrieve().body(String.class);
    Matcher m = Pattern.compile("src=\"/v/([0-9a-f]{12})/login\\.js\"").matcher(login);
    assertThat(m.find()).isTrue();
    String prefix = "/v/" + m.group(1);
    for (String file :
        new String[] {"/login.js", "/js/i18n.js", "/i18n/common.de.json", "/app.css"}) {
      ResponseEntity<String> r =
          anonymous().get().uri(prefix + file).retrieve().toEntity(String.class);
      assertThat(r.getStatusCode().value()).as(file).isEqualTo(200);
      assertThat(r.getHeaders().getCacheControl())
          .as(file)
          .isEqualTo("max-age=31536000, public, immutable");
      // the same bytes as at the plain address, which is revalidated on every use
      ResponseEntity<String> plain = anonymous().get().uri(file).retrieve().toEntity(String.class);
      assertThat(r.getBody()).isEqualTo(plain.getBody());
      assertThat(plain.getHeaders().getCacheControl()).isEqualTo("no-cache");
    }
    assertThat(
            anonymous()
                .get()
                .uri("/v/000000000000/app.css")
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }
}
