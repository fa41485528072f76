package dev.vakt.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver, set up alike for the browser tests and the
 * page benchmark: no network of its own (no updates, sync or QUIC), a fixed window, English.
 */
public final class Chromium {

  public static final Path BINARY = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Whether both are installed ({@code apt-get install chromium chromium-driver}). */
  public static boolean installed() {
    return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
  }

  /** A new headless browser; {@code more} adds options (e.g. download preferences). */
  public static ChromeDriver start(Consumer<ChromeOptions> more) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
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
    // The console's messages, so tests can see Content-Security-Policy violations (issue 16, F17).
    options.setCapability(
        "goog:loggingPrefs", java.util.Map.of("browser", java.util.logging.Level.ALL.getName()));
    more.accept(options);
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
  }

  /** A new headless browser with the common options only. */
  public static ChromeDriver start() {
    return start(o -> {});
  }
}
