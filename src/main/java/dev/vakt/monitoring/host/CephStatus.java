package dev.vakt.monitoring.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code ceph status -f json} (Ceph 17 Quincy and 18 Reef, as in Proxmox VE 7 and 8) says,
 * reduced to what the Ceph checks judge. Field names are Ceph's own; the nested {@code
 * osdmap.osdmap} of Ceph 15 and older is read too.
 *
 * @param health {@code health.status}: HEALTH_OK, HEALTH_WARN or HEALTH_ERR
 * @param checks {@code health.checks}, in Ceph's order
 * @param numMons {@code monmap.num_mons}
 * @param quorumNames {@code quorum_names}
 * @param numOsds {@code osdmap.num_osds}
 * @param upOsds {@code osdmap.num_up_osds}
 * @param inOsds {@code osdmap.num_in_osds}
 * @param pgsByState {@code pgmap.pgs_by_state}: count per state name such as "active+clean"
 * @param fileSystem whether {@code fsmap} describes at least one CephFS
 * @param ranks {@code fsmap.by_rank}
 * @param maxMds {@code fsmap.max} (of the last file system when there are several), or -1
 * @param standbyMds {@code fsmap["up:standby"]}
 * @param rgwDaemons names of the daemons in {@code servicemap.services.rgw.daemons}
 */
record CephStatus(
    String health,
    List<HealthCheck> checks,
    int numMons,
    List<String> quorumNames,
    int numOsds,
    int upOsds,
    int inOsds,
    Map<String, Integer> pgsByState,
    boolean fileSystem,
    List<Rank> ranks,
    int maxMds,
    int standbyMds,
    List<String> rgwDaemons) {

  // Ceph prints the fsmap's "id", "up", "in", "max" once per file system into one object, so
  // duplicate keys are expected: the default (last one wins) is what we want, not strictness.
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One entry of {@code health.checks}.
   *
   * @param code e.g. OSD_DOWN
   * @param severity HEALTH_WARN or HEALTH_ERR
   * @param message {@code summary.message}, e.g. "1 osds down"
   * @param muted whether an operator muted it ({@code ceph health mute}); Ceph leaves it out of the
   *     status
   */
  record HealthCheck(String code, String severity, String message, boolean muted) {}

  /** An MDS rank of {@code fsmap.by_rank}: {@code status} like "up:active" or "up:replay". */
  record Rank(int filesystemId, int rank, String name, String status) {}

  /** Reads the JSON, or empty when it is not a Ceph status document. */
  static Optional<CephStatus> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject() || !root.path("health").path("status").isString()) {
      return Optional.empty();
    }
    List<HealthCheck> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.path("health").path("checks").properties()) {
      JsonNode c = e.getValue();
      checks.add(
          new HealthCheck(
              e.getKey(),
              c.path("severity").asString(""),
              c.path("summary").path("message").asString(""),
              c.path("muted").asBoolean(false)));
    }
    List<String> quorum = new ArrayList<>();
    root.path("quorum_names").forEach(n -> quorum.add(n.asString("")));
    JsonNode osd = root.path("osdmap");
    if (osd.has("osdmap")) {
      osd = osd.path("osdmap"); // Ceph 15 and older nest it
    }
    Map<String, Integer> pgs = new TreeMap<>();
    root.path("pgmap")
        .path("pgs_by_state")
        .forEach(
            s ->
                pgs.merge(
                    s.path("state_name").asString("?"), s.path("count").asInt(0), Integer::sum));
    JsonNode fs = root.path("fsmap");
    List<Rank> ranks = new ArrayList<>();
    fs.path("by_rank")
        .forEach(
            r ->
                ranks.add(
                    new Rank(
                        r.path("filesystem_id").asInt(0),
                        r.path("rank").asInt(0),
                        r.path("name").asString("?"),
                        r.path("status").asString("?"))));
    List<String> rgw = new ArrayList<>();
    for (Map.Entry<String, JsonNode> d :
        root.path("servicemap").path("services").path("rgw").path("daemons").properties()) {
      if (d.getValue().isObject()) { // "summary" is a string beside the daemons
        rgw.add(d.getValue().path("metadata").path("id").asString(d.getKey()));
      }
    }
    return Optional.of(
        new CephStatus(
            root.path("health").path("status").asString(),
            checks,
            root.path("monmap").path("num_mons").asInt(-1),
            quorum,
            osd.path("num_osds").asInt(-1),
            osd.path("num_up_osds").asInt(-1),
            osd.path("num_in_osds").asInt(-1),
            pgs,
            fs.has("max") || fs.has("id") || !ranks.isEmpty(),
            ranks,
            fs.path("max").asInt(-1),
            fs.path("up:standby").asInt(0),
            rgw));
  }

  int pgs() {
    return pgsByState.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** PGs in a state without "active": their objects can be neither read nor written. */
  int pgsInactive() {
    return count(s -> !s.contains("active"));
  }

  int pgsMatching(String part) {
    return count(s -> s.contains(part));
  }

  private int count(java.util.function.Predicate<String> state) {
    return pgsByState.entrySet().stream()
        .filter(e -> state.test(e.getKey()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }
}
