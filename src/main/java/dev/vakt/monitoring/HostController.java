package dev.vakt.monitoring;

import dev.vakt.common.InvalidField;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.ssh.HostKeyOffers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A server's agentless checks (access verification, host health) and the approval of its SSH host
 * key (ACC-1): nothing runs on a server until a person approved the key it shows.
 */
@RestController
@RequestMapping("/api/monitoring/servers/{server}")
class HostController {

  private final JdbcClient jdbc;
  private final MonitoringService monitoring;
  private final InventoryService inventory;
  private final HostKeyOffers offers;

  HostController(
      JdbcClient jdbc,
      MonitoringService monitoring,
      InventoryService inventory,
      StandardProbes probes) {
    this.jdbc = jdbc;
    this.monitoring = monitoring;
    this.inventory = inventory;
    this.offers = probes.hostKeys();
  }

  /** One agentless check of a server. */
  record HostStatus(
      String id,
      String coverage,
      String state,
      String current,
      Instant since,
      int attempt,
      Instant lastCheckAt,
      String lastReason,
      Long lastLatencyMs) {}

  /** The key approved for a server, and the one it shows when that differs. */
  record HostKey(
      String server, String approved, String offered, Instant offeredAt, boolean changed) {}

  /** The fingerprint to approve, as the server showed it (SHA256:...). */
  record Approval(String fingerprint) {
    Approval {
      dev.vakt.common.Texts.check("fingerprint", fingerprint, dev.vakt.common.Texts.MAX_NAME);
    }
  }

  @GetMapping("/host")
  List<HostStatus> host(@PathVariable String server) {
    server(server);
    Map<String, String> coverage = monitoring.coverage();
    Map<String, HostStatus> byId = new java.util.TreeMap<>();
    coverage.forEach(
        (id, why) -> {
          if (id.startsWith(server + ":")) {
            byId.put(id, new HostStatus(id, why, "pending", null, null, 0, null, null, null));
          }
        });
    jdbc.sql(
            """
            select service_id, hard, current, hard_since, attempt, last_check_at, last_reason,
                   last_latency_ms
            from service_status where service_id like :prefix
            """)
        .param("prefix", server.replace("_", "\\_") + ":%")
        .query(
            (rs, i) ->
                byId.put(
                    rs.getString(1),
                    new HostStatus(
                        rs.getString(1),
                        coverage.getOrDefault(rs.getString(1), "not checked any more"),
                        rs.getString(2) == null ? "pending" : rs.getString(2),
                        rs.getString(3),
                        instant(rs.getTimestamp(4)),
                        rs.getInt(5),
                        instant(rs.getTimestamp(6)),
                        rs.getString(7),
                        (Long) rs.getObject(8))))
        .list();
    return List.copyOf(byId.values());
  }

  @GetMapping("/host-key")
  HostKey hostKey(@PathVariable String server) {
    Server s = server(server);
    String approved = approved(s);
    return offers
        .of(server)
        .filter(o -> !o.offered().equals(approved))
        .map(o -> new HostKey(server, approved, o.offered(), o.at(), approved != null))
        .orElse(new HostKey(server, approved, null, null, false));
  }

  /**
   * Approves a host key. The fingerprint must be the one the server showed, or one the
   * administrator read on the server's console: approving is a person's decision, audited with the
   * inventory change.
   */
  @PostMapping("/host-key")
  HostKey approve(
      @PathVariable String server,
      @RequestBody Approval approval,
      java.security.Principal principal) {
    Server s = server(server);
    String fingerprint = approval == null ? null : approval.fingerprint();
    if (fingerprint == null || !fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}=?")) {
      throw new InvalidField(
          "fingerprint", "must be an OpenSSH SHA256: fingerprint, e.g. SHA256:" + "A".repeat(43));
    }
    if (s.access() == null || s.access().ssh() == null) {
      throw new InvalidField("server", "server '" + server + "' has no SSH access path");
    }
    inventory.putServer(s.withHostKey(fingerprint), dev.vakt.common.Requests.actor(principal));
    monitoring.sync();
    return hostKey(server);
  }

  private Server server(String id) {
    return inventory
        .server(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no server '" + id + "'"));
  }

  private static String approved(Server s) {
    return s.access() == null || s.access().ssh() == null ? null : s.access().ssh().hostKey();
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
