package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Ceph checks (MON-5): one {@code ceph status -f json} serves the OSD, MON, MDS and RGW checks;
 * each reader is built for one of them and judges its part.
 *
 * <p>Ceph's own health checks ({@code health.checks}) decide most: HEALTH_WARN is WARNING,
 * HEALTH_ERR is CRITICAL, a muted one is named but not counted (as Ceph does). Each code belongs to
 * exactly one check so one problem raises one alarm: {@code OSD_*}, {@code PG_*}, {@code POOL_*},
 * {@code OBJECT_*}, {@code SLOW_OPS}, {@code BLUESTORE_*}/{@code BLUEFS_*} and device health to the
 * OSD check; {@code MDS_*} and {@code FS_*} to MDS; {@code RGW_*} to RGW; everything else (monitor,
 * manager, clock skew, auth, crashes) to MON, the cluster's brain.
 *
 * <p>On top, from the maps: OSD: OSDs down or out WARNING (Ceph's own OSD_DOWN level), PGs not
 * active CRITICAL (their data can be neither read nor written, which Ceph only warns about); MON:
 * monitors out of quorum WARNING, a cluster that cannot be reached within 10 s CRITICAL (it has no
 * monitor quorum; the other checks are UNKNOWN then); MDS: ranks not active WARNING, no CephFS is
 * OK "no CephFS"; RGW: no gateway daemon registered CRITICAL.
 */
public final class CephReader implements HostReader {

  static final String STATUS = "ceph --connect-timeout 10 status -f json";

  private static final Set<HostCheck> CEPH =
      Set.of(HostCheck.CEPH_OSD, HostCheck.CEPH_MON, HostCheck.CEPH_MDS, HostCheck.CEPH_RGW);

  private final HostCheck check;

  /**
   * @param check one of {@code CEPH_OSD}, {@code CEPH_MON}, {@code CEPH_MDS}, {@code CEPH_RGW}
   * @throws IllegalArgumentException for any other check
   */
  public CephReader(HostCheck check) {
    Objects.requireNonNull(check, "check");
    if (!CEPH.contains(check)) {
      throw new IllegalArgumentException("not a Ceph check: " + check);
    }
    this.check = check;
  }

  @Override
  public HostCheck check() {
    return check;
  }

  @Override
  public List<String> commands() {
    return List.of(STATUS);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return SystemFindings.safely(() -> judge(outputs, context));
  }

  private CheckResult judge(List<CommandOutput> outputs, HostContext context) {
    Optional<CheckResult> missing = SystemFindings.missingOutputs(this, outputs);
    if (missing.isPresent()) {
      return missing.get();
    }
    CommandOutput out = outputs.get(0);
    Optional<String> notRun = SystemFindings.notRun("ceph", out);
    if (notRun.isPresent()) {
      return SystemFindings.unknown(notRun.get());
    }
    Optional<CephStatus> status;
    try {
      status = out.exitStatus() == 0 ? CephStatus.parse(out.stdout()) : Optional.empty();
    } catch (RuntimeException e) {
      status = Optional.empty();
    }
    if (status.isEmpty()) {
      String said = SystemFindings.firstLine(out.stderr() + "\n" + out.stdout());
      if (check == HostCheck.CEPH_MON && said.contains("timed out")) {
        return new SystemFindings()
            .add(CheckState.CRITICAL, "Ceph monitors not reachable (no quorum?): " + said)
            .result();
      }
      return SystemFindings.unknown(
          "cannot read ceph status"
              + (out.exitStatus() != 0 ? " (exit " + out.exitStatus() + ")" : "")
              + ": "
              + (said.isEmpty() ? "no output" : said));
    }
    return verdict(status.get());
  }

  /**
   * The verdict on a Ceph status document ({@code ceph status -f json}), however it was fetched:
   * the Proxmox VE API's {@code GET /cluster/ceph/status} returns the same document under {@code
   * data}, so both paths feed it here and judge alike (MON-5).
   *
   * @param statusJson the status document as JSON text
   * @return the verdict, UNKNOWN when it is not a Ceph status document
   */
  public CheckResult verdict(String statusJson) {
    return SystemFindings.safely(
        () -> {
          Optional<CephStatus> status;
          try {
            status = CephStatus.parse(statusJson == null ? "" : statusJson);
          } catch (RuntimeException e) {
            status = Optional.empty();
          }
          return status
              .map(this::verdict)
              .orElseGet(() -> SystemFindings.unknown("cannot read the Ceph status document"));
        });
  }

  CheckResult verdict(CephStatus s) {
    SystemFindings f = new SystemFindings();
    boolean anyOwned = false;
    for (CephStatus.HealthCheck c : s.checks()) {
      if (area(c.code()) != check) {
        continue;
      }
      anyOwned = true;
      String level = c.severity().equals("HEALTH_ERR") ? "error" : "warning";
      if (c.muted()) {
        f.add(CheckState.OK, c.code() + " (muted " + level + "): " + c.message());
      } else {
        f.add(severity(c.severity()), c.code() + ": " + c.message());
      }
    }
    if (check == HostCheck.CEPH_MON
        && !anyOwned
        && s.checks().isEmpty()
        && !s.health().equals("HEALTH_OK")) {
      // A status without any check to blame (e.g. older releases): the cluster-wide check says it.
      f.add(severity(s.health()), "cluster " + s.health() + " without details");
    }
    switch (check) {
      case CEPH_OSD -> osds(s, f);
      case CEPH_MON -> mons(s, f);
      case CEPH_MDS -> mds(s, f);
      default -> rgw(s, f);
    }
    f.add(CheckState.OK, "cluster " + s.health());
    return f.result();
  }

  private static void osds(CephStatus s, SystemFindings f) {
    if (s.numOsds() <= 0) {
      f.add(CheckState.CRITICAL, "no OSDs in the cluster");
      f.metric("osds", Math.max(0, s.numOsds()));
      return;
    }
    int down = s.numOsds() - s.upOsds();
    int out = s.numOsds() - s.inOsds();
    f.add(
        down > 0 || out > 0 ? CheckState.WARNING : CheckState.OK,
        s.upOsds() + " of " + s.numOsds() + " OSDs up, " + s.inOsds() + " in");
    int inactive = s.pgsInactive();
    if (inactive > 0) {
      f.add(
          CheckState.CRITICAL, inactive + " PGs not active: their data cannot be read or written");
    }
    f.metric("osds", s.numOsds())
        .metric("osds_up", s.upOsds())
        .metric("osds_in", s.inOsds())
        .metric("pgs", s.pgs())
        .metric("pgs_inactive", inactive)
        .metric("pgs_degraded", s.pgsMatching("degraded"));
  }

  private static void mons(CephStatus s, SystemFindings f) {
    int inQuorum = s.quorumNames().size();
    if (s.numMons() > 0 && inQuorum < s.numMons()) {
      f.add(
          CheckState.WARNING,
          (s.numMons() - inQuorum)
              + " of "
              + s.numMons()
              + " monitors out of quorum (quorum: "
              + String.join(", ", s.quorumNames())
              + ")");
    } else {
      f.add(CheckState.OK, inQuorum + " of " + s.numMons() + " monitors in quorum");
    }
    f.metric("mons", Math.max(0, s.numMons())).metric("mons_in_quorum", inQuorum);
  }

  private static void mds(CephStatus s, SystemFindings f) {
    if (!s.fileSystem()) {
      f.add(CheckState.OK, "no CephFS file system");
      f.metric("mds_active", 0).metric("mds_standby", s.standbyMds());
      return;
    }
    long active = s.ranks().stream().filter(r -> r.status().equals("up:active")).count();
    for (CephStatus.Rank r : s.ranks()) {
      if (!r.status().equals("up:active")) {
        f.add(CheckState.WARNING, "MDS " + r.name() + " (rank " + r.rank() + ") " + r.status());
      }
    }
    f.add(
        CheckState.OK,
        active
            + " MDS active"
            + (s.maxMds() > 0 ? " of max " + s.maxMds() : "")
            + ", "
            + s.standbyMds()
            + " standby");
    f.metric("mds_active", active).metric("mds_standby", s.standbyMds());
    if (s.maxMds() > 0) {
      f.metric("mds_max", s.maxMds());
    }
  }

  private static void rgw(CephStatus s, SystemFindings f) {
    if (s.rgwDaemons().isEmpty()) {
      f.add(CheckState.CRITICAL, "no RADOS gateway (RGW) daemon running");
    } else {
      f.add(
          CheckState.OK,
          s.rgwDaemons().size() + " RGW daemons: " + SystemFindings.few(s.rgwDaemons(), 5));
    }
    f.metric("rgw_daemons", s.rgwDaemons().size());
  }

  /** The check that owns a Ceph health code. */
  static HostCheck area(String code) {
    if (code.startsWith("MDS_") || code.startsWith("FS_")) {
      return HostCheck.CEPH_MDS;
    }
    if (code.startsWith("RGW_")) {
      return HostCheck.CEPH_RGW;
    }
    if (code.startsWith("OSD")
        || code.startsWith("PG_")
        || code.startsWith("POOL_")
        || code.startsWith("OBJECT_")
        || code.startsWith("BLUESTORE_")
        || code.startsWith("BLUEFS_")
        || code.startsWith("DEVICE_HEALTH")
        || code.startsWith("CACHE_POOL_")
        || code.startsWith("TOO_")
        || code.equals("SLOW_OPS")
        || code.equals("LARGE_OMAP_OBJECTS")) {
      return HostCheck.CEPH_OSD;
    }
    return HostCheck.CEPH_MON;
  }

  private static CheckState severity(String health) {
    return switch (health) {
      case "HEALTH_OK" -> CheckState.OK;
      case "HEALTH_WARN" -> CheckState.WARNING;
      case "HEALTH_ERR" -> CheckState.CRITICAL;
      default -> CheckState.UNKNOWN;
    };
  }
}
