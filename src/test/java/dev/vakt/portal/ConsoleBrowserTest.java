package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.access.TestTotp;
import dev.vakt.catalog.Catalog;
import dev.vakt.monitoring.BoardWorld;
import dev.vakt.monitoring.MonitoringService;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The staff console in a real browser (issue 7): the status board filtered by state and customer
 * with the filter kept in the address (a link to share, kept on reload); an outage reclassified
 * with the form, refused with the server's reason first, then shown in the report and the history
 * (SLA-2); the console in German. Two customers of 10 services each, really checked on loopback
 * ({@link BoardWorld}: customer c0's s3 and c1's s10 and s17 are down). Screenshots under {@code
 * target/screenshots/console-*}.
 */
class ConsoleBrowserTest extends BrowserTestBase {

  private static final BoardWorld WORLD = new BoardWorld(2);
  private static String p;

  @Autowired MonitoringService monitoring;

  @BeforeEach
  void world() {
    if (p != null) {
      return;
    }
    String prefix = unique("con");
    Catalog c = catalog.read("console.yaml", WORLD.yaml(prefix, new int[] {10, 10}, "1s"));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    monitoring.sync();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.get()
                        .uri("/api/monitoring/summary?q=" + prefix)
                        .retrieve()
                        .body(JsonNode.class)
                        .path("counts")
                        .path("pending")
                        .asLong()
                    == 0);
    p = prefix;
  }

  @AfterAll
  static void closeWorld() {
    WORLD.close();
  }

  private String signInStaff() {
    String user = unique("tech");
    signIn(user, PASSWORD, TestTotp.code(technician(user), 0));
    wait.until(d -> d.findElement(By.id("me")).getText().contains(user));
    return user;
  }

  private List<WebElement> boardRows() {
    wait.until(d -> "false".equals(d.findElement(By.id("board")).getAttribute("aria-busy")));
    return driver.findElements(By.cssSelector("#board tbody tr"));
  }

  @Test
  void filterTheBoardByStateAndCustomerAndKeepTheFilterInTheAddress() {
    signInStaff();
    assertThat(visible(By.id("board-h")).getText()).isEqualTo("Status board");

    visible(By.cssSelector("#board-state option[value='critical']")).click();
    wait.until(d -> d.getCurrentUrl().contains("state=critical"));
    WebElement customer = driver.findElement(By.id("board-customer"));
    customer.sendKeys(p + "-c1", Keys.ENTER);
    wait.until(d -> d.getCurrentUrl().contains("customer=" + p + "-c1"));
    wait.until(d -> boardRows().size() == 2 && d.findElement(By.id("board")).getText().contains(p));

    assertThat(boardRows())
        .allSatisfy(r -> assertThat(r.getText()).contains("Down").contains("Kunde 1 AS"));
    assertThat(driver.findElement(By.id("board-summary")).getText())
        .contains("10 services")
        .contains("2 down")
        .contains("2 not monitored")
        .contains("6 up");
    screenshot("console-board-filtered");

    // The address is the filter: a reload (or the link sent to a colleague) shows the same.
    driver.navigate().refresh();
    wait.until(d -> boardRows().size() == 2 && d.findElement(By.id("board")).getText().contains(p));
    assertThat(driver.findElement(By.id("board-state")).getDomProperty("value"))
        .isEqualTo("critical");
    assertThat(driver.findElement(By.id("board-customer")).getDomProperty("value"))
        .isEqualTo(p + "-c1");

    // Each filter is a step in the history: Back returns to the filter before.
    driver.navigate().back();
    wait.until(d -> !d.getCurrentUrl().contains("customer="));
    wait.until(d -> d.findElement(By.id("board-customer")).getDomProperty("value").isEmpty());
    assertThat(driver.getCurrentUrl()).contains("state=critical");

    // Problems first over all customers of the world: the three down, then the unmonitored.
    driver.get(url("/?q=" + p));
    wait.until(d -> boardRows().size() == 20);
    List<WebElement> rows = boardRows();
    assertThat(rows.subList(0, 3)).allSatisfy(r -> assertThat(r.getText()).contains("Down"));
    assertThat(rows.subList(3, 6))
        .allSatisfy(r -> assertThat(r.getText()).contains("Not monitored"));
    assertThat(rows.subList(6, 20)).allSatisfy(r -> assertThat(r.getText()).contains("Up"));
    screenshot("console-board-problems-first");
  }

  @Test
  void reclassifyAnOutageWithTheForm_SLA2() {
    String user = signInStaff();
    driver.get(url("/#customer=" + p + "-c0"));
    By outage = By.xpath("//table[@id='outages']//tr[td[normalize-space()='" + p + "-s3']]");
    WebElement row = visible(outage);
    assertThat(row.getText()).contains("counted");
    row.findElement(By.xpath(".//button[normalize-space()='Reclassify']")).click();

    WebElement dialog = visible(By.id("reclassify"));
    assertThat(driver.findElement(By.id("rc-service")).getDomProperty("value"))
        .isEqualTo(p + "-s3");
    assertThat(driver.findElement(By.id("rc-from")).getDomProperty("value")).isNotBlank();
    driver.findElement(By.cssSelector("#rc-category option[value='manufacturer']")).click();
    driver
        .findElement(By.id("rc-reason"))
        .sendKeys("Disk controller firmware fault, vendor case 4711");
    // First an end before the start: the server refuses, the form says why and stays open.
    WebElement to = driver.findElement(By.id("rc-to"));
    to.clear();
    to.sendKeys("2020-01-01T00:00:00Z");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement error = driver.findElement(By.id("rc-error"));
    wait.until(d -> error.getText().startsWith("Refused:"));
    assertThat(error.getText()).contains("to");
    assertThat(dialog.isDisplayed()).isTrue();
    screenshot("console-reclassify-refused");

    to.clear();
    to.sendKeys(java.time.Instant.now().plusSeconds(3600).toString());
    screenshot("console-reclassify-form");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();

    wait.until(d -> !d.findElement(By.id("reclassify")).isDisplayed());
    wait.until(d -> d.findElement(outage).getText().contains("manufacturer's fault"));
    WebElement history = driver.findElement(By.id("sla-history"));
    wait.until(d -> history.getText().contains("reclassified as manufacturer's fault"));
    assertThat(history.getText()).contains(user).contains("vendor case 4711");
    driver.findElement(By.id("sla-h")).click();
    screenshot("console-reclassified");

    // DPA-3: the audit log, filtered by who acted, shows the change with what it stored.
    driver.findElement(By.id("audit-actor")).sendKeys(user);
    click(By.id("audit-show"));
    // The filtered answer replaces the first, unfiltered one: wait for rows that are all the
    // user's.
    By rows = By.cssSelector("#audit-table tbody tr");
    wait.until(
        d ->
            !d.findElements(rows).isEmpty()
                && d.findElements(rows).stream().allMatch(r -> r.getText().contains(user)));
    By entry = By.xpath("//table[@id='audit-table']//tr[td[normalize-space()='" + user + "']]");
    WebElement e = driver.findElement(entry);
    assertThat(e.getText()).contains("sla-record").contains(p + "-c0").contains("created");
    e.findElement(By.tagName("summary")).click();
    assertThat(e.getText()).contains("manufacturer").contains("vendor case 4711");
    screenshot("console-audit-log");
  }

  @Test
  void theConsoleInGerman() {
    signInStaff();
    visible(By.cssSelector("#lang option[value='de']")).click();
    wait.until(d -> "de".equals(d.findElement(By.tagName("html")).getAttribute("lang")));

    assertThat(visible(By.id("board-h")).getText()).isEqualTo("Statusübersicht");
    assertThat(visible(By.id("alerts-h")).getText()).isEqualTo("Offene Alarme");
    assertThat(visible(By.id("customers-h")).getText()).isEqualTo("Kunden");
    assertThat(driver.findElement(By.cssSelector("#board thead")).getText())
        .contains("Dienst")
        .contains("Zustand")
        .contains("Letzte Prüfung");
    wait.until(d -> d.findElement(By.id("board-summary")).getText().contains("Dienste"));
    screenshot("console-german");
  }
}
