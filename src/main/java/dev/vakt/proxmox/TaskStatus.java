package dev.vakt.proxmox;

import tools.jackson.databind.JsonNode;

/**
 * A task's state, from {@code GET /nodes/{node}/tasks/{upid}/status} or one entry of {@code GET
 * /cluster/tasks}.
 *
 * @param upid the task id as text
 * @param node the node running it
 * @param type e.g. "qmigrate"
 * @param id its object, e.g. the vmid; null when none
 * @param running whether it still runs ({@code status} "running"; in the cluster list: no {@code
 *     endtime} yet)
 * @param exitStatus once stopped: "OK", "WARNINGS: n", or the error text; null while running
 */
public record TaskStatus(
    String upid, String node, String type, String id, boolean running, String exitStatus) {

  /** Stopped with "OK" or with warnings only (Proxmox VE 7+: "WARNINGS: 2"). */
  public boolean succeeded() {
    return !running
        && exitStatus != null
        && (exitStatus.equals("OK") || exitStatus.startsWith("WARNINGS"));
  }

  static TaskStatus of(JsonNode d) {
    String status = Json.asText(d.path("status"));
    boolean running = !"stopped".equals(status);
    return new TaskStatus(
        Json.asText(d.path("upid")),
        Json.asText(d.path("node")),
        Json.asText(d.path("type")),
        Json.asText(d.path("id")),
        running,
        running ? null : exitStatus(d.path("exitstatus")));
  }

  static TaskStatus ofListEntry(JsonNode d) {
    JsonNode end = d.path("endtime");
    boolean running = end.isMissingNode() || end.isNull();
    return new TaskStatus(
        Json.asText(d.path("upid")),
        Json.asText(d.path("node")),
        Json.asText(d.path("type")),
        Json.asText(d.path("id")),
        running,
        running ? null : exitStatus(d.path("status")));
  }

  /** A stopped task without an exit status ended in a way Proxmox VE could not record. */
  private static String exitStatus(JsonNode n) {
    String s = Json.asText(n);
    return s == null || s.isBlank() ? "unknown exit status" : s;
  }
}
