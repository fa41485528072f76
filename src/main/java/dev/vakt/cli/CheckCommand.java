package dev.vakt.cli;

import dev.vakt.common.Binder;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.OneShotCheck;
import dev.vakt.secrets.Secrets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code vakt check TYPE name=value...}: one check now, printed as a Monitoring Plugin would print
 * it and with the same exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). So Vakt's verdict can be
 * compared with a {@code check_*} plugin's on the same target, or used from any Nagios-compatible
 * system.
 */
final class CheckCommand {

  static final String USAGE =
      """
      usage: vakt check TYPE [name=value]... [--json]
        TYPE: tcp http ping ssh smtp pop3 imap ftp ntp dns postgresql mysql plugin
        e.g.  vakt check smtp host=127.0.0.1 tls=starttls
              vakt check http url=https://example.org/ bodyContains=Welcome certWarnDays=21
              vakt check postgresql host=127.0.0.1 user=vakt password=env:PGPASSWORD
        Settings are those of docs/monitoring.md; timeout defaults to 10s, the port to the type's.
      """;

  private CheckCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> settings = new ArrayList<>();
    boolean json = false;
    for (String a : args) {
      if (a.equals("--json")) {
        json = true;
      } else {
        settings.add(a);
      }
    }
    if (settings.isEmpty() || settings.getFirst().contains("=")) {
      err.print(USAGE);
      return 3;
    }
    quiet();
    String type = settings.removeFirst();
    CheckSpec spec =
        switch (OneShotCheck.spec(type, settings)) {
          case Binder.Result.Ok<CheckSpec> ok -> ok.value();
          case Binder.Result.Failed<CheckSpec> failed -> {
            err.println(
                "vakt check: " + failed.problem().field() + ": " + failed.problem().reason());
            yield null;
          }
        };
    if (spec == null) {
      return 3; // UNKNOWN, as a plugin reports a usage error
    }
    CheckResult result =
        OneShotCheck.run(
            spec,
            Secrets::external,
            Path.of(System.getProperty("java.io.tmpdir")),
            Clock.systemUTC());
    if (json) {
      out.println(Binder.MAPPER.writeValueAsString(result));
    } else {
      out.println(line(spec, result));
    }
    return result.state().exitCode();
  }

  /** {@code VAKT SMTP OK - reason | time_ms=12}, the plugin output format. */
  static String line(CheckSpec spec, CheckResult result) {
    String perf =
        result.metrics().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().toPlainString())
            .collect(Collectors.joining(" "));
    return "VAKT "
        + spec.getClass().getSimpleName().toUpperCase()
        + " "
        + result.state().name()
        + " - "
        + result.reason()
        + (perf.isEmpty() ? "" : " | " + perf);
  }

  /** Library start-up chatter would break the one-line plugin output. */
  private static void quiet() {
    if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
