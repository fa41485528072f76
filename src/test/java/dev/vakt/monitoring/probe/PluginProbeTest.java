package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vakt.common.InvalidField;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Nagios/Monitoring-Plugins compatible executables as checks (MON-4). */
class PluginProbeTest {

  static final Path CHECK_TCP = Path.of("/usr/lib/nagios/plugins/check_tcp");

  @TempDir static Path temp;

  /** The configured plugin directory: readable by the plugin account, writable by root only. */
  static Path plugins;

  final PluginProbe probe =
      new PluginProbe(List.of(plugins), PluginAccount.forThisProcess("nobody"));

  /**
   * The scripts under src/test/resources/plugins, copied and made executable: the build copies
   * resources without their file modes.
   */
  @BeforeAll
  static void installPlugins() throws IOException, URISyntaxException {
    // JUnit's temporary directory is 0700: the plugin account could not reach its plugins.
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    plugins = Files.createDirectory(temp.resolve("plugins"));
    Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path source = Path.of(PluginProbeTest.class.getResource("/plugins").toURI());
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Path copy = plugins.resolve(file.getFileName());
        Files.copy(file, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  static CheckSpec.Plugin spec(String plugin, Duration timeout, String... arguments) {
    return new CheckSpec.Plugin(plugin, List.of(arguments), timeout);
  }

  CheckResult run(String plugin, String... arguments) {
    return probe.check(spec(plugin, Duration.ofSeconds(5), arguments));
  }

  static Stream<Arguments> exitCodes() {
    return Stream.of(
        Arguments.of("ok.sh", CheckState.OK, "OK - all good"),
        Arguments.of("warning.sh", CheckState.WARNING, "WARNING - load average 5.2"),
        Arguments.of("critical.sh", CheckState.CRITICAL, "CRITICAL - service down"),
        Arguments.of("unknown.sh", CheckState.UNKNOWN, "UNKNOWN - cannot tell"),
        Arguments.of("exit42.sh", CheckState.UNKNOWN, "plugin exited with code 42: something odd"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("exitCodes")
  @DisplayName("MON-4: exit codes 0/1/2/3 are OK/WARNING/CRITICAL/UNKNOWN, others UNKNOWN")
  void exitCodes(String plugin, CheckState state, String reason) {
    CheckResult result = run(plugin);
    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).isEqualTo(reason);
  }

  @Test
  @DisplayName("MON-4: performance data become metrics with normalised names")
  void perfData() {
    CheckResult result = run("ok.sh");
    assertThat(result.metrics())
        .containsEntry("time_s", new BigDecimal("0.5"))
        .containsEntry("disk_usage_pct", new BigDecimal("42"))
        .hasSize(2);
    assertThat(run("warning.sh").metrics()).containsEntry("load1", new BigDecimal("5.2"));
  }

  @Test
  @DisplayName("MON-4: multi-line output: first line is the reason, perfdata from both parts")
  void longOutput() {
    CheckResult result = run("long-output.sh");
    assertThat(result.state()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).isEqualTo("DISK OK - free space: / 3326 MB (56%);");
    assertThat(result.metrics())
        .containsEntry("root_mb", new BigDecimal("2643"))
        .containsEntry("boot_mb", new BigDecimal("68"))
        .containsEntry("home_mb", new BigDecimal("69357"))
        .hasSize(3);
  }

  @Test
  @DisplayName("MON-4: the long output is kept apart from the reason")
  void outputParts() {
    PluginProbe.Output output =
        PluginProbe.Output.of("OK - fine | a=1\nline two\nline three | b=2\nc=3\n");
    assertThat(output.text()).isEqualTo("OK - fine");
    assertThat(output.longText()).isEqualTo("line two\nline three");
    assertThat(output.perfData().metrics()).containsOnlyKeys("a", "b", "c");
  }

  @Test
  @DisplayName("MON-4: arguments reach the plugin as given (no shell), in a clean environment")
  void noShell() {
    CheckResult result = run("args.sh", "$HOME", "a b; rm -rf /");
    assertThat(result.state()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).isEqualTo("OK - [$HOME] [a b; rm -rf /] LC_ALL=C SECRET=none");
  }

  @Test
  @DisplayName("MON-4: a plugin past its timeout is killed with its children: CRITICAL timed out")
  void timeoutKillsTree() throws InterruptedException {
    String marker = "29.4" + System.nanoTime() % 1000; // a sleep length no other process uses
    CheckResult result = probe.check(spec("sleep.sh", Duration.ofSeconds(1), marker));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("timed out after 1 s");
    assertThat(result.latency()).isLessThan(Duration.ofMillis(1_500));
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (running(marker) && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertThat(running(marker)).as("the plugin's shell and its sleep are gone").isFalse();
  }

  @Test
  @DisplayName("MON-4: a missing plugin is UNKNOWN with the reason")
  void missing() {
    CheckResult result = run("no-such-plugin");
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason())
        .startsWith("plugin not found: no-such-plugin is in none of the plugin directories");
  }

  @Test
  @DisplayName("MON-4: a file without execute permission, or a directory, is UNKNOWN")
  void notExecutable() throws IOException {
    Path plain = plugins.resolve("plain.sh");
    Files.copy(plugins.resolve("ok.sh"), plain);
    Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(run("plain.sh").reason()).isEqualTo("plugin not executable: " + plain);
    assertThat(run("plain.sh").state()).isEqualTo(CheckState.UNKNOWN);
    Files.createDirectories(plugins.resolve("subdir"));
    assertThat(run("subdir").state()).isEqualTo(CheckState.UNKNOWN);
  }

  @Test
  @DisplayName("MON-4: a plugin that cannot start (missing interpreter) is UNKNOWN")
  void cannotStart() {
    CheckResult result = run("bad-interpreter.sh");
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    // Started directly, the JVM cannot exec it; started through setpriv (Vakt as root), setpriv
    // cannot, and exits 127 saying so.
    assertThat(result.reason())
        .satisfiesAnyOf(
            r -> assertThat(r).startsWith("cannot run plugin: "),
            r ->
                assertThat(r)
                    .startsWith("plugin exited with code 127: setpriv: failed to execute"));
  }

  @Test
  @DisplayName("MON-4: without output, the reason quotes standard error")
  void stderrOnly() {
    CheckResult result = run("stderr-only.sh");
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason())
        .isEqualTo("plugin gave no output (exit code 3): check_foo: cannot open /etc/foo.conf");
  }

  @Test
  @DisplayName("MON-4: Debian's real check_tcp runs unchanged: OK on an open port, CRITICAL closed")
  void realCheckTcp() throws IOException {
    assumeTrue(Files.isExecutable(CHECK_TCP), "monitoring-plugins-basic is not installed");
    PluginProbe probe =
        new PluginProbe(List.of(CHECK_TCP.getParent()), PluginAccount.forThisProcess("nobody"));
    int port;
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
      Thread.ofVirtual().start(() -> acceptAndClose(server));
      CheckResult up =
          probe.check(
              new CheckSpec.Plugin(
                  "check_tcp",
                  List.of("-H", "127.0.0.1", "-p", String.valueOf(port), "-t", "5"),
                  Duration.ofSeconds(6)));
      assertThat(up.state()).isEqualTo(CheckState.OK);
      assertThat(up.reason()).startsWith("TCP OK");
      assertThat(up.metrics()).containsKey("time_s");
    }
    CheckResult down =
        probe.check(
            new CheckSpec.Plugin(
                "check_tcp",
                List.of("-H", "127.0.0.1", "-p", String.valueOf(port), "-t", "5"),
                Duration.ofSeconds(6)));
    assertThat(down.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(down.reason()).contains("Connection refused");
  }

  // ---- issue 16, F1 (DPA-3): only the operator's plugins run, never as root ----

  @Test
  @DisplayName("F1: a command that is a path (/bin/sh) is refused by validation, naming the field")
  void f1_absoluteCommandIsRefusedByValidation() {
    assertThatThrownBy(
            () -> new CheckSpec.Plugin("/bin/sh", List.of("-c", "id"), Duration.ofSeconds(5)))
        .isInstanceOf(InvalidField.class)
        .hasMessageStartingWith("command: must be the file name of a plugin");
    assertThatThrownBy(() -> new CheckSpec.Plugin("../../bin/sh", List.of(), Duration.ofSeconds(5)))
        .isInstanceOf(InvalidField.class);
    assertThatThrownBy(() -> new CheckSpec.Plugin("..", List.of(), Duration.ofSeconds(5)))
        .isInstanceOf(InvalidField.class);
  }

  @Test
  @DisplayName("F1: a plugin name whose real path leads outside the plugin directories is refused")
  void f1_symlinkOutsideThePluginDirectoriesIsRefused() throws IOException {
    Path link = plugins.resolve("check_escape");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of("/bin/sh"));
    CheckResult result = run("check_escape", "-c", "echo ran");
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).contains("outside the plugin directories: refused");
  }

  @Test
  @DisplayName("F1: a plugin in a directory others may write is refused (binary planting)")
  void f1_pluginInAWritableDirectoryIsRefused() throws IOException {
    Path open = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.copy(plugins.resolve("ok.sh"), open.resolve("ok.sh"));
    CheckResult result =
        new PluginProbe(List.of(open), PluginAccount.forThisProcess("nobody"))
            .check(spec("ok.sh", Duration.ofSeconds(5)));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).contains("may be written by others");
  }

