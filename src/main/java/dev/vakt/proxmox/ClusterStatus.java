package dev.vakt.proxmox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /cluster/status}: one entry of {@code type} "cluster" (absent on a standalone node)
 * and one of {@code type} "node" per member.
 *
 * @param cluster the cluster entry, empty on a standalone node
 * @param nodes the member nodes
 */
public record ClusterStatus(Optional<Cluster> cluster, List<Node> nodes) {

  public ClusterStatus {
    nodes = List.copyOf(nodes);
  }

  /**
   * The cluster entry.
   *
   * @param name cluster name
   * @param nodes {@code nodes}: members configured in corosync
   * @param quorate {@code quorate} (0/1)
   * @param version {@code version}: the corosync config version
   */
  public record Cluster(String name, int nodes, boolean quorate, int version) {}

  /**
   * A member node.
   *
   * @param name node name
   * @param nodeid corosync node id (0 on a standalone node)
   * @param online {@code online} (0/1): in the cluster's membership now
   * @param local {@code local} (0/1): the node that answered the request
   * @param ip {@code ip}, null when unknown
   * @param level subscription level as a letter ("c", "b", "s", "p") or "" without one
   */
  public record Node(
      String name, int nodeid, boolean online, boolean local, String ip, String level) {}

  /** Whether this is a standalone node, not a cluster. */
  public boolean standalone() {
    return cluster.isEmpty();
  }

  public List<Node> offline() {
    return nodes.stream().filter(n -> !n.online()).toList();
  }

  static ClusterStatus of(JsonNode data) {
    Cluster cluster = null;
    List<Node> nodes = new ArrayList<>();
    if (data != null && data.isArray()) {
      for (JsonNode e : data) {
        String type = e.path("type").asString("");
        if (type.equals("cluster")) {
          cluster =
              new Cluster(
                  Json.asText(e.path("name")),
                  Json.asInt(e.path("nodes"), 0),
                  Json.asFlag(e.path("quorate"), false),
                  Json.asInt(e.path("version"), 0));
        } else if (type.equals("node")) {
          nodes.add(
              new Node(
                  Json.asText(e.path("name")),
                  Json.asInt(e.path("nodeid"), 0),
                  Json.asFlag(e.path("online"), false),
                  Json.asFlag(e.path("local"), false),
                  Json.asText(e.path("ip")),
                  e.path("level").asString("")));
        }
      }
    }
    return new ClusterStatus(Optional.ofNullable(cluster), nodes);
  }
}
