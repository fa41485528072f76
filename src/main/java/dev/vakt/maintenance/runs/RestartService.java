package dev.vakt.maintenance.runs;

import dev.vakt.common.ApiErrors.Conflict;
import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.Cluster;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.maintenance.capacity.CapacityService;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.proxmox.Guest;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import java.time.Clock;
import java.util.List;

/**
 * The customer's restart of its server (MNT-12, SWH § 3: "via sin kontoadministration möjlighet att
 * starta om servern"): a VPS whose inventory entry names its guest placement is restarted through
 * the Proxmox VE API as a one-step maintenance run, on the same execution path as a rolling
 * maintenance (stored, audited, task polled, verified). Allowed only while the contract covering
 * the server (coverage, on its local day now) sets {@code maintenance.restart.selfService: true}:
 * another contract of the same customer that allows it does not (issue 18).
 */
@org.springframework.stereotype.Service
public class RestartService {

  /** The reason recorded when the request gives none. */
  static final String DEFAULT_REASON = "restart requested by the customer (self-service, MNT-12)";

  private final InventoryService inventory;
  private final CoverageService coverage;
  private final CapacityService capacity;
  private final MaintenanceRunService runs;
  private final RunLauncher launcher;
  private final RunStore store;
  private final Clock clock;

  RestartService(
      InventoryService inventory,
      CoverageService coverage,
      CapacityService capacity,
      MaintenanceRunService runs,
      RunLauncher launcher,
      RunStore store,
      Clock clock) {
    this.inventory = inventory;
    this.coverage = coverage;
    this.capacity = capacity;
    this.runs = runs;
    this.launcher = launcher;
    this.store = store;
    this.clock = clock;
  }

  /** The contract does not allow it (403). */
  public static final class NotAllowed extends RuntimeException {
    NotAllowed(String reason) {
      super(reason);
    }
  }

  /**
   * Restarts server {@code id} in the background.
   *
   * @param reason why, or null
   * @throws NotFound when there is no such server
   * @throws NotAllowed when no contract allows self-service restarts
   * @throws Conflict when the server is no restartable guest, or its cluster has a run in progress
   * @throws ProxmoxException when the cluster's API cannot be read
   */
  public MaintenanceRun restart(String id, String reason, String actor) throws ProxmoxException {
    Target target = target(id);
    Server server = target.server();
    Cluster cluster = target.cluster();
    ProxmoxClient client = target.client();
    Guest guest = target.guest();
    int vmid = guest.vmid();
    PlanStep step = new PlanStep.RestartGuest(vmid, guest.type(), guest.name(), guest.node());
    long run =
        runs.create(
            new RunStore.NewRun(
                cluster.id(),
                server.customer(),
                MaintenanceRun.Kind.RESTART,
                reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip(),
                actor,
                server.id(),
                List.of(),
                clock.instant()),
            List.of(step));
    launcher.launch(new RunExecutor.Job(run, List.of(step), client, NodePatcher.SKIP, null, null));
    return store.get(run).orElseThrow();
  }

  /**
   * What a restart of server {@code id} would do, checked exactly as {@link #restart} checks it,
   * without restarting anything or storing a run: the dry run the portal shows before the real one.
   *
   * @throws NotFound when there is no such server
   * @throws NotAllowed when no contract allows self-service restarts
   * @throws Conflict when the server is no restartable guest
   * @throws ProxmoxException when the cluster's API cannot be read
   */
  public Preview preview(String id) throws ProxmoxException {
    Target t = target(id);
    Guest g = t.guest();
    return new Preview(
        true,
        t.server().id(),
        t.cluster().id(),
        g.vmid(),
        g.name(),
        g.node(),
        "restart "
            + g.type()
            + " guest "
            + g.vmid()
            + (g.name() == null ? "" : " (" + g.name() + ")")
            + " on node "
            + g.node()
            + ", then wait until it runs again");
  }

  /** A restart's dry run: would it start, and what it would do. */
  public record Preview(
      boolean dryRun,
      String server,
      String cluster,
      int vmid,
      String guest,
      String node,
      String plan) {}

  private record Target(Server server, Cluster cluster, ProxmoxClient client, Guest guest) {}

  /** The server's guest, after every check a restart makes before it starts. */
  private Target target(String id) throws ProxmoxException {
    Server server = inventory.server(id).orElseThrow(() -> new NotFound("server " + id));
    Coverage covering = coverage.now(Subject.server(id));
    if (!selfService(covering)) {
      throw new NotAllowed(
          covering
                  .contractId()
                  .map(c -> "contract " + c + ", which covers server " + id + ",")
                  .orElse("no contract covers server " + id + " today and so none")
              + " does not allow the customer to restart it"
              + " (maintenance.restart.selfService)");
    }
    if (server.guest() == null) {
      throw new Conflict(
          "server "
              + id
              + " names no guest placement in the inventory (guest: { cluster, vmid }), so Vakt"
              + " cannot restart it; only a VPS on a Proxmox VE cluster can be restarted");
    }
    Cluster cluster =
        inventory
            .cluster(server.guest().cluster())
            .orElseThrow(
                () -> new Conflict("cluster " + server.guest().cluster() + " does not exist"));
    ProxmoxClient client = capacity.client(cluster);
    int vmid = server.guest().vmid();
    Guest guest =
        client.guests().stream()
            .filter(g -> g.vmid() == vmid)
            .findFirst()
            .orElseThrow(
                () -> new Conflict("guest " + vmid + " does not exist in cluster " + cluster.id()));
    if (!guest.running()) {
      throw new Conflict(
          "guest " + vmid + " is " + guest.status() + ": only a running guest is restarted");
    }
    return new Target(server, cluster, client, guest);
  }

  private static boolean selfService(Coverage c) {
    MaintenanceTerms m = c.terms() == null ? null : c.terms().terms().maintenance();
    return m != null && m.restart() != null && Boolean.TRUE.equals(m.restart().selfService());
  }
}