  @Test
  @DisplayName("F1: when Vakt runs as root, a plugin runs as the unprivileged plugin account")
  void f1_pluginRunsUnprivilegedWhenVaktIsRoot() throws IOException {
    assumeTrue(PluginAccount.isRoot(), "this test proves the switch away from root");
    Path secret = Files.createDirectory(temp.resolve("data"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(secret.resolve("master.key"), "not for plugins");
    CheckResult result = run("whoami.sh", secret.resolve("master.key").toString());
    assertThat(result.reason())
        .as("uid, gid, groups and whether the master key could be read")
        .isEqualTo("OK - uid=65534 gid=65534 groups=65534 key=unreadable");
  }

  @Test
  @DisplayName("F1: as root without a usable plugin account, no plugin runs (never as root)")
  void f1_noPluginRunsAsRoot() {
    Path passwd = Path.of("/etc/passwd");
    assertThat(PluginAccount.of(true, "no-such-account", passwd).refusal())
        .contains("does not exist or is root: plugins refused");
    assertThat(PluginAccount.of(true, "root", passwd).refusal()).contains("is root");
    PluginAccount none = PluginAccount.of(true, "no-such-account", passwd);
    CheckResult result =
        new PluginProbe(List.of(plugins), none).check(spec("ok.sh", Duration.ofSeconds(5)));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(PluginAccount.of(false, "nobody", passwd).prefix()).isEmpty();
  }

  private static void acceptAndClose(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket ignored = server.accept()) {
        // check_tcp only connects; closing at once is all a server must do.
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Whether any process still runs with {@code marker} among its arguments. */
  static boolean running(String marker) {
    return ProcessHandle.allProcesses()
        .anyMatch(
            p ->
                p.isAlive()
                    && p.info()
                        .arguments()
                        .map(a -> Arrays.asList(a).contains(marker))
                        .orElse(false));
  }
}
