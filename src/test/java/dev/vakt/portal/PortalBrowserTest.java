package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.access.Accounts;
import dev.vakt.access.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The customer portal in a real browser (issue 7): a customer admin sees the 90-day uptime bars,
 * changes the report period, downloads the SLA report as PDF (checked with PDFBox), reports a fault
 * and adds a viewer; a viewer sees no action buttons (DPA-4); a Norwegian customer's page is in
 * Norwegian. Screenshots under {@code target/screenshots/portal-*.png}.
 */
class PortalBrowserTest extends BrowserTestBase {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  Path downloads;
  String customer;
  String service;

  /** The base's browser, again, with downloads going to a temporary folder without asking. */
  @BeforeEach
  void browserThatDownloads() throws IOException {
    downloads = Files.createTempDirectory("vakt-portal-downloads");
    driver.quit();
    driver =
        Chromium.start(
            options ->
                options.setExperimentalOption(
                    "prefs",
                    Map.of(
                        "download.default_directory", downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download", false,
                        "download.directory_upgrade", true,
                        "safebrowsing.enabled", false)));
  }

  @AfterEach
  void removeDownloads() throws IOException {
    try (Stream<Path> files = Files.list(downloads)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(downloads);
  }

  /** A customer in {@code language} with a contract, one service and a 2-hour outage 3 days ago. */
  private void customer(String language) {
    String p = unique("pb");
    importOneCustomer(p, "  sla: { uptime: { target: 99.5 } }");
    customer = p + "-cust";
    putOk(
        "/api/customers/" + customer + "?provider=" + p,
        """
        {"id":"%s","name":"Kunde AS","country":"NO","language":"%s","email":"post@kunde.example",
         "contacts":[{"name":"Kari Nordmann","email":"kari@kunde.example","phone":"+47 400 00 000",
                      "emergency":true,"verified":true}]}
        """
            .formatted(customer, language));
    String server = p + "-srv";
    service = p + "-web";
    putOk(
        "/api/servers/" + server,
        """
        {"id":"%s","customer":"%s","kind":"vps","ownership":"provider","address":"127.0.0.1"}
        """
            .formatted(server, customer));
    putOk(
        "/api/services/" + service,
        """
        {"id":"%s","server":"%s","type":"ftp","software":"vsftpd","port":1,"installedBy":"provider"}
        """
            .formatted(service, server));
    LocalDate today = LocalDate.now(OSLO);
    Instant down = today.minusDays(3).atTime(10, 0).atZone(OSLO).toInstant();
    change(today.minusDays(20).atStartOfDay(OSLO).toInstant(), null, "ok");
    change(down, "ok", "critical");
    change(down.plus(Duration.ofHours(2)), "critical", "ok");
  }

  private void change(Instant at, String from, String to) {
    stateChange(service, at, from, to);
  }

  private String user(Role role) {
    String user = unique(role == Role.CUSTOMER_ADMIN ? "kadmin" : "kviewer");
    accounts.create(new Accounts.NewAccount(user, PASSWORD, role, customer), "test");
    return user;
  }

  private void uptimeShown() {
    wait.until(d -> d.findElements(By.cssSelector("#cv-uptime .bars li")).size() == 90);
  }

  @Test
  void aCustomerAdminSeesUptimeDownloadsThePdfReportsAFaultAndAddsAViewer() throws IOException {
    customer("en");
    signIn(user(Role.CUSTOMER_ADMIN), PASSWORD, null);

    uptimeShown();
    LocalDate today = LocalDate.now(OSLO);
    WebElement outageDay =
        driver.findElement(By.cssSelector("#cv-uptime li[data-date='" + today.minusDays(3) + "']"));
    assertThat(outageDay.getAttribute("title")).contains("downtime 2 h");
    assertThat(outageDay.getAttribute("class")).contains("bar low");
    // Before the first check: grey, not monitored, never up.
    assertThat(
            driver
                .findElement(
                    By.cssSelector("#cv-uptime li[data-date='" + today.minusDays(40) + "']"))
                .getAttribute("class"))
        .contains("none");
    // The same days as a table for screen readers (visually hidden).
    assertThat(
            driver
                .findElement(By.cssSelector("#cv-uptime table caption"))
                .getAttribute("textContent"))
        .contains("Uptime of " + service + " per day");
    assertThat(driver.findElement(By.id("cv-contacts")).getText()).contains("Kari Nordmann");
    screenshot("portal-admin-uptime");

    // Another period: the last ten days, with the outage in the incident history.
    String from = today.minusDays(9).toString();
    driver.executeScript(
        "document.getElementById('cv-from').value = arguments[0];"
            + "document.getElementById('cv-to').value = arguments[1];",
        from,
        today.toString());
    driver.findElement(By.cssSelector("#cv-period button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("cv-sla")).getText().contains("Downtime 2 h"));
    wait.until(
        d ->
            d.findElement(By.cssSelector("#cv-incidents tbody")).getText().contains(service)
                && d.findElement(By.id("cv-pdf")).getAttribute("href").contains("from=" + from));
    String pdfHref = driver.findElement(By.id("cv-pdf")).getAttribute("href");
    assertThat(pdfHref).contains("to=" + today.plusDays(1)).contains("lang=en");
    driver.executeScript("document.getElementById('cv-sla-h').scrollIntoView({block: 'start'})");
    screenshot("portal-admin-period");

    driver.findElement(By.id("cv-pdf")).click();
    Path pdf =
        wait.until(
                d -> {
                  try (Stream<Path> files = Files.list(downloads)) {
                    return files.filter(f -> f.toString().endsWith(".pdf")).findFirst();
                  } catch (IOException e) {
                    return java.util.Optional.<Path>empty();
                  }
                })
            .orElseThrow();
    String text;
    try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
      text = new PDFTextStripper().getText(doc);
    }
    assertThat(pdf.getFileName().toString()).startsWith(customer + "-sla-" + from);
    assertThat(text).contains("Service level report").contains(customer).contains(service);
    String achieved =
        http.get()
            .uri("/api/customers/%s/sla?from=%s&to=%s".formatted(customer, from, today.plusDays(1)))
            .retrieve()
            .body(tools.jackson.databind.JsonNode.class)
            .get("services")
            .get(0)
            .get("period")
            .get("downtime")
            .asString();
    assertThat(achieved).isEqualTo("2h");
    assertThat(text).contains("Kunde AS");

    // A fault, reported and then fixed.
    driver.findElement(By.cssSelector("#cv-fault-service option[value='" + service + "']")).click();
    driver.findElement(By.id("cv-fault-reason")).sendKeys("The FTP login hangs");
    click(By.cssSelector("#cv-fault button[type=submit]"));
    wait.until(d -> d.findElement(By.id("cv-live")).getText().contains("reported"));
    wait.until(d -> d.findElement(By.id("cv-reports")).getText().contains("The FTP login hangs"));
    assertThat(driver.findElement(By.id("cv-live")).getAttribute("aria-live")).isEqualTo("polite");
    screenshot("portal-admin-fault-reported");
    click(By.xpath("//table[@id='cv-reports']//button"));
    wait.until(d -> d.findElement(By.id("cv-live")).getText().contains("marked as fixed"));
    wait.until(d -> d.findElement(By.id("cv-reports")).getText().contains("No open fault reports"));

    // A new viewer of the same customer, with its initial password shown once.
    String viewer = unique("nyviewer");
    driver.findElement(By.id("cv-new-username")).sendKeys(viewer);
    driver.findElement(By.cssSelector("#cv-new-role option[value=CUSTOMER_VIEWER]")).click();
    click(By.cssSelector("#cv-add-user button[type=submit]"));
    wait.until(d -> d.findElement(By.id("cv-live")).getText().contains(viewer + " added"));
    wait.until(d -> d.findElement(By.id("cv-user-list")).getText().contains(viewer));
    assertThat(driver.findElement(By.cssSelector("#cv-new-password code")).getText()).hasSize(20);
    Accounts.Account added = accounts.find(viewer).orElseThrow();
    assertThat(added.role()).isEqualTo(Role.CUSTOMER_VIEWER);
    assertThat(added.customer()).isEqualTo(customer);
    screenshot("portal-admin-user-added");

    // DPA-3: the customer's audit log shows who added the account, and what it was made with.
    click(By.id("cv-audit-show"));
    By entry =
        By.xpath("//table[@id='cv-audit-table']//tr[td/span[normalize-space()='" + viewer + "']]");
    WebElement created = wait.until(d -> d.findElement(entry));
    assertThat(created.getText()).contains("create").contains("account").contains("created");
    created.findElement(By.tagName("summary")).click();
    assertThat(created.getText()).contains("CUSTOMER_VIEWER");

    // A refusal is said too: the restart's dry run, for a contract without self-service restarts,
    // is refused with the server's reason (MNT-12).
    click(By.id("cv-restart-go"));
    wait.until(d -> d.findElement(By.id("cv-live")).getText().startsWith("Not done:"));
    assertThat(driver.findElement(By.id("cv-live")).getText())
        .contains("maintenance.restart.selfService");
    // Refused at the dry run, the button still only checks.
    assertThat(driver.findElement(By.id("cv-restart-go")).getText())
        .isEqualTo("Check the restart…");
    screenshot("portal-admin-restart-refused");
  }

  @Test
  void aViewerSeesNoActionButtons_DPA4() {
    customer("en");
    signIn(user(Role.CUSTOMER_VIEWER), PASSWORD, null);

    uptimeShown();
    wait.until(d -> !d.findElement(By.id("cv-sla")).getText().contains("Loading"));
    wait.until(
        d ->
            !d.findElement(By.cssSelector("#cv-postponements tbody"))
                .getText()
                .contains("Loading"));
    assertThat(driver.findElement(By.id("cv-actions")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("cv-users")).isDisplayed()).isFalse();
    // A viewer's buttons show another period and filter or page the audit log; none changes
    // anything.
    List<String> buttons =
        driver.findElements(By.cssSelector("#customer-view button")).stream()
            .map(b -> b.getAttribute("id") + ":" + b.getText())
            .toList();
    assertThat(buttons)
        .containsExactly(
            ":Show", "cv-audit-show:Show", "cv-audit-newer:Newer", "cv-audit-older:Older");
    assertThat(driver.findElements(By.id("cv-export"))).isEmpty();
    screenshot("portal-viewer");
  }

  @Test
  void aNorwegianCustomersPageIsInNorwegian() {
    customer("nb");
    signIn(user(Role.CUSTOMER_VIEWER), PASSWORD, null);

    uptimeShown();
    assertThat(visible(By.id("cv-uptime-h")).getText()).isEqualTo("Oppetid, siste 90 dager");
    assertThat(driver.findElement(By.id("cv-services-h")).getText()).isEqualTo("Nåværende status");
    assertThat(driver.findElement(By.id("cv-sla-h")).getText()).isEqualTo("SLA-rapport");
    assertThat(driver.findElement(By.id("cv-incidents-h")).getText())
        .isEqualTo("Hendelseshistorikk");
    assertThat(driver.findElement(By.id("cv-contacts-h")).getText()).isEqualTo("Beredskapsliste");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nb");
    wait.until(d -> d.findElement(By.id("cv-pdf")).getAttribute("href").contains("lang=nb"));
    screenshot("portal-norwegian");
  }
}
