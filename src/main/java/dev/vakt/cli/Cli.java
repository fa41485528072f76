package dev.vakt.cli;

import dev.vakt.catalog.Catalog;
import dev.vakt.common.Problem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code vakt} command. {@code validate} runs without Spring or a database, so it is fast
 * enough for an editor's save hook or a pre-commit check; the other commands start the application.
 */
public final class Cli {

  static final String USAGE =
      """
      usage: vakt <command> [arguments]

        serve                      start Vakt (web UI and API on http://localhost:8080)
        demo                       start Vakt with the bundled example providers and customers
        validate FILE|DIR...       check documents; exit 1 when any is invalid
        import FILE|DIR...         validate, then store documents (terms are versioned, never rewritten)
        export [--out FILE]        write all stored documents as YAML
        terms CUSTOMER [DATE]      show the terms that applied to a customer on a date (default: its
                                   local today)
        coverage SERVICE|SERVER [--at INSTANT]
                                   which contract and line govern a service or server (default: now)
        user add NAME --role ROLE [--customer ID]
                                   create an account (the first admin, too); prints its password
                                   and, for staff, its TOTP secret, once
        totp SECRET                the current code of a TOTP secret (for trying the demo)
        check TYPE [name=value]... run one check now; output and exit code as a Monitoring Plugin
        sla --contract FILE|DIR --events FILE --from DATE --to DATE [--customer ID] [--service ID]...
            [--format json|text] [--now INSTANT]
                                   the SLA report from documents and an exported ledger, offline

      Database: an embedded PostgreSQL under ./data unless spring.datasource.url (or
      SPRING_DATASOURCE_URL) names another. See README.md.
      """;

  private Cli() {}

  /** The jar's entry point. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.exit(code);
  }

  /** Runs a command and returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0
        || args[0].equals("help")
        || args[0].equals("--help")
        || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return dispatch(args[0], rest, out, err);
    } catch (RuntimeException e) {
      // Spring has already logged a failure analysis where it has one; a person needs one line.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      err.println(
          "vakt "
              + args[0]
              + ": "
              + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()));
      if (System.getenv("VAKT_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("(set VAKT_DEBUG=1 for the full trace)");
      }
      return 1;
    }
  }

  private static int dispatch(String command, String[] rest, PrintStream out, PrintStream err) {
    return switch (command) {
      case "validate" -> validate(rest, out, err);
      case "serve" -> ServerCommands.serve(rest, false);
      case "demo" -> ServerCommands.serve(rest, true);
      case "import" -> ServerCommands.importFiles(rest, out, err);
      case "export" -> ServerCommands.export(rest, out, err);
      case "terms" -> ServerCommands.terms(rest, out, err);
      case "coverage" -> CoverageCommand.run(rest, out, err);
      case "user" -> ServerCommands.user(rest, out, err);
      case "totp" -> totp(rest, out, err);
      case "check" -> CheckCommand.run(rest, out, err);
      case "sla" -> SlaCommand.run(rest, out, err);
      default -> {
        err.println("vakt: unknown command '" + command + "'");
        err.print(USAGE);
        yield 2;
      }
    };
  }

  static int totp(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("usage: vakt totp SECRET");
      return 2;
    }
    try {
      out.println(dev.vakt.access.Accounts.currentCode(args[0], java.time.Clock.systemUTC()));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("vakt totp: " + e.getMessage());
      return 2;
    }
  }

  static int validate(String[] files, PrintStream out, PrintStream err) {
    if (files.length == 0) {
      err.println("vakt validate: name at least one file or directory");
      return 2;
    }
    List<Path> paths = Arrays.stream(files).map(Path::of).toList();
    Catalog catalog = Catalog.read(paths);
    for (Problem p : catalog.problems()) {
      err.println(p);
    }
    if (!catalog.ok()) {
      err.println(catalog.problems().size() + " problem(s) found");
      return 1;
    }
    out.println("ok: " + catalog.documents().size() + " document(s) valid");
    return 0;
  }
}
