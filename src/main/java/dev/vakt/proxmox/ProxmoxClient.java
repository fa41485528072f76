package dev.vakt.proxmox;

import dev.vakt.common.SecretRef;
import dev.vakt.inventory.Cluster;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A client of the Proxmox VE API ({@code /api2/json}) with API-token authentication: one method per
 * endpoint, each returning a typed record with the API's units (bytes, fractions). Reads are GETs;
 * the few writes rolling maintenance needs (migrate, reboot, task status) are form-encoded POSTs
 * that start a task and return its UPID. API tokens need no CSRF token, so none is sent.
 *
 * <p>Authentication is the header {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}; the
 * token is fetched from its supplier on every request (a rotated secret is picked up) and never
 * appears in a message or log. TLS is either pinned to the server certificate's SHA-256 fingerprint
 * (Proxmox VE's self-signed certificate; the pin replaces the chain and host name checks) or
 * validated against a trust store with the host name check; there is no trust-all. Each request has
 * a connect timeout and a read timeout of the given duration, and is made without any proxy.
 *
 * <p>Plain Java and thread-safe; it holds no connection state beyond the JDK's keep-alive cache.
 */
public final class ProxmoxClient {

  /** The largest answer read: a few hundred guests' resources are well below. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  /** Task log lines read to find the tail: a long migration logs a few thousand. */
  static final int TASK_LOG_LINES = 50_000;

  private final PveTransport transport;

  /**
   * @param baseUrl the API root, e.g. {@code https://10.0.0.5:8006/api2/json}
   * @param token supplies "USER@REALM!TOKENID=SECRET" (a leading "PVEAPIToken=" is accepted)
   * @param trust a pinned fingerprint or a trust store
   * @param timeout connect timeout and read timeout, each
   */
  public ProxmoxClient(URI baseUrl, Supplier<String> token, TlsTrust trust, Duration timeout) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!"https".equalsIgnoreCase(baseUrl.getScheme()) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "the Proxmox VE API is reached over https, e.g. https://host:8006/api2/json");
    }
    String b = baseUrl.toString();
    String base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.transport = new PveTransport(base, token, trust, (int) timeout.toMillis());
  }

  private ProxmoxClient(PveTransport transport) {
    this.transport = transport;
  }

  /**
   * This client with every request connected to {@code approved}, the address the monitoring guard
   * approved for the API's host, rather than to a new lookup of the name (issue 16, F19). The name
   * stays in the URL for SNI and the certificate check.
   */
  public ProxmoxClient at(java.net.InetAddress approved) {
    return new ProxmoxClient(transport.at(approved));
  }

  /** With a token already resolved. */
  public ProxmoxClient(URI baseUrl, String token, TlsTrust trust, Duration timeout) {
    this(baseUrl, constant(Objects.requireNonNull(token, "token")), trust, timeout);
  }

  /**
   * The client of an inventory cluster: its {@code apiUrl}, and its {@code apiToken} resolved by
   * {@code secrets} on each request.
   */
  public static ProxmoxClient of(
      Cluster cluster, Function<SecretRef, String> secrets, TlsTrust trust, Duration timeout) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(secrets, "secrets");
    SecretRef ref = cluster.apiToken();
    if (ref == null) {
      throw new IllegalArgumentException("cluster " + cluster.id() + " has no apiToken");
    }
    return new ProxmoxClient(
        URI.create(cluster.apiUrl()), () -> secrets.apply(ref), trust, timeout);
  }

  private static Supplier<String> constant(String token) {
    return () -> token;
  }

  // ---- endpoints ----------------------------------------------------------------------------

  /** {@code GET /version}: the answering node's pve-manager version. */
  public Version version() throws ProxmoxException {
    return Version.of(object(get("/version"), "/version"));
  }

  /** {@code GET /cluster/status}: quorum and membership (MON-2). */
  public ClusterStatus clusterStatus() throws ProxmoxException {
    return ClusterStatus.of(array(get("/cluster/status"), "/cluster/status"));
  }

  /** {@code GET /cluster/resources?type=vm}: every VM and container with configured CPU/memory. */
  public List<Guest> guests() throws ProxmoxException {
    String path = "/cluster/resources?type=vm";
    return Json.list(array(get(path), path), Guest::of);
  }

  /** {@code GET /cluster/resources?type=node}: each node's capacity and use. */
  public List<NodeResource> nodeResources() throws ProxmoxException {
    String path = "/cluster/resources?type=node";
    return Json.list(array(get(path), path), NodeResource::of);
  }

  /** {@code GET /nodes/{node}/status}: memory, load, CPU, root file system, versions. */
  public NodeStatus nodeStatus(String node) throws ProxmoxException {
    String path = PvePaths.node(node) + "/status";
    return NodeStatus.of(object(get(path), path));
  }

  /** {@code GET /nodes/{node}/storage}: the storages as this node sees them. */
  public List<StorageStatus> storage(String node) throws ProxmoxException {
    String path = PvePaths.node(node) + "/storage";
    return Json.list(array(get(path), path), StorageStatus::of);
  }

  /** {@code GET /nodes/{node}/disks/zfs}: the node's zpools. */
  public List<ZfsPool> zfsPools(String node) throws ProxmoxException {
    String path = PvePaths.node(node) + "/disks/zfs";
    return Json.list(array(get(path), path), ZfsPool::of);
  }

  /** {@code GET /nodes/{node}/disks/lvmthin}: the node's LVM thin pools. */
  public List<ThinPool> thinPools(String node) throws ProxmoxException {
    String path = PvePaths.node(node) + "/disks/lvmthin";
    return Json.list(array(get(path), path), ThinPool::of);
  }

  /**
   * {@code GET /nodes/{node}/apt/update}: updates found by the node's last {@code apt update}.
   * Needs {@code Sys.Modify} on {@code /nodes/{node}}, which PVEAuditor lacks.
   */
  public List<PendingUpdate> pendingUpdates(String node) throws ProxmoxException {
    String path = PvePaths.node(node) + "/apt/update";
    return Json.list(array(get(path), path), PendingUpdate::of);
  }

  /** {@code GET /nodes/{node}/subscription}. */
  public Subscription subscription(String node) throws ProxmoxException {
    String path = PvePaths.node(node) + "/subscription";
    return Subscription.of(object(get(path), path));
  }

  /**
   * {@code GET /cluster/ceph/status}: the {@code ceph status -f json} document, as the Ceph readers
   * judge it.
   */
  public JsonNode cephStatus() throws ProxmoxException {
    return object(get("/cluster/ceph/status"), "/cluster/ceph/status");
  }

  /** {@code GET /nodes/{node}/ceph/status}: the same document, asked through one node. */
  public JsonNode cephStatus(String node) throws ProxmoxException {
    String path = PvePaths.node(node) + "/ceph/status";
    return object(get(path), path);
  }

  /**
   * The {@code data} of any GET, for endpoints without a typed method yet.
   *
   * @param path below the API root, starting with "/", e.g. "/nodes/pve1/tasks"
   */
  public JsonNode get(String path) throws ProxmoxException {
    if (path == null || !path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("an API path starts with / and stays below the root");
    }
    return transport.request("GET", path, null);
  }

  // ---- writes and tasks (rolling maintenance, MNT-7, MNT-12) ---------------------------------

  /**
   * The {@code data} of a form-encoded POST.
   *
   * @param path below the API root, starting with "/"
   * @param form the parameters, in order; empty for none
   */
  public JsonNode post(String path, Map<String, String> form) throws ProxmoxException {
    if (path == null || !path.startsWith("/") || path.contains("..") || path.contains("?")) {
      throw new IllegalArgumentException("an API path starts with / and stays below the root");
    }
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return transport.request("POST", path, body.toString());
  }

  /**
   * {@code POST /nodes/{node}/{qemu|lxc}/{vmid}/migrate}: moves a guest to {@code target}. A
   * running VM migrates live ({@code online=1}); a running container by restart migration ({@code
   * restart=1}: stopped, moved, started, a short downtime); a stopped guest offline. For an
   * HA-managed guest the task only asks the HA stack, which moves it afterwards: callers verify
   * where the guest is, not only the task. Needs {@code VM.Migrate} on {@code /vms/{vmid}}.
   *
   * @param running whether the guest runs (selects live or restart migration)
   * @return the task's UPID
   */
  public Upid migrate(String node, String type, int vmid, String target, boolean running)
      throws ProxmoxException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("target", PvePaths.checkNode(target));
    if (running) {
      form.put("lxc".equals(PvePaths.guestType(type)) ? "restart" : "online", "1");
    }
    String path = PvePaths.guest(node, type, vmid) + "/migrate";
    return upid(post(path, form), "POST " + path);
  }

  /**
   * {@code POST /nodes/{node}/{qemu|lxc}/{vmid}/status/reboot}: shuts the guest down and starts it
   * again (MNT-12). Needs {@code VM.PowerMgmt} on {@code /vms/{vmid}}.
   *
   * @return the task's UPID
   */
  public Upid rebootGuest(String node, String type, int vmid) throws ProxmoxException {
    String path = PvePaths.guest(node, type, vmid) + "/status/reboot";
    return upid(post(path, Map.of()), "POST " + path);
  }

  /**
   * {@code POST /nodes/{node}/status} with {@code command=reboot}. Proxmox VE answers {@code null},
   * not a task: the node reboots two seconds later, so callers verify the reboot by the node's
   * uptime, not by a task. Needs {@code Sys.PowerMgmt} on {@code /nodes/{node}}.
   */
  public void rebootNode(String node) throws ProxmoxException {
    post(PvePaths.node(node) + "/status", Map.of("command", "reboot"));
  }

  /** {@code GET /nodes/{node}/tasks/{upid}/status}, asked of the node that runs the task. */
  public TaskStatus taskStatus(Upid upid) throws ProxmoxException {
    String path = PvePaths.task(upid) + "/status";
    return TaskStatus.of(object(get(path), path));
  }

  /**
   * The last {@code lines} lines of a task's log ({@code GET /nodes/{node}/tasks/{upid}/log}),
   * where a failed task says why.
   */
  public List<String> taskLogTail(Upid upid, int lines) throws ProxmoxException {
    String path = PvePaths.task(upid) + "/log?start=0&limit=" + TASK_LOG_LINES;
    List<String> all = new java.util.ArrayList<>();
    for (JsonNode l : array(get(path), path)) {
      all.add(l.path("t").asString(""));
    }
    return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, lines)), all.size()));
  }

  /** {@code GET /cluster/tasks}: the cluster's recent and running tasks. */
  public List<TaskStatus> clusterTasks() throws ProxmoxException {
    return Json.list(array(get("/cluster/tasks"), "/cluster/tasks"), TaskStatus::ofListEntry);
  }

  private static JsonNode object(JsonNode data, String path) throws ProxmoxException {
    if (data == null || !data.isObject()) {
      throw new ProxmoxException(
          ProxmoxException.Kind.BAD_RESPONSE,
          "GET " + path + ": \"data\" is not an object but " + kind(data));
    }
    return data;
  }

  private static JsonNode array(JsonNode data, String path) throws ProxmoxException {
    if (data == null || !data.isArray()) {
      throw new ProxmoxException(
          ProxmoxException.Kind.BAD_RESPONSE,
          "GET " + path + ": \"data\" is not a list but " + kind(data));
    }
    return data;
  }

  private static String kind(JsonNode n) {
    return n == null || n.isNull()
        ? "null"
        : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static Upid upid(JsonNode data, String where) throws ProxmoxException {
    if (data == null || !data.isString()) {
      throw new ProxmoxException(
          ProxmoxException.Kind.BAD_RESPONSE, where + ": no task id (UPID) in the answer");
    }
    try {
      return Upid.parse(data.asString());
    } catch (IllegalArgumentException e) {
      throw new ProxmoxException(ProxmoxException.Kind.BAD_RESPONSE, where + ": " + e.getMessage());
    }
  }
}
