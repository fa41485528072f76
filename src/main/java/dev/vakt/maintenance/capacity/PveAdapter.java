package dev.vakt.maintenance.capacity;

import dev.vakt.inventory.Server;
import dev.vakt.proxmox.ClusterStatus;
import dev.vakt.proxmox.Guest;
import dev.vakt.proxmox.NodeResource;
import dev.vakt.proxmox.NodeStatus;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.proxmox.StorageStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * From the Proxmox VE API's records to {@link ClusterState}. Spring-free. {@link #fetch} reads the
 * cluster (one request per endpoint, plus one per node and one per guest configuration); {@link
 * #state} is the pure translation, tested on its own.
 *
 * <p>What the API does not say is assumed conservatively and named in the warnings: a node's
 * physical cores come from {@code cpuinfo} (sockets × cores) and fall back to {@code maxcpu}
 * (threads); a guest whose configuration cannot be read counts as on shared storage (so it is not
 * hidden from the capacity demand); a node's votes default to 1; an unreadable QDevice status
 * counts as no QDevice.
 */
public final class PveAdapter {

  private static final Pattern QEMU_DISK =
      Pattern.compile("(ide|sata|scsi|virtio|efidisk|tpmstate|unused)\\d+");
  private static final Pattern QEMU_DEVICE = Pattern.compile("(hostpci|usb)\\d+");
  private static final Pattern LXC_DISK = Pattern.compile("rootfs|mp\\d+|unused\\d+");
  private static final Pattern LXC_DEVICE = Pattern.compile("dev\\d+");
  static final Set<String> HA_INACTIVE = Set.of("ignored", "disabled", "stopped", "error");

  private PveAdapter() {}

  /** Everything read from one cluster, as the API gave it. */
  record Snapshot(
      ClusterStatus status,
      List<NodeResource> nodes,
      Map<String, NodeStatus.CpuInfo> cpuInfo,
      List<Guest> guests,
      Map<String, List<StorageStatus>> storage,
      Map<Integer, JsonNode> configs,
      Map<String, Integer> votes,
      JsonNode qdevice,
      List<String> warnings) {}

  /** The state and what had to be assumed. */
  public record Result(ClusterState state, List<String> warnings) {}

  /** Reads the cluster. Failures of the essential endpoints propagate; the rest become warnings. */
  public static Snapshot fetch(ProxmoxClient client) throws ProxmoxException {
    List<String> warnings = new ArrayList<>();
    ClusterStatus status = client.clusterStatus();
    List<NodeResource> nodes = client.nodeResources();
    List<Guest> guests = client.guests();
    Map<String, NodeStatus.CpuInfo> cpu = new TreeMap<>();
    Map<String, List<StorageStatus>> storage = new TreeMap<>();
    for (NodeResource n : nodes) {
      if (!n.online()) {
        warnings.add(
            "node " + n.node() + " is " + n.status() + ": its CPU and storage are unknown");
        continue;
      }
      try {
        cpu.put(n.node(), client.nodeStatus(n.node()).cpuinfo());
      } catch (ProxmoxException e) {
        warnings.add("GET /nodes/" + n.node() + "/status: " + e.getMessage());
      }
      try {
        storage.put(n.node(), client.storage(n.node()));
      } catch (ProxmoxException e) {
        warnings.add("GET /nodes/" + n.node() + "/storage: " + e.getMessage());
      }
    }
    Map<Integer, JsonNode> configs = new TreeMap<>();
    for (Guest g : guests) {
      if (g.template()) {
        continue;
      }
      String path = "/nodes/" + g.node() + "/" + g.type() + "/" + g.vmid() + "/config";
      try {
        configs.put(g.vmid(), client.get(path));
      } catch (ProxmoxException | IllegalArgumentException e) {
        warnings.add("GET " + path + ": " + e.getMessage());
      }
    }
    Map<String, Integer> votes = new TreeMap<>();
    JsonNode qdevice = null;
    if (!status.standalone()) {
      try {
        for (JsonNode n : client.get("/cluster/config/nodes")) {
          String name = n.path("node").asString("");
          JsonNode v = n.path("quorum_votes");
          if (!name.isEmpty() && !v.isMissingNode() && !v.isNull()) {
            votes.put(name, Integer.parseInt(v.asString().strip()));
          }
        }
      } catch (ProxmoxException | RuntimeException e) {
        warnings.add(
            "GET /cluster/config/nodes: " + e.getMessage() + "; one vote per node assumed");
      }
      try {
        qdevice = client.get("/cluster/config/qdevice");
      } catch (ProxmoxException e) {
        warnings.add("GET /cluster/config/qdevice: " + e.getMessage() + "; no QDevice assumed");
      }
    }
    return new Snapshot(status, nodes, cpu, guests, storage, configs, votes, qdevice, warnings);
  }

  /**
   * The cluster state.
   *
   * @param roles each node's role by node name (from the inventory); absent means unknown
   */
  public static Result state(Snapshot s, Map<String, Server.Role> roles) {
    List<String> warnings = new ArrayList<>(s.warnings());
    Map<String, Boolean> sharedById = new TreeMap<>();
    Map<String, ClusterState.SharedStorage> shared = new LinkedHashMap<>();
    Map<String, long[]> local = new TreeMap<>();
    for (Map.Entry<String, List<StorageStatus>> e : s.storage().entrySet()) {
      for (StorageStatus st : e.getValue()) {
        sharedById.merge(st.storage(), st.shared(), Boolean::logicalOr);
        boolean guests =
            st.content() != null
                && (st.content().contains("images") || st.content().contains("rootdir"));
        if (!guests || !st.enabled() || !st.active() || st.total() <= 0) {
          continue;
        }
        if (st.shared()) {
          shared.putIfAbsent(
              st.storage(),
              new ClusterState.SharedStorage(
                  st.storage(), st.total(), Math.max(0, st.used()), Map.of()));
        } else {
          long[] l = local.computeIfAbsent(e.getKey(), k -> new long[2]);
          l[0] += st.total();
          l[1] += Math.max(0, st.used());
        }
      }
    }
    List<ClusterState.Node> nodes = new ArrayList<>();
    for (NodeResource n : s.nodes()) {
      NodeStatus.CpuInfo ci = s.cpuInfo().get(n.node());
      int threads = Math.max(0, n.maxcpu());
      int cores;
      if (ci != null && ci.cores() > 0 && ci.sockets() > 0) {
        cores = ci.cores() * ci.sockets();
      } else {
        cores = threads;
        warnings.add(
            "node "
                + n.node()
                + ": physical cores unknown, its "
                + threads
                + " logical CPUs (threads) counted as cores");
      }
      long[] l = local.get(n.node());
      nodes.add(
          new ClusterState.Node(
              n.node(),
              cores,
              threads,
              Math.max(0, n.maxmem()),
              s.votes().getOrDefault(n.node(), 1),
              l == null ? null : new ClusterState.LocalStorage(l[0], l[1]),
              roles.get(n.node())));
    }
    List<ClusterState.Guest> guests = new ArrayList<>();
    for (Guest g : s.guests()) {
      boolean bound = false;
      JsonNode config = s.configs().get(g.vmid());
      if (config != null) {
        for (String why : localResources(g.type(), config, sharedById)) {
          bound = true;
          warnings.add("guest " + g.vmid() + " cannot move: " + why);
        }
      } else if (!g.template()) {
        warnings.add("guest " + g.vmid() + ": configuration unread, counted as on shared storage");
      }
      guests.add(guest(g, bound));
    }
    return new Result(
        new ClusterState(nodes, guests, List.copyOf(shared.values()), qdeviceVotes(s)), warnings);
  }

  /** The core's view of an API guest; {@code local}: bound to its node by its storage. */
  public static ClusterState.Guest guest(dev.vakt.proxmox.Guest g, boolean local) {
    return new ClusterState.Guest(
        g.vmid(),
        g.name(),
        g.type(),
        g.node(),
        Math.max(0, g.maxcpu()),
        Math.max(0, g.maxmem()),
        Math.max(0, g.maxdisk()),
        local,
        g.status() != null && !"stopped".equals(g.status()),
        g.hastate() != null && !HA_INACTIVE.contains(g.hastate()),
        g.template());
  }

  /**
   * The QDevice's votes: none without one; with the "Fifty-Fifty split" algorithm (ffsplit, the one
   * {@code pvecm qdevice setup} uses for an even node count) one vote; with "LMS" (last man
   * standing) nodes − 1 votes.
   */
  static int qdeviceVotes(Snapshot s) {
    JsonNode q = s.qdevice();
    if (q == null || !q.isObject() || q.isEmpty()) {
      return 0;
    }
    String algorithm = q.path("Algorithm").asString("").toLowerCase(Locale.ROOT);
    if (algorithm.contains("lms") || algorithm.contains("last man")) {
      return Math.max(1, s.nodes().size() - 1);
    }
    return 1;
  }

  /** Why a guest cannot leave its node: each local disk, ISO, bind mount or device. */
  static List<String> localResources(String type, JsonNode config, Map<String, Boolean> shared) {
    List<String> why = new ArrayList<>();
    boolean lxc = "lxc".equals(type);
    Iterator<Map.Entry<String, JsonNode>> it = config.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String value = e.getValue().asString("");
      if ((lxc ? LXC_DEVICE : QEMU_DEVICE).matcher(key).matches()) {
        if (!value.startsWith("spice")) {
          why.add(key + " passes through a device of the node");
        }
        continue;
      }
      if (!(lxc ? LXC_DISK : QEMU_DISK).matcher(key).matches()) {
        continue;
      }
      String volume = value.split(",", 2)[0].strip();
      if (volume.isEmpty() || volume.equals("none")) {
        continue;
      }
      if (volume.equals("cdrom")) {
        why.add(key + " is the node's physical CD drive");
      } else if (volume.startsWith("/")) {
        if (!(lxc && value.contains("shared=1"))) {
          why.add(key + " is the node's path " + volume);
        }
      } else {
        int colon = volume.indexOf(':');
        String storage = colon > 0 ? volume.substring(0, colon) : volume;
        Boolean isShared = shared.get(storage);
        if (isShared == null) {
          why.add(key + " is on storage " + storage + ", unknown to the nodes, taken as local");
        } else if (!isShared) {
          why.add(key + " is on local storage " + storage);
        }
      }
    }
    return why;
  }
}
