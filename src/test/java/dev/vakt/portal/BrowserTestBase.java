package dev.vakt.portal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.Role;
import dev.vakt.alerting.Escalations;
import dev.vakt.catalog.CatalogService;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the browser tests share: headless Chromium through chromedriver against the application on a
 * random port with its embedded PostgreSQL, signing in as a person would, waiting, and screenshots
 * under {@code target/screenshots/}. Subclasses are skipped only where Chromium or chromedriver is
 * not installed ({@code apt-get install chromium chromium-driver}; CI installs both).
 */
abstract class BrowserTestBase extends IntegrationTest {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String PASSWORD = "browser test password";

  @Autowired CatalogService catalog;
  @Autowired Escalations escalations;
  @Autowired Clock clock;

  protected ChromeDriver driver;
  protected final Wait wait = new Wait();

  /** Polls until a condition holds (a non-null, non-false, non-empty answer), for 15 s at most. */
  protected final class Wait {
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
        Chromium.installed(),
        "Browser tests skipped: "
            + Chromium.BINARY
            + " or "
            + Chromium.DRIVER
            + " is not installed"
            + " (apt-get install chromium chromium-driver)");
  }

  @BeforeEach
  void browser() {
    driver = Chromium.start();
  }

  /**
   * Every browser test also proves the pages work under their Content-Security-Policy (issue 16,
   * F17): the browser's console reports no violation, in any page the test visited last.
   */
  @AfterEach
  void close() {
    if (driver == null) {
      return;
    }
    try {
      assertNoCspViolation();
    } finally {
      driver.quit();
    }
  }

  /** Fails when the browser's console reports a Content-Security-Policy violation. */
  protected void assertNoCspViolation() {
    List<String> violations =
        driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
            .map(org.openqa.selenium.logging.LogEntry::getMessage)
            .filter(
                m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
            .toList();
    org.assertj.core.api.Assertions.assertThat(violations).as("CSP violations").isEmpty();
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** A technician with two factors; returns the TOTP secret. */
  protected String technician(String user) {
    return accounts
        .create(new Accounts.NewAccount(user, PASSWORD, Role.TECHNICIAN, null), "test")
        .totpSecret();
  }

  /** Fills in and sends the login form, as a person would. */
  protected void signIn(String user, String password, String code) {
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

  protected void screenshot(String name) {
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

  protected WebElement visible(By by) {
    return wait.until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst())
        .orElseThrow();
  }

  /** Clicks in the middle of the window: a sticky region may cover the top edge. */
  protected void click(By by) {
    WebElement e = driver.findElement(by);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }
}
