package dev.vakt.monitoring.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.proxmox.FakePve;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's path to a Proxmox VE node without SSH access (MON-2, MON-3): the inventory's
 * cluster API, its pinned certificate and token reference, and the node found by the server's
 * address. Proxmox VE cannot run here: {@link FakePve} answers as the documented API does.
 */
class ProxmoxProbeTest {

  private static final SecretRef TOKEN = SecretRef.parse("secret:pve-token");

  @TempDir static Path dir;
  static FakePve pve;
  static ProxmoxProbe probe;

  @BeforeAll
  static void start() throws Exception {
    pve = FakePve.start(dir, "dns:pve1.example.invalid");
    pve.on("/cluster/status", "cluster-status.json")
        .on("/nodes/pve2/status", "node-status-busy.json")
        .on("/nodes/pve1/status", "node-status.json");
    probe =
        new ProxmoxProbe(
            Map.of(TOKEN, FakePve.TOKEN)::get,
            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    pve.close();
  }

  private static CheckSpec.Proxmox spec(String server, String address, HostCheck check)
      throws Exception {
    return new CheckSpec.Proxmox(
        pve.api().toString(),
        TOKEN,
        pve.fingerprint(),
        server,
        address,
        check,
        Duration.ofSeconds(5),
        null,
        null,
        ZoneId.of("Europe/Oslo"));
  }

  @Test
  void theNodeIsFoundByItsAddressAndJudgedLikeOverSsh_MON3() throws Exception {
    var busy = probe.check(spec("stw-nordlys-pve2", "10.10.10.12", HostCheck.MEMORY));
    var calm = probe.check(spec("stw-nordlys-pve1", "10.10.10.11", HostCheck.MEMORY));
    assertThat(calm.state()).isEqualTo(CheckState.OK);
    assertThat(busy.state()).isNotEqualTo(CheckState.OK);
    assertThat(pve.requests())
        .anySatisfy(r -> assertThat(r.target()).endsWith("/nodes/pve2/status"))
        .allSatisfy(r -> assertThat(r.headers().get("authorization")).startsWith("PVEAPIToken="));
  }

  @Test
  void aServerThatIsNoNodeOfTheClusterIsUnknown() throws Exception {
    var r = probe.check(spec("stw-other", "10.99.0.1", HostCheck.MEMORY));
    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains("no node of the cluster has the address 10.99.0.1");
  }

  @Test
  void theQuorumOfTheClusterIsReadThroughTheApi_MON2() throws Exception {
    var r = probe.check(spec("stw-nordlys-pve1", "10.10.10.11", HostCheck.COROSYNC_QUORUM));
    assertThat(r.state()).isEqualTo(CheckState.OK);
  }
}
