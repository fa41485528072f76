package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.vakt.access.Accounts;
import dev.vakt.access.Role;
import dev.vakt.access.TestTotp;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The pages pass Deque's axe-core checks for WCAG 2.1 A and AA (issue 7: "accessible markup:
 * labels, contrast, keyboard use") in a real browser, once each view has loaded its data: the login
 * page, the staff console, and a customer's own view. A failure lists each rule with the elements
 * that break it.
 */
class AccessibilityTest extends BrowserTestBase {

  private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  private void assertAccessible(String page) {
    Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
    screenshot("a11y-" + page);
    assertThat(results.isErrored()).as("axe-core ran on %s", page).isFalse();
    assertThat(results.getViolations().stream().map(AccessibilityTest::describe).toList())
        .as("WCAG 2.1 AA violations on %s", page)
        .isEmpty();
  }

  private static String describe(Rule rule) {
    return rule.getId()
        + " ("
        + rule.getImpact()
        + "): "
        + rule.getHelp()
        + " at "
        + rule.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget()))
            .collect(Collectors.joining(", "));
  }

  /** The check itself works: a field without a label is reported. */
  @Test
  void theCheckFindsAFieldWithoutALabel() {
    driver.get("data:text/html,<html lang=en><title>t</title><main><input id=x></main></html>");
    Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
    assertThat(results.getViolations()).extracting(Rule::getId).contains("label");
  }

  @Test
  void theLoginPageIsAccessible() {
    driver.get(url("/login.html"));
    wait.until(d -> d.findElements(By.cssSelector("#lang option")).size() == 5);
    assertAccessible("login");
  }

  @Test
  void theStaffConsoleIsAccessible() {
    String user = unique("a11y-tech");
    signIn(user, PASSWORD, TestTotp.code(technician(user), 0));
    wait.until(d -> d.findElement(By.id("me")).getText().contains(user));
    wait.until(d -> !d.findElement(By.id("staff-view")).getText().contains("Loading"));
    assertAccessible("staff");
  }

  @Test
  void aCustomersViewIsAccessible() {
    String p = unique("a11y");
    importOneCustomer(
        p,
        "  sla: { uptime: { target: 99.9, measurement: { period: calendar-months, length: 1 } } }");
    // A server with a service, so the uptime bars, the report and the actions are on the page.
    put(
        "/api/servers/" + p + "-srv",
        """
        {"id":"%s-srv","customer":"%s-cust","kind":"vps","ownership":"provider",
         "address":"127.0.0.1"}
        """
            .formatted(p, p));
    put(
        "/api/services/" + p + "-web",
        """
        {"id":"%s-web","server":"%s-srv","type":"http","installedBy":"provider",
         "url":"http://127.0.0.1:9/"}
        """
            .formatted(p, p));
    String user = unique("a11y-admin");
    accounts.create(
        new Accounts.NewAccount(user, PASSWORD, Role.CUSTOMER_ADMIN, p + "-cust"), "test");
    signIn(user, PASSWORD, null);
    wait.until(d -> d.findElement(By.id("me")).getText().contains(user));
    wait.until(d -> !d.findElement(By.id("customer-view")).getText().contains("Loading"));
    wait.until(d -> d.findElement(By.id("customer-view")).getText().contains(p + "-web"));
    assertAccessible("customer");
  }
}
