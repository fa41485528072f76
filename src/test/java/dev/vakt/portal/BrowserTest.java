package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.Role;
import dev.vakt.access.TestTotp;
import dev.vakt.alerting.AlertDeadlines;
import dev.vakt.alerting.Escalations;
import dev.vakt.catalog.CatalogService;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The web pages in a real browser (headless Chromium through chromedriver): signing in with
 * password and TOTP (DPA-3), acknowledging an alert from the board (ALR-4), and a customer's own
 * view that shows nothing of another customer (DPA-4). Each page is saved as a screenshot under
 * {@code target/screenshots/}. Skipped only where Chromium or chromedriver is not installed ({@code
 * apt-get install chromium chromium-driver}; CI installs both).
 */
class BrowserTest extends IntegrationTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String PASSWORD = "browser test password";

  @Autowired CatalogService catalog;
  @Autowired Escalations escalations;
  @Autowired Clock clock;

  private ChromeDriver driver;
  private final Wait wait = new Wait();

  /** Polls until a condition holds (a non-null, non-false, non-empty answer), for 15 s at most. */
  private final class Wait {
    <T> T until(Function<ChromeDriver, T> condition) {
      Instant deadline = Instant.now().plusSeconds(15);
      RuntimeException last = null;
      while (Instant.now().isBefore(deadline)) {
        try {
          T v = condition.apply(driver);
          if (v != null
              && !Boolean.FALSE.equals(v)
              && !(v instanceof Optional<?> o && o.isEmpty())) {
            return v;
          }
        } catch (WebDriverException e) {
          last = e; // not there yet, or replaced while we looked
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      screenshot("timeout");
      throw new AssertionError("timed out waiting on " + driver.getCurrentUrl(), last);
    }
  }

  @BeforeAll
  static void browserInstalled() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests skipped: "
            + CHROMIUM
            + " or "
            + CHROMEDRIVER
            + " is not installed"
            + " (apt-get install chromium chromium-driver)");
  }

  @BeforeEach
  void browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=en");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.quit();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** A technician with two factors; returns the TOTP secret. */
  private String technician(String user) {
    return accounts
        .create(new Accounts.NewAccount(user, PASSWORD, Role.TECHNICIAN, null), "test")
        .totpSecret();
  }

  /** Fills in and sends the login form, as a person would. */
  private void signIn(String user, String password, String code) {
    driver.get(url("/login.html"));
    // login.js first asks who is signed in, which sets the CSRF cookie the form needs.
    wait.until(d -> d.manage().getCookieNamed("XSRF-TOKEN") != null);
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    if (code != null) {
      driver.findElement(By.id("code")).sendKeys(code);
    }
    screenshot("login-filled-" + user);
    driver.findElement(By.cssSelector("#login button[type=submit]")).click();
  }

  private void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path to = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("Screenshot: " + to.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException("could not save screenshot " + name, e);
    }
  }

  private WebElement visible(By by) {
    return wait.until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst())
        .orElseThrow();
  }

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

  private void customerWithService(String customer, String server, String service) {
    put(
        "/api/customers/" + customer + "?provider=stw",
        """
        {"id":"%s","name":"Name of %s","country":"NO","language":"nb","email":"post@t.example"}
        """
            .formatted(customer, customer));
    put(
        "/api/servers/" + server,
        """
        {"id":"%s","customer":"%s","kind":"vps","ownership":"provider","address":"127.0.0.1"}
        """
            .formatted(server, customer));
    put(
        "/api/services/" + service,
        """
        {"id":"%s","server":"%s","type":"ftp","software":"vsftpd","port":2121,"installedBy":"provider",
         "monitored":false}
        """
            .formatted(service, server));
  }

  private void put(String path, String body) {
    assertThat(
            http.put()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .is2xxSuccessful())
        .as(path)
        .isTrue();
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
