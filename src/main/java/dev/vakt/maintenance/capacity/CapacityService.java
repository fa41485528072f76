package dev.vakt.maintenance.capacity;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.contract.CapacityTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.CustomerCoverage;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.Cluster;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.proxmox.ClusterStatus;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.proxmox.TlsTrust;
import dev.vakt.reach.Reach;
import dev.vakt.secrets.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

/**
 * The N-1 check and the rolling-maintenance dry run of an inventory cluster, on its live state
 * (MNT-7, MNT-8): the cluster from the inventory, the capacity terms of the contracts covering its
 * nodes now ({@link ClusterTerms}), and nodes, guests, storage and quorum from the Proxmox VE API
 * (read-only, with the cluster's pinned certificate fingerprint). Nothing is changed on the
 * cluster.
 */
@org.springframework.stereotype.Service
public class CapacityService {

  private final InventoryService inventory;
  private final CoverageService coverage;
  private final Secrets secrets;
  private final Clock clock;
  private final Duration timeout;
  private final Reach reach;

  CapacityService(
      InventoryService inventory,
      CoverageService coverage,
      Secrets secrets,
      Clock clock,
      @Value("${vakt.maintenance.api-timeout:10s}") Duration timeout,
      Reach reach) {
    this.reach = reach;
    this.inventory = inventory;
    this.coverage = coverage;
    this.secrets = secrets;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * Vakt's parameters of the check.
   *
   * @param hostReservedRamBytes RAM kept per node for the host; null for the default (0)
   * @param guestRule which guests count; null for the default ({@code ALL})
   */
  public record Options(Long hostReservedRamBytes, CapacityRule.GuestRule guestRule) {
    public static Options defaults() {
      return new Options(null, null);
    }
  }

  /**
   * The N-1 check of one cluster.
   *
   * @param cluster the cluster id
   * @param customer its customer
   * @param contract the contract whose terms applied (several joined by ", " when the nodes fall
   *     under several; {@link ClusterTerms}), null when none sets capacity terms
   * @param at when the state was read
   * @param nMinusOneRequired whether the contract requires N-1 (STW 10.0)
   * @param shortfallIsCustomerResponsibility whether a shortfall makes outages from resource
   *     shortage the customer's (SLA-9)
   * @param report the check
   * @param warnings what was assumed or could not be read
   */
  public record Assessment(
      String cluster,
      String customer,
      String contract,
      Instant at,
      boolean nMinusOneRequired,
      boolean shortfallIsCustomerResponsibility,
      NMinusOne.Report report,
      List<String> warnings) {}

  /**
   * The dry run of a rolling maintenance of one cluster.
   *
   * @param verdict the cluster's N-1 verdict, for context
   * @param plan the steps
   * @param dryRun the steps in words, numbered
   */
  public record MaintenancePlan(
      String cluster,
      Instant at,
      NMinusOne.Verdict verdict,
      RollingPlan plan,
      List<String> dryRun,
      List<String> warnings) {}

  /**
   * What is needed to judge one cluster, and to run its maintenance.
   *
   * @param nodeServers each node's inventory server, by node name, where one matches
   */
  public record Input(
      Cluster cluster,
      ClusterTerms terms,
      CapacityRule rule,
      ClusterState state,
      Map<String, Server> nodeServers,
      List<String> warnings) {}

  /**
   * The N-1 check of {@code clusterId} now.
   *
   * @throws NotFound when the inventory has no such cluster
   * @throws ProxmoxException when the API cannot be read
   */
  public Assessment capacity(String clusterId, Options options) throws ProxmoxException {
    Instant at = clock.instant();
    Input in = input(clusterId, options);
    CapacityTerms t = in.terms().capacity();
    return new Assessment(
        in.cluster().id(),
        in.cluster().customer(),
        in.terms().contract(),
        at,
        t != null && Boolean.TRUE.equals(t.nMinusOne()),
        t != null && Boolean.TRUE.equals(t.shortfallIsCustomerResponsibility()),
        NMinusOne.check(in.state(), in.rule()),
        in.warnings());
  }

  /** The rolling-maintenance dry run of {@code clusterId} now. */
  public MaintenancePlan plan(String clusterId, Options options) throws ProxmoxException {
    Instant at = clock.instant();
    Input in = input(clusterId, options);
    RollingPlan plan = RollingPlan.of(in.state(), in.rule());
    return new MaintenancePlan(
        in.cluster().id(),
        at,
        NMinusOne.check(in.state(), in.rule()).verdict(),
        plan,
        plan.lines(),
        in.warnings());
  }

  /** The cluster's API client: its token resolved per request, its certificate pinned. */
  public ProxmoxClient client(Cluster cluster) {
    java.net.InetAddress approved = null;
    if (cluster.apiUrl() != null) {
      // The API URL is a technician's entry: it gets a check's reach, no more (issue 16, F2),
      // and the client connects to the address the guard approved (F19).
      Reach.Decision decision = reach.decide(java.net.URI.create(cluster.apiUrl()));
      decision
          .refusal()
          .ifPresent(
              why -> {
                throw new ApiErrors.InvalidInput("/apiUrl", why);
              });
      approved = decision.address();
    }
    ProxmoxClient client =
        ProxmoxClient.of(
            cluster,
            secrets::resolveDocumentReference,
            cluster.apiFingerprint() == null
                ? TlsTrust.jvmDefault()
                : TlsTrust.pinned(cluster.apiFingerprint()),
            timeout);
    return approved == null ? client : client.at(approved);
  }

  /**
   * The cluster's live state, rule and inventory, as the check and the plan see them.
   *
   * @throws NotFound when the inventory has no such cluster
   * @throws ProxmoxException when the API cannot be read
   */
  public Input input(String clusterId, Options options) throws ProxmoxException {
    Options o = options == null ? Options.defaults() : options;
    Cluster cluster =
        inventory.cluster(clusterId).orElseThrow(() -> new NotFound("cluster " + clusterId));
    List<String> warnings = new ArrayList<>();
    ClusterTerms terms = terms(cluster, warnings);
    CapacityRule rule =
        CapacityRule.of(
            terms.capacity(),
            o.hostReservedRamBytes() == null
                ? CapacityRule.DEFAULT_HOST_RESERVED_RAM
                : o.hostReservedRamBytes(),
            o.guestRule());
    PveAdapter.Snapshot snapshot = PveAdapter.fetch(client(cluster));
    Map<String, Server> servers = nodeServers(cluster, snapshot.status());
    Map<String, Server.Role> roles = new HashMap<>();
    servers.forEach(
        (node, server) -> {
          if (server.role() != null) {
            roles.put(node, server.role());
          }
        });
    PveAdapter.Result r = PveAdapter.state(snapshot, roles);
    warnings.addAll(r.warnings());
    return new Input(cluster, terms, rule, r.state(), servers, warnings);
  }

  /**
   * The cluster's capacity terms: those of the contracts covering its nodes now, each on its local
   * day (the strictest when several; {@link ClusterTerms}). A cluster whose nodes the inventory
   * does not list is held to the customer's contracts running today.
   */
  private ClusterTerms terms(Cluster cluster, List<String> warnings) {
    Instant now = clock.instant();
    List<Server> nodes =
        inventory.servers(cluster.customer()).stream()
            .filter(s -> cluster.id().equals(s.cluster()))
            .toList();
    ClusterTerms t;
    LocalDate today;
    if (nodes.isEmpty()) {
      CustomerCoverage c = coverage.ofCustomer(cluster.customer(), now);
      t = ClusterTerms.of(c.contracts());
      today = c.localDate();
    } else {
      List<Coverage> covering =
          nodes.stream().map(s -> coverage.at(Subject.server(s.id()), now)).toList();
      t = ClusterTerms.of(covering.stream().map(Coverage::terms).toList());
      today = covering.getFirst().localDate();
    }
    if (t.capacity() == null) {
      warnings.add(
          "no contract covering cluster " + cluster.id() + " sets capacity terms on " + today);
    } else if (t.combined()) {
      warnings.add(
          "the nodes of cluster "
              + cluster.id()
              + " are covered by contracts "
              + t.contract()
              + " with capacity terms; the strictest of each applies");
    }
    return t;
  }

  /**
   * Each node's inventory server (for its role and its SSH access path): the server of this cluster
   * with the node's address, or named like the node.
   */
  private Map<String, Server> nodeServers(Cluster cluster, ClusterStatus status) {
    Map<String, Server> out = new HashMap<>();
    List<Server> servers =
        inventory.servers(cluster.customer()).stream()
            .filter(s -> cluster.id().equals(s.cluster()))
            .toList();
    for (ClusterStatus.Node n : status.nodes()) {
      for (Server s : servers) {
        if (s.address().equals(n.ip()) || s.id().equals(n.name())) {
          out.put(n.name(), s);
          break;
        }
      }
    }
    return out;
  }
}
