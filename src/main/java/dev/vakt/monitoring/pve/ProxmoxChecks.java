package dev.vakt.monitoring.pve;

import dev.vakt.common.Percent;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.contract.MonitoringTerms.ProxmoxPolicy;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.host.CephReader;
import dev.vakt.monitoring.host.HostContext;
import dev.vakt.monitoring.host.LoadReader;
import dev.vakt.monitoring.host.MemoryReader;
import dev.vakt.monitoring.host.PlatformSupportReader;
import dev.vakt.monitoring.host.QuorumReader;
import dev.vakt.proxmox.ClusterStatus;
import dev.vakt.proxmox.NodeStatus;
import dev.vakt.proxmox.PendingUpdate;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.proxmox.StorageStatus;
import dev.vakt.proxmox.Subscription;
import dev.vakt.proxmox.ThinPool;
import dev.vakt.proxmox.ZfsPool;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host checks of a Proxmox VE node through the API instead of SSH, judged by the same code as the
 * SSH readers wherever the API gives the same facts (MON-2, MON-3, MON-5, MON-12):
 *
 * <ul>
 *   <li>COROSYNC_QUORUM: {@code /cluster/status} as a {@link QuorumReader.Votequorum}, one vote per
 *       node (the API shows neither vote weights nor a QDevice);
 *   <li>CEPH_OSD/MON/MDS/RGW: {@code /nodes/{node}/ceph/status}, the very document {@link
 *       CephReader} reads;
 *   <li>PLATFORM_SUPPORT: the node's pve-manager version and {@code /nodes/{node}/subscription},
 *       through {@link PlatformSupportReader#verdict};
 *   <li>MEMORY and LOAD: {@code /nodes/{node}/status} through {@link MemoryReader#verdict} and
 *       {@link LoadReader#verdict};
 *   <li>ZFS, LVM_THIN and DISK: judged here by the SSH readers' rules (capacity against the disk
 *       levels, thin pool data and metadata against the thin pool levels, pool health ONLINE or
 *       CRITICAL); to be unified with the SSH readers' judges once those are merged;
 *   <li>PENDING_UPDATES: {@code /nodes/{node}/apt/update}, which does not say which updates are
 *       security updates: see {@link #updates}.
 * </ul>
 *
 * <p>Every other check, and any failed request, is UNKNOWN with the reason, never OK.
 */
public final class ProxmoxChecks {

  private static final Set<HostCheck> SUPPORTED =
      EnumSet.of(
          HostCheck.COROSYNC_QUORUM,
          HostCheck.CEPH_OSD,
          HostCheck.CEPH_MON,
          HostCheck.CEPH_MDS,
          HostCheck.CEPH_RGW,
          HostCheck.ZFS,
          HostCheck.LVM_THIN,
          HostCheck.DISK,
          HostCheck.PENDING_UPDATES,
          HostCheck.PLATFORM_SUPPORT,
          HostCheck.MEMORY,
          HostCheck.LOAD);

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  // "pve-manager/8.2.4/faa83925c9641325"
  private static final Pattern PVE_MANAGER = Pattern.compile("pve-manager/(\\d+\\.[^/\\s]+)");
  // Debian's stable update versions: "3.0.15-1~deb12u1", "2.36-9+deb12u9".
  private static final Pattern DEBIAN_STABLE_UPDATE = Pattern.compile("[+~]deb\\d+u\\d+");

  private final ProxmoxClient client;
  private final PlatformSupportReader platform;

  /** Both a supported major and a subscription required (STW 4.0's default). */
  public ProxmoxChecks(ProxmoxClient client) {
    this(client, null);
  }

  /**
   * @param client the cluster's API client
   * @param policy the contract's Proxmox VE policy for PLATFORM_SUPPORT; null requires both
   */
  public ProxmoxChecks(ProxmoxClient client, ProxmoxPolicy policy) {
    this.client = Objects.requireNonNull(client, "client");
    this.platform = new PlatformSupportReader(policy);
  }

  /** Whether {@code check} can be carried out through the API; the others are UNKNOWN. */
  public static boolean supports(HostCheck check) {
    return SUPPORTED.contains(check);
  }

  /**
   * Carries out {@code check} for {@code node}; never throws for the server's sake.
   *
   * @param check the contract's host check
   * @param node the Proxmox VE node name, e.g. "pve1"
   * @param context thresholds and the day judged on
   */
  public CheckResult run(HostCheck check, String node, HostContext context) {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(context, "context");
    long start = System.nanoTime();
    CheckResult r;
    try {
      r = judge(check, node, context);
    } catch (ProxmoxException e) {
      r = failed(check, e);
    } catch (RuntimeException e) {
      r =
          unknown(
              "Proxmox VE API check failed: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage());
    }
    return new CheckResult(
        r.state(), r.reason(), Duration.ofNanos(System.nanoTime() - start), r.metrics());
  }

  private CheckResult judge(HostCheck check, String node, HostContext context)
      throws ProxmoxException {
    return switch (check) {
      case COROSYNC_QUORUM -> quorum(client.clusterStatus());
      case CEPH_OSD, CEPH_MON, CEPH_MDS, CEPH_RGW ->
          new CephReader(check).verdict(client.cephStatus(node).toString());
      case ZFS -> zfs(client.zfsPools(node), context);
      case LVM_THIN -> thinPools(client.thinPools(node), context);
      case DISK -> disk(client.nodeStatus(node), client.storage(node), context);
      case PENDING_UPDATES -> updates(client.pendingUpdates(node));
      case PLATFORM_SUPPORT -> platformSupport(node, context);
      case MEMORY -> memory(client.nodeStatus(node), context);
      case LOAD -> load(client.nodeStatus(node), context);
      case CPU ->
          unknown(
              "the Proxmox VE API reports CPU utilisation, not the CPU pressure (PSI) this check"
                  + " judges: run CPU over SSH");
      default ->
          unknown(check.code() + " is not available through the Proxmox VE API: run it over SSH");
    };
  }

  private static CheckResult failed(HostCheck check, ProxmoxException e) {
    String reason = "Proxmox VE API: " + e.getMessage();
    if (check == HostCheck.CEPH_MON
        && e.kind() == ProxmoxException.Kind.HTTP
        && e.getMessage().toLowerCase(Locale.ROOT).contains("timeout")) {
      // As over SSH: ceph status timing out means the monitors have no quorum.
      return new CheckResult(
          CheckState.CRITICAL,
          "Ceph monitors not reachable (no quorum?): " + e.getMessage(),
          Duration.ZERO,
          Map.of());
    }
    return unknown(reason);
  }

  // ---- MON-2 ---------------------------------------------------------------------------------

  /**
   * Quorum from {@code /cluster/status}, judged by {@link QuorumReader#verdict}. The API gives the
   * configured nodes and which are online, not votes: each node counts one vote, the quorum is a
   * majority of them, and a QDevice is not seen. Not quorate is CRITICAL, nodes offline WARNING
   * (named), a standalone node OK "not a cluster", as over SSH.
   */
  static CheckResult quorum(ClusterStatus s) {
    if (s.standalone()) {
      return new CheckResult(
          CheckState.OK,
          "not a cluster: standalone Proxmox VE node, no quorum to keep",
          Duration.ZERO,
          Map.of());
    }
    ClusterStatus.Cluster c = s.cluster().orElseThrow();
    int expected = Math.max(c.nodes(), s.nodes().size());
    int online = (int) s.nodes().stream().filter(ClusterStatus.Node::online).count();
    CheckResult r =
        QuorumReader.verdict(
            new QuorumReader.Votequorum(
                c.quorate(), expected, online, expected / 2 + 1, online, false, false));
    List<String> offline = s.offline().stream().map(ClusterStatus.Node::name).toList();
    String reason =
        r.reason() + (offline.isEmpty() ? "" : "; offline: " + String.join(", ", offline));
    return new CheckResult(r.state(), reason, r.latency(), r.metrics());
  }

  // ---- MON-3 ---------------------------------------------------------------------------------

  /**
   * Memory from the node status, judged by {@link MemoryReader#verdict}. Proxmox VE's "used" counts
   * the ZFS ARC as used (it reports no ARC figures), so on ZFS nodes this reads higher than the SSH
   * check, which counts the reclaimable ARC as available.
   */
  static CheckResult memory(NodeStatus s, HostContext context) {
    NodeStatus.Memory m = s.memory();
    if (m.total() <= 0 || (m.available() < 0 && m.used() < 0)) {
      return unknown("the node status has no memory figures");
    }
    long available = m.available() >= 0 ? m.available() : m.total() - m.used();
    String estimate =
        m.available() >= 0 ? "" : " (as Proxmox VE counts it; ZFS ARC counted as used)";
    NodeStatus.Memory swap = s.swap();
    long swapTotal = Math.max(0, swap.total());
    long swapFree = swap.free() >= 0 ? swap.free() : swapTotal - Math.max(0, swap.used());
    return MemoryReader.verdict(
        new MemoryReader.Memory(
            m.total() / 1024, available / 1024, estimate, 0, swapTotal / 1024, swapFree / 1024),
        context);
  }

  /** The 5-minute load per logical CPU, judged by {@link LoadReader#verdict}. */
  static CheckResult load(NodeStatus s, HostContext context) {
    if (s.loadavg().size() < 3 || s.cpuinfo().cpus() <= 0) {
      return unknown("the node status has no load average or CPU count");
    }
    return LoadReader.verdict(
        new LoadReader.LoadAverage(s.loadavg().get(0), s.loadavg().get(1), s.loadavg().get(2)),
        s.cpuinfo().cpus(),
        context);
  }

  /**
   * Space on the root file system ({@code rootfs}) and on every enabled storage of the node except
   * ZFS pools and LVM thin pools (judged by the ZFS and LVM_THIN checks), against the disk levels.
   * An enabled storage that is not active on the node (an unreachable NFS share) is WARNING.
   */
  static CheckResult disk(NodeStatus s, List<StorageStatus> storages, HostContext context) {
    Findings f = new Findings();
    NodeStatus.RootFs root = s.rootfs();
    if (root.total() > 0 && root.used() >= 0) {
      usage(
          f, "/", root.used(), root.total(), context.diskWarning(), context.diskCritical(), "root");
    } else {
      f.add(CheckState.UNKNOWN, "the node status has no root file system figures");
    }
    for (StorageStatus st : storages) {
      if (!st.enabled() || "zfspool".equals(st.type()) || "lvmthin".equals(st.type())) {
        continue;
      }
      String name = "storage " + st.storage() + " (" + st.type() + ")";
      if (!st.active()) {
        f.add(CheckState.WARNING, name + " not active on this node");
        continue;
      }
      if (st.total() > 0 && st.used() >= 0) {
        usage(
            f,
            name,
            st.used(),
            st.total(),
            context.diskWarning(),
            context.diskCritical(),
            st.storage());
      }
    }
    return f.result();
  }

  /** Pool capacity against the disk levels; a health other than ONLINE is CRITICAL. */
  static CheckResult zfs(List<ZfsPool> pools, HostContext context) {
    if (pools.isEmpty()) {
      return new CheckResult(CheckState.OK, "no ZFS pools on this node", Duration.ZERO, Map.of());
    }
    Findings f = new Findings();
    for (ZfsPool p : pools) {
      String health = p.health() == null ? "?" : p.health();
      if (!health.equals("ONLINE")) {
        f.add(CheckState.CRITICAL, "zpool " + p.name() + " " + health);
      }
      if (p.size() > 0 && p.alloc() >= 0) {
        usage(
            f,
            "zpool " + p.name(),
            p.alloc(),
            p.size(),
            context.diskWarning(),
            context.diskCritical(),
            p.name());
      } else {
        f.add(CheckState.UNKNOWN, "zpool " + p.name() + ": no size reported");
      }
      if (p.frag() >= 0) {
        f.metric(p.name() + "_frag_pct", BigDecimal.valueOf(p.frag()));
      }
    }
    return f.result();
  }

  /** Thin pool data and metadata use against the thin pool levels. */
  static CheckResult thinPools(List<ThinPool> pools, HostContext context) {
    if (pools.isEmpty()) {
      return new CheckResult(
          CheckState.OK, "no LVM thin pools on this node", Duration.ZERO, Map.of());
    }
    Findings f = new Findings();
    for (ThinPool p : pools) {
      String name = "thin pool " + p.fullName();
      if (p.lvSize() > 0 && p.used() >= 0) {
        usage(
            f,
            name + " data",
            p.used(),
            p.lvSize(),
            context.thinPoolWarning(),
            context.thinPoolCritical(),
            p.fullName() + "_data");
      } else {
        f.add(CheckState.UNKNOWN, name + ": no data size reported");
      }
      if (p.metadataSize() > 0 && p.metadataUsed() >= 0) {
        usage(
            f,
            name + " metadata",
            p.metadataUsed(),
            p.metadataSize(),
            context.thinPoolWarning(),
            context.thinPoolCritical(),
            p.fullName() + "_meta");
      } else {
        f.add(CheckState.UNKNOWN, name + ": no metadata size reported");
      }
    }
    return f.result();
  }

  private static void usage(
      Findings f,
      String what,
      long used,
      long total,
      Percent warning,
      Percent critical,
      String metric) {
    BigDecimal pct =
        BigDecimal.valueOf(used)
            .multiply(HUNDRED)
            .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    CheckState state = CheckState.OK;
    String level = "";
    if (pct.compareTo(critical.value()) >= 0) {
      state = CheckState.CRITICAL;
      level = " (critical at " + critical + ")";
    } else if (pct.compareTo(warning.value()) >= 0) {
      state = CheckState.WARNING;
      level = " (warning at " + warning + ")";
    }
    f.add(
        state,
        what
            + " "
            + pct.stripTrailingZeros().toPlainString()
            + " % used"
            + level
            + ", "
            + gib(total - used)
            + " of "
            + gib(total)
            + " GiB free");
    f.metric(metric + "_used_pct", pct);
  }

  private static String gib(long bytes) {
    return BigDecimal.valueOf(bytes)
        .divide(BigDecimal.valueOf(1L << 30), 1, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  // ---- updates and MON-12 --------------------------------------------------------------------

  /**
   * Pending updates from {@code /nodes/{node}/apt/update}. The API names each update's archive only
   * by its Origin, which is "Debian" for the security archive and the main archive alike, and gives
   * no suite; so an update is counted as a possible security update when it comes from Debian with
   * a Debian stable-update version ({@code +deb12u3}, {@code ~deb12u1}), which every Debian
   * security update has. Point-release updates carry the same mark, so this errs towards WARNING;
   * Proxmox's own fixes are never recognised. Kept-back packages and removals are not visible.
   */
  static CheckResult updates(List<PendingUpdate> updates) {
    Findings f = new Findings();
    List<String> security = new ArrayList<>();
    for (PendingUpdate u : updates) {
      if (probablySecurity(u)) {
        security.add(u.packageName());
      }
    }
    if (!security.isEmpty()) {
      f.add(
          CheckState.WARNING,
          security.size()
              + (security.size() == 1 ? " possible security update" : " possible security updates")
              + " pending (Debian stable updates; the API does not name the suite): "
              + few(security, 5));
    }
    int regular = updates.size() - security.size();
    if (updates.isEmpty()) {
      f.add(CheckState.OK, "no updates pending");
    } else if (regular > 0) {
      f.add(
          CheckState.OK,
          regular + (regular == 1 ? " other update" : " other updates") + " pending");
    }
    return f.metric("updates", BigDecimal.valueOf(updates.size()))
        .metric("security_updates", BigDecimal.valueOf(security.size()))
        .result();
  }

  /**
   * Whether an update from the API is probably a security update: the API does not name the suite,
   * so a Debian update whose version is a stable update ({@code +deb12u9}, {@code ~deb12u1})
   * counts. Point-release fixes look the same: the guess errs towards "security".
   */
  public static boolean probablySecurity(PendingUpdate u) {
    return "Debian".equals(u.origin())
        && u.version() != null
        && DEBIAN_STABLE_UPDATE.matcher(u.version()).find();
  }

  private CheckResult platformSupport(String node, HostContext context) throws ProxmoxException {
    NodeStatus status = client.nodeStatus(node);
    String pveversion = status.pveversion() == null ? "" : status.pveversion();
    Matcher m = PVE_MANAGER.matcher(pveversion);
    if (!m.find()) {
      return unknown("cannot read the node's pve-manager version: '" + pveversion + "'");
    }
    PlatformSupportReader.Subscription sub;
    try {
      sub = subscription(client.subscription(node));
    } catch (ProxmoxException e) {
      sub = new PlatformSupportReader.Subscription(null, null, null, e.getMessage());
    }
    return platform.verdict(m.group(1), sub, context);
  }

  /** The API's subscription as the platform support judge takes it. */
  static PlatformSupportReader.Subscription subscription(Subscription s) {
    return new PlatformSupportReader.Subscription(
        s.status(),
        s.nextDueDate(),
        s.message(),
        s.status() == null ? "the subscription answer has no status" : null);
  }

  /** Platform support from already fetched answers, for tests and the API/SSH comparison. */
  CheckResult platformSupport(String pveversion, Subscription subscription, HostContext context) {
    Matcher m = PVE_MANAGER.matcher(pveversion);
    if (!m.find()) {
      return unknown("cannot read the node's pve-manager version: '" + pveversion + "'");
    }
    return platform.verdict(m.group(1), subscription(subscription), context);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static CheckResult unknown(String reason) {
    return CheckResult.unknown(reason, Duration.ZERO);
  }

  private static String few(List<String> names, int max) {
    if (names.size() <= max) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
  }

  /** Worst state wins; the reason lists problems first, like the SSH readers' findings. */
  private static final class Findings {
    private final List<CheckState> states = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final Map<String, BigDecimal> metrics = new TreeMap<>();

    Findings add(CheckState state, String text) {
      states.add(state);
      texts.add(text);
      return this;
    }

    Findings metric(String name, BigDecimal value) {
      metrics.put(name, value);
      return this;
    }

    CheckResult result() {
      CheckState worst = states.stream().reduce(CheckState.OK, CheckState::worst);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < states.size(); i++) {
        order.add(i);
      }
      order.sort(
          (a, b) -> {
            int c = Integer.compare(rank(states.get(b)), rank(states.get(a)));
            return c != 0 ? c : Integer.compare(a, b);
          });
      String reason = String.join("; ", order.stream().map(texts::get).toList());
      return new CheckResult(worst, reason, Duration.ZERO, metrics);
    }

    private static int rank(CheckState s) {
      return switch (s) {
        case CRITICAL -> 3;
        case WARNING -> 2;
        case UNKNOWN -> 1;
        case OK -> 0;
      };
    }
  }
}
