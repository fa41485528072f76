package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 16, F17: the pages run under their Content-Security-Policy in a real browser. The inline
 * script of the console's page (its early data requests) runs, allowed by its hash, and the browser
 * reports no violation; the base class checks the console after every browser test too.
 */
class CspBrowserTest extends BrowserTestBase {

  @Test
  void theConsoleRunsUnderItsPolicyWithoutAViolation_F17() {
    String user = unique("csp");
    String secret = technician(user);
    assertNoCspViolation(); // nothing loaded yet
    signIn(user, PASSWORD, dev.vakt.access.TestTotp.code(secret, 0));
    wait.until(d -> d.findElement(By.id("me")).getText().contains(user));
    // The inline script ran: it made the page's early requests.
    assertThat(driver.executeScript("return typeof window.vaktEarly")).isEqualTo("object");
    assertThat(driver.executeScript("return typeof window.vaktSession")).isEqualTo("object");
    // An inline script injected into the page is refused, as the policy says.
    driver.executeScript(
        "const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
            + " document.head.append(s);");
    assertThat(driver.executeScript("return window.injected === undefined")).isEqualTo(true);
    java.util.List<String> refused =
        driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
            .map(org.openqa.selenium.logging.LogEntry::getMessage)
            .toList();
    assertThat(refused).anyMatch(m -> m.contains("Content Security Policy"));
  }
}
