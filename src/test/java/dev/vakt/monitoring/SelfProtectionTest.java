package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.common.SecretRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 16, F2 (DPA-3, DPA-4): checks never reach Vakt itself, whatever the allowed networks: not
 * its own database (here the test context's embedded PostgreSQL), not its HTTP port, and no plugin
 * argument naming either. Refused as UNKNOWN before a packet is sent.
 */
class SelfProtectionTest extends IntegrationTest {

  private static final Duration T = Duration.ofSeconds(5);

  @Autowired ProbeRunner runner;

  private int databasePort() {
    return Integer.parseInt(
        jdbc.sql("select current_setting('port')").query(String.class).single());
  }

  @Test
  @DisplayName(
      "F2: the issue's postgresql check at Vakt's own database is refused, nothing changes")
  void f2_aSqlCheckAtVaktsOwnDatabaseIsRefused() {
    int admins = adminCount();
    for (String host : List.of("127.0.0.1", "localhost", "127.0.0.2")) {
      CheckResult result =
          runner.apply(
              new CheckSpec.Sql(
                  CheckSpec.Sql.Engine.POSTGRESQL,
                  host,
                  databasePort(),
                  "postgres",
                  "postgres",
                  SecretRef.parse("env:NO_SUCH_PASSWORD"),
                  "update account set role = 'ADMIN'",
                  T));
      assertThat(result.state()).as(host).isEqualTo(CheckState.UNKNOWN);
      assertThat(result.reason()).contains("Vakt's own database").contains("never reach Vakt");
    }
    assertThat(adminCount()).isEqualTo(admins);
    CheckResult tcp =
        runner.apply(new CheckSpec.Tcp("127.0.0.1", databasePort(), T, null, null, null));
    assertThat(tcp.state()).isEqualTo(CheckState.UNKNOWN);
  }

  @Test
  @DisplayName("F2: Vakt's own HTTP port is refused on every local address, for every probe type")
  void f2_vaktsHttpPortIsRefused() {
    for (CheckSpec spec :
        List.<CheckSpec>of(
            new CheckSpec.Tcp("127.0.0.1", port, T, null, null, null),
            new CheckSpec.Tcp("::1", port, T, null, null, null),
            new CheckSpec.Http(
                URI.create("http://localhost:" + port + "/actuator/health"),
                T,
                null,
                null,
                null,
                null,
                null,
                null,
                false),
            new CheckSpec.Ssh("127.0.0.1", port, T, null, null, null))) {
      CheckResult result = runner.apply(spec);
      assertThat(result.state()).as(spec.target()).isEqualTo(CheckState.UNKNOWN);
      assertThat(result.reason()).contains("Vakt's HTTP port");
    }
  }

  @Test
  @DisplayName("F2: a plugin whose arguments name Vakt's database port is refused")
  void f2_pluginArgumentsNamingVaktsPortsAreRefused() {
    CheckResult result =
        runner.apply(
            new CheckSpec.Plugin(
                "check_pgsql", List.of("-H", "127.0.0.1", "-P", "" + databasePort()), T));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).contains("names port " + databasePort());
    CheckResult url =
        runner.apply(
            new CheckSpec.Plugin("check_http", List.of("--url=http://127.0.0.1:" + port + "/"), T));
    assertThat(url.reason()).contains("Vakt's HTTP port");
  }

  @Test
  @DisplayName("F2: other local ports are checked as before")
  void otherPortsAreChecked() throws IOException {
    try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (var s = other.accept()) {
                  // accepted: the check is OK
                } catch (IOException e) {
                  // closed at the end of the test
                }
              });
      CheckResult result =
          runner.apply(new CheckSpec.Tcp("127.0.0.1", other.getLocalPort(), T, null, null, null));
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    }
  }

  private int adminCount() {
    return jdbc.sql("select count(*) from account where role = 'ADMIN'")
        .query(Integer.class)
        .single();
  }
}
