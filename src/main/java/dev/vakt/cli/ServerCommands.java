package dev.vakt.cli;

import dev.vakt.VaktApplication;
import dev.vakt.access.Accounts;
import dev.vakt.access.Role;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.common.Binder;
import dev.vakt.common.ImportRejected;
import dev.vakt.common.Problem;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.CustomerCoverage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Commands that need the application context and its database. */
final class ServerCommands {

  private static final String[] QUIET = {
    "--logging.level.root=WARN", "--logging.level.dev.vakt=WARN"
  };

  private ServerCommands() {}

  static int serve(String[] args, boolean demo) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (demo) {
      all.add("--vakt.demo=true");
    }
    new SpringApplicationBuilder(VaktApplication.class).run(all.toArray(String[]::new));
    try {
      Thread.currentThread().join(); // serve until stopped; the shutdown hook closes the context
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static int importFiles(String[] args, PrintStream out, PrintStream err) {
    List<Path> paths = Arrays.stream(args).filter(a -> !a.startsWith("--")).map(Path::of).toList();
    if (paths.isEmpty()) {
      err.println("vakt import: name at least one file or directory");
      return 2;
    }
    try (ConfigurableApplicationContext ctx = offline(args)) {
      CatalogService catalog = ctx.getBean(CatalogService.class);
      Catalog c = catalog.read(paths);
      if (!c.ok()) {
        return report(c.problems(), err);
      }
      try {
        CatalogService.ImportReport r =
            catalog.importCatalog(c, "cli:" + System.getProperty("user.name"));
        r.stored().forEach(s -> out.println("stored    " + s));
        r.unchanged().forEach(s -> out.println("unchanged " + s));
        out.println("inventory: " + r.inventoryChanges() + " change(s)");
        return 0;
      } catch (ImportRejected e) {
        return report(e.problems(), err);
      }
    }
  }

  static int export(String[] args, PrintStream out, PrintStream err) {
    Path target = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        target = Path.of(args[++i]);
      }
    }
    try (ConfigurableApplicationContext ctx = offline(args)) {
      String yaml = ctx.getBean(CatalogService.class).exportYaml();
      if (target == null) {
        out.print(yaml);
      } else {
        Files.writeString(target, yaml);
        out.println("exported to " + target);
      }
      return 0;
    } catch (IOException e) {
      err.println("vakt export: cannot write " + target + ": " + e.getMessage());
      return 1;
    }
  }

  /**
   * {@code vakt terms CUSTOMER [DATE]}: the terms of every contract of the customer running on
   * {@code DATE}, or today: the customer's local day (its provider's zone) by the application's
   * clock, as coverage answers it, not the machine's day (issue 18).
   */
  static int terms(String[] args, PrintStream out, PrintStream err) {
    List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    if (positional.isEmpty() || positional.size() > 2) {
      err.println("usage: vakt terms CUSTOMER [YYYY-MM-DD]");
      return 2;
    }
    LocalDate day;
    try {
      day = positional.size() == 2 ? LocalDate.parse(positional.get(1)) : null;
    } catch (DateTimeParseException e) {
      err.println("vakt terms: '" + positional.get(1) + "' is not a date (YYYY-MM-DD)");
      return 2;
    }
    String customer = positional.getFirst();
    try (ConfigurableApplicationContext ctx = offline(args)) {
      CoverageService coverage = ctx.getBean(CoverageService.class);
      CustomerCoverage today = coverage.ofCustomer(customer, ctx.getBean(Clock.class).instant());
      // Noon of the day asked about, in the customer's zone: that day wherever a contract's own
      // zone puts it (terms change per day, so any instant of the day gives that day's terms).
      CustomerCoverage asked =
          day == null
              ? today
              : coverage.ofCustomer(customer, day.atTime(12, 0).atZone(today.zone()).toInstant());
      List<ResolvedTerms> terms = asked.contracts();
      if (terms.isEmpty()) {
        err.println("no contract of customer " + customer + " runs on " + asked.localDate());
        return 1;
      }
      YAMLMapper yaml = YAMLMapper.builder().addModule(Binder.timeSpanModule()).build();
      out.print(yaml.writeValueAsString(Binder.MAPPER.valueToTree(terms)));
      return 0;
    }
  }

  /**
   * {@code vakt user add NAME --role ROLE [--customer ID]}: the first admin, and any account made
   * outside the API. The password is generated and shown once, with the TOTP secret for staff.
   */
  static int user(String[] args, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    String role = null;
    String customer = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--role" -> role = i + 1 < args.length ? args[++i] : null;
        case "--customer" -> customer = i + 1 < args.length ? args[++i] : null;
        default -> {
          if (!args[i].startsWith("--")) {
            positional.add(args[i]);
          }
        }
      }
    }
    if (positional.size() != 2 || !positional.getFirst().equals("add") || role == null) {
      err.println(
          "usage: vakt user add NAME --role ADMIN|TECHNICIAN|CUSTOMER_ADMIN|CUSTOMER_VIEWER"
              + " [--customer ID]");
      return 2;
    }
    Role r;
    try {
      r = Role.valueOf(role.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      err.println("vakt user: unknown role " + role);
      return 2;
    }
    byte[] random = new byte[15];
    new java.security.SecureRandom().nextBytes(random);
    String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try (ConfigurableApplicationContext ctx = offline(args)) {
      Accounts.Created c =
          ctx.getBean(Accounts.class)
              .create(
                  new Accounts.NewAccount(positional.get(1), password, r, customer),
                  "cli:" + System.getProperty("user.name"));
      out.println("account   " + c.account().username() + " (" + r + ")");
      out.println("password  " + password + "   (shown once)");
      if (c.totpUri() != null) {
        out.println("TOTP      " + c.totpSecret() + "   (add to an authenticator app; shown once)");
        out.println("          " + c.totpUri());
      }
      return 0;
    } catch (dev.vakt.common.ApiErrors.InvalidInput e) {
      err.println("vakt user: " + e.problems().getFirst().field() + " " + e.getMessage());
      return 1;
    } catch (dev.vakt.common.ApiErrors.Conflict e) {
      err.println("vakt user: " + e.getMessage());
      return 1;
    }
  }

  private static int report(List<Problem> problems, PrintStream err) {
    problems.forEach(err::println);
    err.println(problems.size() + " problem(s); nothing was imported");
    return 1;
  }

  /** The application without its web server, for one command against the database. */
  static ConfigurableApplicationContext offline(String[] args) {
    List<String> all = new ArrayList<>(Arrays.asList(QUIET));
    Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("=")).forEach(all::add);
    return new SpringApplicationBuilder(VaktApplication.class)
        .web(WebApplicationType.NONE)
        .run(all.toArray(String[]::new));
  }
}
