package dev.vakt.access;

import dev.vakt.platform.VaktProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code vakt demo}, accounts for each role exist from the first start: an admin, a
 * technician, and an admin and a viewer of the example customer {@code bdn-skovly}. Their random
 * passwords and TOTP secrets go to {@code dataDir/demo-credentials.txt} (owner-only), printed at
 * every start; an admin API token goes to {@code dataDir/demo-api-token} for scripts and CI.
 */
@Component
@Order(10)
class DemoAccounts implements ApplicationRunner {

  static final String CREDENTIALS = "demo-credentials.txt";
  static final String TOKEN = "demo-api-token";
  private static final String CUSTOMER = "bdn-skovly";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Accounts accounts;
  private final ApiTokens tokens;
  private final VaktProperties properties;

  DemoAccounts(Accounts accounts, ApiTokens tokens, VaktProperties properties) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.demo()) {
      return;
    }
    Path credentials = properties.dataDir().resolve(CREDENTIALS);
    if (accounts.find("admin").isEmpty()) {
      StringBuilder text = new StringBuilder();
      text.append("Vakt demo accounts (sign in at /login.html; codes from any TOTP app, or\n")
          .append("`oathtool --totp -b SECRET`, or `vakt totp SECRET`):\n\n");
      add(text, "admin", Role.ADMIN, null);
      add(text, "tech", Role.TECHNICIAN, null);
      add(text, "skovly-admin", Role.CUSTOMER_ADMIN, CUSTOMER);
      add(text, "skovly-viewer", Role.CUSTOMER_VIEWER, CUSTOMER);
      ApiTokens.Issued token =
          tokens.issue("admin", "demo", ApiTokens.Scope.WRITE, Duration.ofDays(366), "demo");
      text.append("\nAdmin API token (also in ")
          .append(TOKEN)
          .append("): Authorization: Bearer ")
          .append(token.value())
          .append('\n');
      write(properties.dataDir().resolve(TOKEN), token.value() + "\n");
      write(credentials, text.toString());
    }
    if (Files.exists(credentials)) {
      try {
        // The console, not the log: these are the demo's credentials, for the person running it.
        System.out.println();
        System.out.println(Files.readString(credentials));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void add(StringBuilder text, String username, Role role, String customer) {
    String password;
    do {
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(12));
    } while (PasswordPolicy.mentionsNames(username, password));
    Accounts.Created c =
        accounts.create(new Accounts.NewAccount(username, password, role, customer), "demo");
    text.append(String.format("  %-14s %-16s password %s", username, role, password));
    if (c.totpSecret() != null) {
      text.append("  TOTP secret ").append(c.totpSecret());
    }
    text.append('\n');
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file stays as the umask made it
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
