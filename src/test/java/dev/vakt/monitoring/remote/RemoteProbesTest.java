package dev.vakt.monitoring.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.ssh.HostKeyOffers;
import dev.vakt.ssh.SshCommands;
import dev.vakt.ssh.TestSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MON-5 over SSH against a real SSH server (MINA sshd) answering a recorded {@code ceph status}:
 * the four Ceph checks of one host read one run of the command, and each judges its own part.
 */
class RemoteProbesTest {

  private static final SecretRef KEY = SecretRef.parse("secret:ops-key");
  private static final String CEPH = "sudo -n -- ceph --connect-timeout 10 status -f json";

  @TempDir static Path dir;
  static TestSshServer server;
  static RemoteProbes probes;
  static SshCommands.Target target;

  @BeforeAll
  static void start() throws Exception {
    server =
        new TestSshServer(dir, "ops")
            .answer(
                CEPH,
                TestSshServer.Answer.of(
                    Files.readString(
                        Path.of(
                            "src/test/resources/dev/vakt/monitoring/host/ceph/osd-down.json"))));
    Map<SecretRef, String> secrets = Map.of(KEY, server.privateKey());
    probes =
        new RemoteProbes(
            new SshCommands(secrets::get), new HostKeyOffers(Clock.systemUTC()), Clock.systemUTC());
    target =
        new SshCommands.Target(
            "pve1", "127.0.0.1", server.port(), "ops", KEY, true, server.hostKey());
  }

  @AfterAll
  static void stop() throws Exception {
    probes.close();
    server.close();
  }

  private static CheckSpec.Host spec(HostCheck check) {
    return new CheckSpec.Host(target, check, Duration.ofSeconds(10), null, null, null);
  }

  @Test
  void theFourCephChecksShareOneCephStatus_MON5() {
    var osd = probes.host(spec(HostCheck.CEPH_OSD));
    var mon = probes.host(spec(HostCheck.CEPH_MON));
    var mds = probes.host(spec(HostCheck.CEPH_MDS));
    var rgw = probes.host(spec(HostCheck.CEPH_RGW));
    assertThat(server.ran().stream().filter(CEPH::equals)).hasSize(1);
    assertThat(osd.state()).isNotEqualTo(CheckState.OK); // an OSD is down
    assertThat(osd.reason()).containsIgnoringCase("osd");
    assertThat(mon.state()).isNotNull();
    assertThat(mds.state()).isNotNull();
    assertThat(rgw.state()).isNotNull();
    // The same check again reads afresh: a check never judges its own previous output.
    probes.host(spec(HostCheck.CEPH_OSD));
    assertThat(server.ran().stream().filter(CEPH::equals)).hasSize(2);
  }
}
