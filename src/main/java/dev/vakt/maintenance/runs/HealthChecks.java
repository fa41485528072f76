package dev.vakt.maintenance.runs;

import dev.vakt.maintenance.runs.Poller.Abandoned;
import dev.vakt.maintenance.runs.Poller.Poll;
import dev.vakt.maintenance.runs.Poller.StepFailed;
import dev.vakt.proxmox.ClusterStatus;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.proxmox.StorageStatus;
import dev.vakt.proxmox.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health checks around one node's maintenance, each waited for up to the health timeout:
 *
 * <ul>
 *   <li>before: the cluster is quorate, every node online, no migration or HA task running, and
 *       Ceph (where used) not in HEALTH_ERR; Ceph's health is remembered;
 *   <li>after the reboot: the node and every other node online, the cluster quorate, every enabled
 *       guest storage of the node active, and Ceph's health back to at least what it was before (a
 *       node's reboot leaves placement groups degraded for a while).
 * </ul>
 */
final class HealthChecks {

  /** Task types whose running instance means the cluster is busy moving guests. */
  static final Set<String> BUSY =
      Set.of("qmigrate", "vzmigrate", "hamigrate", "hastart", "hastop", "harelocate");

  private static final List<String> CEPH_RANK = List.of("HEALTH_OK", "HEALTH_WARN", "HEALTH_ERR");

  private final ProxmoxClient client;
  private final Poller poller;
  private final Duration timeout;
  private final Map<String, String> cephBefore = new HashMap<>();

  HealthChecks(ProxmoxClient client, Poller poller, Duration timeout) {
    this.client = client;
    this.poller = poller;
    this.timeout = timeout;
  }

  /** Waits until the cluster is healthy enough to start on {@code node}; returns what was seen. */
  String before(String node) throws StepFailed, InterruptedException, Abandoned {
    return poller.await(
        timeout,
        "a healthy cluster before " + node,
        () -> {
          List<String> wrong = new ArrayList<>();
          ClusterStatus status = client.clusterStatus();
          cluster(status, wrong);
          for (TaskStatus t : client.clusterTasks()) {
            if (t.running() && BUSY.contains(t.type())) {
              wrong.add(t.type() + " of " + t.id() + " running on " + t.node());
            }
          }
          String ceph = ceph(node);
          if ("HEALTH_ERR".equals(ceph)) {
            wrong.add("Ceph is HEALTH_ERR");
          }
          if (!wrong.isEmpty()) {
            return Poll.notYet(String.join("; ", wrong));
          }
          cephBefore.put(node, ceph);
          return Poll.done(
              "quorate, "
                  + status.nodes().size()
                  + " nodes online, no migration running"
                  + (ceph == null ? "" : ", Ceph " + ceph));
        });
  }

  /** Waits until {@code node} and the cluster are healthy after its reboot. */
  String after(String node) throws StepFailed, InterruptedException, Abandoned {
    return poller.await(
        timeout,
        "a healthy cluster after the reboot of " + node,
        () -> {
          List<String> wrong = new ArrayList<>();
          ClusterStatus status = client.clusterStatus();
          cluster(status, wrong);
          List<String> active = new ArrayList<>();
          for (StorageStatus s : client.storage(node)) {
            if (s.enabled() && guestContent(s)) {
              if (s.active()) {
                active.add(s.storage());
              } else {
                wrong.add("storage " + s.storage() + " is not active on " + node);
              }
            }
          }
          String ceph = ceph(node);
          String was = cephBefore.get(node);
          if ("HEALTH_ERR".equals(ceph)
              || ceph != null && rank(ceph) > rank(was == null ? "HEALTH_OK" : was)) {
            wrong.add("Ceph is " + ceph + (was == null ? "" : ", was " + was + " before"));
          }
          if (!wrong.isEmpty()) {
            return Poll.notYet(String.join("; ", wrong));
          }
          return Poll.done(
              node
                  + " online, quorate, storage active: "
                  + String.join(", ", active)
                  + (ceph == null ? "" : ", Ceph " + ceph));
        });
  }

  private static void cluster(ClusterStatus status, List<String> wrong) {
    if (status.cluster().isPresent() && !status.cluster().get().quorate()) {
      wrong.add("the cluster is not quorate");
    }
    for (ClusterStatus.Node n : status.offline()) {
      wrong.add("node " + n.name() + " is offline");
    }
  }

  /** Ceph's health where the node uses Ceph storage, else null. */
  private String ceph(String node) throws ProxmoxException {
    boolean used = false;
    for (StorageStatus s : client.storage(node)) {
      if (s.enabled() && ("rbd".equals(s.type()) || "cephfs".equals(s.type()))) {
        used = true;
      }
    }
    if (!used) {
      return null;
    }
    try {
      return client.cephStatus().path("health").path("status").asString("unknown");
    } catch (ProxmoxException e) {
      // RBD storage of an external Ceph cluster: Proxmox VE cannot tell its health. Not readable
      // ranks after HEALTH_ERR, so it blocks nothing by itself; HEALTH_ERR always blocks.
      return "not readable through Proxmox VE (" + e.getMessage() + ")";
    }
  }

  private static boolean guestContent(StorageStatus s) {
    return s.content() != null
        && (s.content().contains("images") || s.content().contains("rootdir"));
  }

  private static int rank(String health) {
    int i = CEPH_RANK.indexOf(health);
    return i < 0 ? CEPH_RANK.size() : i;
  }
}
