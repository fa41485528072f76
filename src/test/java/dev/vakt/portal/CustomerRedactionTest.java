package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Issue 16, item 7 and F11 (DPA-4): one rule decides what customers see of provider-internal data.
 * A server's SSH user, port, key reference and sudo flag, its out-of-band console, a cluster's API
 * token and a service check's login, all carrying a marker, never appear in any answer to the
 * customer's users: not in the audit view or its export, not in the customer's data export, not in
 * the customer-facing reads. Staff still see them.
 */
class CustomerRedactionTest extends IntegrationTest {

  private static final String MARK = "zzmark";

  private String customer;
  private String server;
  private RestClient viewer;
  private RestClient customerAdmin;

  @BeforeEach
  void world() {
    customer = unique("red");
    server = customer + "-srv";
    putOk(
        "/api/customers/" + customer + "?provider=stw",
        """
        {"id":"%s","name":"Redacted AS","country":"NO","language":"nb","email":"post@r.example"}
        """
            .formatted(customer));
    putOk(
        "/api/clusters/" + customer + "-cl",
        """
        {"id":"%s-cl","customer":"%s","name":"prod","apiUrl":"https://127.0.0.1:8006/api2/json",
         "apiToken":"env:ZZMARK_PVE_TOKEN"}
        """
            .formatted(customer, customer));
    putOk(
        "/api/servers/" + server,
        """
        {"id":"%s","customer":"%s","kind":"dedicated","ownership":"provider","address":"127.0.0.1",
         "access":{"ssh":{"user":"zzmarkssh","port":2299,"key":"env:ZZMARK_SSH_KEY","sudo":true},
                   "outOfBand":{"kind":"idrac","address":"127.0.0.2","user":"zzmarkoob",
                                "password":"env:ZZMARK_IDRAC_PW"}}}
        """
            .formatted(server, customer));
    putOk(
        "/api/services/" + customer + "-ftp",
        """
        {"id":"%s-ftp","server":"%s","type":"ftp","software":"vsftpd","port":2121,
         "installedBy":"provider","monitored":false,
         "check":{"user":"zzmarkchk","password":"env:ZZMARK_FTP_PW"}}
        """
            .formatted(customer, server));
    viewer = as(Role.CUSTOMER_VIEWER);
    customerAdmin = as(Role.CUSTOMER_ADMIN);
  }

  private RestClient as(Role role) {
    String user = unique("u");
    accounts.create(new Accounts.NewAccount(user, "redaction password", role, customer), "test");
    String token = apiTokens.issue(user, "t", ApiTokens.Scope.READ, null, "test").value();
    return anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  private static String text(RestClient client, String uri) {
    ResponseEntity<byte[]> r = client.get().uri(uri).retrieve().toEntity(byte[].class);
    return r.getBody() == null ? "" : new String(r.getBody(), StandardCharsets.UTF_8);
  }

  @Test
  void theAuditViewAndItsExportShowNoAccessPathsToCustomers_F11_DPA4() {
    for (RestClient reader : List.of(viewer, customerAdmin)) {
      String audit = text(reader, "/api/audit?size=1000");
      // The server's entry is there, without its access path.
      assertThat(audit).contains(server).contains("\"address\":\"127.0.0.1\"");
      assertThat(audit.toLowerCase(Locale.ROOT)).doesNotContain(MARK).doesNotContain("sudo");
      String export = text(reader, "/api/audit/export");
      assertThat(export).contains(server);
      assertThat(export.toLowerCase(Locale.ROOT)).doesNotContain(MARK).doesNotContain("sudo");
    }
    // Staff see the whole entry.
    assertThat(text(http, "/api/audit?entity=server&id=" + server)).contains("zzmarkssh");
  }

  @Test
  void noCustomerFacingReadShowsAccessPaths_F11_DPA4() {
    for (String uri :
        List.of(
            "/api/customers",
            "/api/customers/" + customer,
            "/api/customers/" + customer + "/status",
            "/api/customers/" + customer + "/terms",
            "/api/customers/" + customer + "/sla/history",
            "/api/customers/" + customer + "/maintenance",
            "/api/customers/" + customer + "/patch-compliance",
            "/api/servers?customer=" + customer,
            "/api/servers/" + server,
            "/api/services?customer=" + customer,
            "/api/services/" + customer + "-ftp",
            "/api/clusters?customer=" + customer,
            "/api/clusters/" + customer + "-cl")) {
      for (RestClient reader : List.of(viewer, customerAdmin)) {
        assertThat(text(reader, uri).toLowerCase(Locale.ROOT)).as(uri).doesNotContain(MARK);
      }
    }
    assertThat(text(http, "/api/servers/" + server)).contains("zzmarkssh");
  }

  @Test
  void theCustomersDataExportHoldsNoAccessPaths_F11_DPA5() throws Exception {
    ResponseEntity<byte[]> zip =
        customerAdmin
            .get()
            .uri("/api/customers/" + customer + "/export")
            .retrieve()
            .toEntity(byte[].class);
    assertThat(zip.getStatusCode().value()).isEqualTo(200);
    int files = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.getBody()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(content.toLowerCase(Locale.ROOT)).as(e.getName()).doesNotContain(MARK);
        files++;
      }
    }
    assertThat(files).isGreaterThan(5);
  }
}
