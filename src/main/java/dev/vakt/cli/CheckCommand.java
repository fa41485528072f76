package dev.vakt.cli;

import dev.vakt.common.Binder;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.MonitoringProperties;
import dev.vakt.monitoring.OneShotCheck;
import dev.vakt.secrets.Secrets;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

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
    return run(args, out, err, new StandardEnvironment());
  }

  /**
   * @param environment where the monitoring settings come from: as for the server, {@code
   *     vakt.monitoring.*} system properties or {@code VAKT_MONITORING_*} environment variables
   */
  static int run(
      String[] args, PrintStream out, PrintStream err, ConfigurableEnvironment environment) {
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
    MonitoringProperties monitoring;
    try {
      monitoring = monitoringSettings(environment);
    } catch (RuntimeException e) {
      err.println("vakt check: the monitoring settings are invalid: " + rootMessage(e));
      return 3;
    }
    CheckResult result =
        OneShotCheck.run(
            spec, monitoring, Secrets::external, vaktPorts(environment), Clock.systemUTC());
    if (json) {
      out.println(Binder.MAPPER.writeValueAsString(result));
    } else {
      out.println(line(spec, result));
    }
    return result.state().exitCode();
  }

  /**
   * The engine's monitoring settings, with the engine's defaults (loopback only, Debian's plugin
   * directory): {@code vakt check} reaches no further than the engine would (F1, F2).
   */
  static MonitoringProperties monitoringSettings(ConfigurableEnvironment environment) {
    return org.springframework.boot.context.properties.bind.Binder.get(environment)
        .bindOrCreate("vakt.monitoring", MonitoringProperties.class);
  }

  /** Vakt's HTTP port where set for this machine ({@code VAKT_PORT}): never a check's target. */
  private static List<Integer> vaktPorts(ConfigurableEnvironment environment) {
    String port = environment.getProperty("VAKT_PORT", environment.getProperty("server.port"));
    try {
      return port == null ? List.of() : List.of(Integer.parseInt(port.strip()));
    } catch (NumberFormatException e) {
      return List.of();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
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
