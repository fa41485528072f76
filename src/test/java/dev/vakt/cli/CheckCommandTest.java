package dev.vakt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code vakt check}: the engine's probes from the command line, with plugin output and exit codes
 * (MON-4), which is what the CI integration stage compares with the Monitoring Plugins.
 */
class CheckCommandTest {

  private ServerSocket server;

  record Run(int code, String out, String err) {}

  static Run vakt(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @AfterEach
  void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private int smtpServer() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  OutputStream out = s.getOutputStream();
                  out.write("220 mx.vakt.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  s.getInputStream().read(new byte[256]); // EHLO
                  out.write("250 mx.vakt.test\r\n".getBytes(StandardCharsets.US_ASCII));
                  s.getInputStream().read(new byte[256]); // QUIT
                  out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the next connection, or the test is over
                }
              }
            });
    return server.getLocalPort();
  }

  @Test
  @DisplayName("MON-4: an OK check prints one plugin line with performance data and exits 0")
  void okLine() throws IOException {
    int port = smtpServer();
    Run run = vakt("check", "smtp", "host=127.0.0.1", "port=" + port, "timeout=3s");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("VAKT MAIL OK - SMTP '220 mx.vakt.test ESMTP'")
        .contains(" | time_ms=");
  }

  @Test
  @DisplayName("MON-4: a mismatching banner exits 1 (WARNING), a refused port 2 (CRITICAL)")
  void exitCodes() throws IOException {
    int port = smtpServer();
    assertThat(
            vakt("check", "smtp", "host=127.0.0.1", "port=" + port, "expectBanner=Exchange").code())
        .isEqualTo(1);
    // Port 1 (tcpmux) has no listener here; a just-closed ephemeral port may be taken again by
    // another test's server before the check runs.
    Run refused = vakt("check", "tcp", "host=127.0.0.1", "port=1", "timeout=2s");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.out()).startsWith("VAKT TCP CRITICAL - ");
  }

  @Test
  @DisplayName("a wrong setting is named, with the reason, and exits 3 (UNKNOWN) like a plugin")
  void badSettings() {
    Run badPort = vakt("check", "tcp", "host=127.0.0.1", "port=abc");
    assertThat(badPort.code()).isEqualTo(3);
    assertThat(badPort.err()).contains("/port").contains("'abc'");
    Run unknownField = vakt("check", "tcp", "host=127.0.0.1", "port=1", "colour=red");
    assertThat(unknownField.err()).contains("unknown field 'colour'");
    Run notAType = vakt("check", "gopher", "host=127.0.0.1");
    assertThat(notAType.err()).contains("'gopher' is not a kind here");
    Run noType = vakt("check");
    assertThat(noType.code()).isEqualTo(3);
    assertThat(noType.err()).contains("usage: vakt check TYPE");
  }

  @Test
  @DisplayName("a secret is never given on the command line; a stored one needs the server")
  void secretsByReference() {
    Run plain = vakt("check", "postgresql", "host=127.0.0.1", "user=u", "password=hunter2");
    assertThat(plain.code()).isEqualTo(3);
    assertThat(plain.err())
        .contains("/password")
        .contains("by reference")
        .doesNotContain("hunter2");
  }

  @Test
  @DisplayName("--json prints the result record")
  void json() {
    Run run = vakt("check", "tcp", "host=127.0.0.1", "port=1", "timeout=1s", "--json");
    assertThat(run.out()).contains("\"state\":\"critical\"").contains("\"reason\":");
  }

  // ---- issue 16 (DPA-3): vakt check reaches no further than the engine ----

  static Run vakt(Map<String, Object> environmentVariables, String... args) {
    StandardEnvironment environment = new StandardEnvironment();
    // In place of the process's own environment variables, named as Spring Boot expects them.
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CheckCommand.run(args, new PrintStream(out, true), new PrintStream(err, true), environment);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @DisplayName("F2: vakt check applies the allowed networks (loopback by default): outside is 3")
  void f2_allowedNetworksApplyOnTheCommandLine() throws IOException {
    assertThat(CheckCommand.monitoringSettings(new StandardEnvironment()).allowedTargets())
        .containsExactly("127.0.0.0/8", "::1/128");
    int port = smtpServer();
    Run outside =
        vakt(
            Map.of("VAKT_MONITORING_ALLOWEDTARGETS", "127.0.0.2/32"),
            "smtp",
            "host=127.0.0.1",
            "port=" + port);
    assertThat(outside.code()).isEqualTo(3);
    assertThat(outside.out())
        .startsWith("VAKT MAIL UNKNOWN - target 127.0.0.1 is outside the allowed networks")
        .contains("127.0.0.2/32");
    assertThat(vakt(Map.of(), "smtp", "host=127.0.0.1", "port=" + port).code()).isZero();
  }

  @Test
  @DisplayName("F1: vakt check runs plugins by name from the plugin directories only, unprivileged")
  void f1_pluginsComeFromThePluginDirectories(@TempDir Path temp) throws IOException {
    Run path = vakt(Map.of(), "plugin", "command=/bin/sh", "arguments=[-c, id]");
    assertThat(path.code()).isEqualTo(3);
    assertThat(path.err()).contains("command").contains("paths are refused");

    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path plugin = temp.resolve("check_who");
    Files.writeString(plugin, "#!/bin/sh\necho \"OK - uid=$(id -u)\"\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Run elsewhere = vakt(Map.of(), "plugin", "command=check_who");
    assertThat(elsewhere.code()).isEqualTo(3);
    assertThat(elsewhere.out()).contains("plugin not found: check_who");
    Run configured =
        vakt(
            Map.of("VAKT_MONITORING_PLUGINDIRECTORIES", temp.toString()),
            "plugin",
            "command=check_who");
    assertThat(configured.code()).as(configured.out()).isZero();
    boolean root = "root".equals(System.getProperty("user.name"));
    assertThat(configured.out()).contains(root ? "uid=65534" : "uid=");
  }
}
