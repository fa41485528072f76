package dev.vakt.monitoring;

import dev.vakt.common.Binder;
import dev.vakt.common.SecretRef;
import dev.vakt.common.YamlSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One check run now, outside the scheduler: {@code vakt check smtp host=mx.example.org}. The same
 * probes as the engine, so a technician (or the CI comparison with the Monitoring Plugins) sees
 * exactly the verdict the engine would reach.
 */
public final class OneShotCheck {

  /** Short names that pick a check type and fix one of its settings. */
  private static final Map<String, Map<String, String>> ALIASES =
      Map.of(
          "smtp", Map.of("type", "mail", "protocol", "smtp", "port", "25"),
          "pop3", Map.of("type", "mail", "protocol", "pop3", "port", "110"),
          "imap", Map.of("type", "mail", "protocol", "imap", "port", "143"),
          "postgresql", Map.of("type", "sql", "engine", "postgresql", "port", "5432"),
          "mysql", Map.of("type", "sql", "engine", "mysql", "port", "3306"),
          "ssh", Map.of("type", "ssh", "port", "22"),
          "ftp", Map.of("type", "ftp", "port", "21"),
          "ntp", Map.of("type", "ntp", "port", "123"),
          "dns", Map.of("type", "dns", "port", "53"),
          "ping", Map.of("type", "ping", "packets", "3"));

  private static final String DEFAULT_TIMEOUT = "10s";

  private OneShotCheck() {}

  /**
   * The check described by a type and {@code name=value} settings, as on the command line. Values
   * are text; a value in brackets is a YAML list ({@code expectStatus=[200,301]}). Defaults: a
   * 10-second timeout and the type's standard port.
   *
   * @return the spec, or the problem naming the setting that is wrong
   */
  public static Binder.Result<CheckSpec> spec(String type, List<String> settings) {
    ObjectNode tree = Binder.MAPPER.createObjectNode();
    ALIASES.getOrDefault(type, Map.of("type", type)).forEach(tree::put);
    tree.put("timeout", DEFAULT_TIMEOUT);
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        return new Binder.Result.Failed<>(
            new dev.vakt.common.Problem(
                "command line", 0, 0, "/", "'" + setting + "' is not name=value"));
      }
      String name = setting.substring(0, eq);
      String value = setting.substring(eq + 1);
      tree.set(name, value(value));
    }
    YamlSource.Document document = new YamlSource.Document("command line", 0, tree, Map.of());
    return Binder.bind(document, "", tree, CheckSpec.class);
  }

  private static JsonNode value(String text) {
    if (text.startsWith("[")) {
      YamlSource.Parsed parsed = YamlSource.read("command line", text);
      if (parsed.problems().isEmpty() && !parsed.documents().isEmpty()) {
        return parsed.documents().getFirst().tree();
      }
    }
    return Binder.MAPPER.getNodeFactory().textNode(text);
  }

  /**
   * Runs one check with the engine's probes, behind the engine's guard: a target outside {@code
   * vakt.monitoring.allowed-targets} is UNKNOWN and never contacted, and plugins come only from
   * {@code vakt.monitoring.plugin-directories}, exactly as in the engine.
   *
   * @param settings the monitoring settings (allowed networks, plugin directories and user)
   * @param secrets resolves {@code env:} and {@code file:} references; its results are never logged
   * @param vaktPorts ports of a Vakt on this machine (its HTTP and database ports, where known),
   *     refused on every local address as the engine refuses its own
   */
  public static CheckResult run(
      CheckSpec spec,
      MonitoringProperties settings,
      Function<SecretRef, String> secrets,
      List<Integer> vaktPorts,
      Clock clock) {
    try {
      List<SelfEndpoints.Endpoint> vakt =
          vaktPorts.stream()
              .map(p -> new SelfEndpoints.Endpoint("a port of Vakt", List.of(), p))
              .toList();
      SelfEndpoints self = new SelfEndpoints(vakt, List.of());
      TargetPolicy policy = new TargetPolicy(settings.allowedTargets());
      TargetGuard guard = new TargetGuard(policy, self);
      StandardProbes probes =
          new StandardProbes(
              clock,
              secrets,
              settings.pluginDirectories(),
              settings.pluginUser(),
              StandardProbes.redirects(policy, () -> self));
      try {
        return ProbeRunner.run(spec, guard, probes.byType());
      } finally {
        probes.close();
      }
    } catch (Exception e) {
      return CheckResult.unknown("the check could not run: " + e.getMessage(), null);
    }
  }
}
