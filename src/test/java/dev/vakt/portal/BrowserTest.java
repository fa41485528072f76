package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.access.Accounts;
import dev.vakt.access.Role;
import dev.vakt.access.TestTotp;
import dev.vakt.alerting.AlertDeadlines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web pages in a real browser (headless Chromium through chromedriver): signing in with
 * password and TOTP (DPA-3), acknowledging an alert from the board (ALR-4), and a customer's own
 * view that shows nothing of another customer (DPA-4). Each page is saved as a screenshot under
 * {@code target/screenshots/}. Skipped only where Chromium or chromedriver is not installed ({@code
 * apt-get install chromium chromium-driver}; CI installs both).
 */
class BrowserTest extends BrowserTestBase {

  @Test
  void staffSignInWithPasswordAndTotpAndSeeTheStatusBoard_DPA3() {
    String user = unique("tech");
    String secret = technician(user);
    signIn(user, PASSWORD, TestTotp.code(secret, 0));

    wait.until(d -> d.findElement(By.id("me")).getText().contains(user));
    assertThat(driver.getCurrentUrl()).isEqualTo(url("/"));
    assertThat(visible(By.id("alerts-h")).getText()).isEqualTo("Open alerts");
    assertThat(visible(By.id("customers-h")).getText()).isEqualTo("Customers");
    assertThat(driver.findElement(By.id("me")).getText()).contains("technician");
    assertThat(driver.findElement(By.id("customer-view")).isDisplayed()).isFalse();
    wait.until(d -> !d.findElement(By.cssSelector("#alerts tbody")).getText().contains("Loading"));
    screenshot("staff-board");
  }

  @Test
  void aWrongTotpCodeIsRefusedOnThePage_DPA3() {
    String user = unique("tech");
    String secret = technician(user);
    String right = TestTotp.code(secret, 0);
    String wrong = "%06d".formatted((Integer.parseInt(right) + 500_000) % 1_000_000);
    signIn(user, PASSWORD, wrong);

    WebElement error = driver.findElement(By.id("error"));
    wait.until(d -> !error.getText().isBlank());
    assertThat(error.getText()).contains("Wrong username, password or code");
    assertThat(error.getAttribute("role")).isEqualTo("alert");
    assertThat(driver.getCurrentUrl()).isEqualTo(url("/login.html"));
    // The code and password are cleared for the next try; nothing signed in.
    assertThat(driver.findElement(By.id("code")).getDomProperty("value")).isEmpty();
    assertThat(driver.findElement(By.id("password")).getDomProperty("value")).isEmpty();
    screenshot("login-wrong-code");
    driver.get(url("/"));
    wait.until(d -> d.getCurrentUrl().endsWith("/login.html"));
  }

  @Test
  void staffAcknowledgeAnOpenAlertFromThePage_ALR4() {
    catalog.importCatalog(catalog.read(List.of(Path.of("examples/bdn"))), "test");
    String ref = unique("inc");
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    escalations.open(
        ref,
        "bdn-skovly",
        "bdn",
        List.of("bdn-skovly-web1-https"),
        now,
        new AlertDeadlines(null, now.plus(Duration.ofHours(1))),
        ZoneId.of("Europe/Copenhagen"));
    String user = unique("tech");
    signIn(user, PASSWORD, TestTotp.code(technician(user), 0));

    By row = By.xpath("//table[@id='alerts']//tr[td[contains(., '" + ref + "')]]");
    WebElement open = visible(row);
    assertThat(open.getText()).contains("not yet");
    screenshot("alert-open");
    open.findElement(By.xpath(".//button[normalize-space()='Acknowledge']")).click();

    wait.until(d -> d.findElement(row).getText().contains("acknowledged by " + user));
    assertThat(driver.findElement(row).findElements(By.xpath(".//button[.='Acknowledge']")))
        .isEmpty();
    assertThat(escalations.state(ref).orElseThrow().acknowledgedBy()).isEqualTo(user);
    screenshot("alert-acknowledged");
  }

  /** A customer with a service; the customer view speaks the customer's language. */
  private void customerWithService(String customer, String server, String service) {
    customerWithService(customer, "Name of " + customer, "en", server, service);
  }

  @Test
  void aCustomerSeesItsOwnServicesAndNotAnothersCustomers_DPA4() {
    String mine = unique("mine");
    String theirs = unique("theirs");
    String myService = unique("mysvc");
    String theirService = unique("theirsvc");
    customerWithService(mine, unique("mysrv"), myService);
    customerWithService(theirs, unique("theirsrv"), theirService);
    String user = unique("viewer");
    accounts.create(new Accounts.NewAccount(user, PASSWORD, Role.CUSTOMER_VIEWER, mine), "test");

    signIn(user, PASSWORD, null);

    WebElement services = visible(By.id("cv-services"));
    wait.until(d -> services.getText().contains(myService));
    assertThat(visible(By.id("cv-h")).getText()).isEqualTo("Your services – Name of " + mine);
    assertThat(services.getText()).contains("Not yet checked");
    wait.until(d -> !d.findElement(By.id("cv-sla")).getText().contains("Loading"));
    wait.until(
        d -> !d.findElement(By.cssSelector("#cv-maintenance tbody")).getText().contains("Loading"));
    assertThat(driver.findElement(By.id("staff-view")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("staff-links")).isDisplayed()).isFalse();
    String page = driver.getPageSource();
    assertThat(page).contains(myService).doesNotContain(theirs).doesNotContain(theirService);
    screenshot("customer-view");
  }
}
