package dev.vakt.cli;

import dev.vakt.contract.ContractLine;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Reason;
import dev.vakt.coverage.Subject;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code vakt coverage SERVICE|SERVER [--at INSTANT]}: which customer, contract version and line
 * govern a service or server at an instant (now by default), in words: the same answer as {@code
 * GET /api/coverage/services/{id}} (issue 18). An id that names both a service and a server gets
 * both answers.
 */
final class CoverageCommand {

  static final String USAGE = "usage: vakt coverage SERVICE|SERVER [--at INSTANT]";

  private CoverageCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    String atText = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--at")) {
        if (i + 1 >= args.length) {
          err.println(USAGE);
          return 2;
        }
        atText = args[++i];
      } else if (!args[i].startsWith("--")) {
        positional.add(args[i]);
      }
    }
    if (positional.size() != 1) {
      err.println(USAGE);
      return 2;
    }
    Instant at;
    try {
      at = atText == null ? null : Instant.parse(atText);
    } catch (DateTimeParseException e) {
      err.println(
          "vakt coverage: --at '" + atText + "' is not an instant (e.g. 2026-01-01T00:00:00Z)");
      return 2;
    }
    String id = positional.getFirst();
    List<Subject> subjects;
    try {
      subjects = List.of(Subject.service(id), Subject.server(id));
    } catch (IllegalArgumentException e) {
      err.println("vakt coverage: " + e.getMessage());
      return 2;
    }
    try (ConfigurableApplicationContext ctx = ServerCommands.offline(args)) {
      CoverageService coverage = ctx.getBean(CoverageService.class);
      Instant when = at != null ? at : ctx.getBean(Clock.class).instant();
      List<Coverage> known =
          subjects.stream()
              .map(s -> coverage.at(s, when))
              .filter(c -> c.reason() != Reason.UNKNOWN)
              .toList();
      if (known.isEmpty()) {
        err.println("vakt coverage: no service or server '" + id + "' in the inventory");
        return 1;
      }
      known.forEach(c -> out.print(words(c, when)));
      return 0;
    }
  }

  /** The answer in words, one fact a line. */
  static String words(Coverage c, Instant at) {
    StringBuilder s = new StringBuilder();
    s.append(c.subject() instanceof Subject.Service ? "service " : "server ")
        .append(c.subject().id())
        .append(" of customer ")
        .append(c.customer())
        .append(c.provider() == null ? "" : " (provider " + c.provider() + ")")
        .append('\n');
    s.append("  at ")
        .append(at)
        .append(": ")
        .append(c.localDate())
        .append(" in ")
        .append(c.zone().getId())
        .append('\n');
    s.append("  covered: ")
        .append(c.covered() ? "yes" : "no")
        .append(", ")
        .append(c.reason().text())
        .append(" (")
        .append(c.reason().name())
        .append(")\n");
    if (c.contract() == null) {
      s.append("  contract: none\n");
    } else {
      s.append("  contract ")
          .append(c.contract().id())
          .append(" version ")
          .append(c.contract().version())
          .append(", ")
          .append(line(c))
          .append('\n');
    }
    if (c.terms() != null) {
      s.append("  terms from: ")
          .append(
              c.terms().layers().stream()
                  .map(l -> l.label() + " (from " + l.effectiveFrom() + ")")
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    s.append("  coverage version ").append(c.version()).append('\n');
    return s.toString();
  }

  private static String line(Coverage c) {
    ContractLine l = c.line();
    if (l == null) {
      return "no line: the customer's only contract covers all it has";
    }
    return "line "
        + l.id()
        + ": product "
        + l.productUnder(c.contract())
        + ", quantity "
        + l.quantity()
        + ", price "
        + (l.price() == null ? "the product's" : l.price().toString())
        + (l.clause() == null ? "" : ", clause \"" + l.clause() + "\"");
  }
}
