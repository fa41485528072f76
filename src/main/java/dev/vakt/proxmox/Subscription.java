package dev.vakt.proxmox;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /nodes/{node}/subscription}. The key itself ({@code key}) is not kept.
 *
 * @param status "active", "notfound", "expired", "invalid", "suspended" or "new" (Proxmox VE 7 and
 *     older capitalise: "Active", "NotFound")
 * @param level e.g. "c" (community), "b" (basic), "s" (standard), "p" (premium); null without one
 * @param productName e.g. "Proxmox VE Community Subscription 2 CPUs/year"; null without one
 * @param nextDueDate e.g. "2027-03-14"; null without one
 * @param message the server's message, e.g. "There is no subscription key"; null without one
 * @param sockets the sockets the subscription covers, or -1
 */
public record Subscription(
    String status,
    String level,
    String productName,
    String nextDueDate,
    String message,
    int sockets) {

  /** The subscription in the API's answer {@code d} (its {@code data} object). */
  public static Subscription of(JsonNode d) {
    return new Subscription(
        Json.asText(d.path("status")),
        Json.asText(d.path("level")),
        Json.asText(d.path("productname")),
        Json.asText(d.path("nextduedate")),
        Json.asText(d.path("message")),
        Json.asInt(d.path("sockets"), -1));
  }
}
