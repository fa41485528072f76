package dev.vakt.monitoring.pve;

import dev.vakt.common.SecretRef;
import dev.vakt.inventory.Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern TOKEN = Pattern.compile("[^\\s=!@]+@[^\\s=!@]+![^\\s=]+=\\S+");
  private static final Pattern NODE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62})");

  private final String base;
  private final Supplier<String> token;
  private final SSLSocketFactory tls;
  private final String trustName;
  private final int timeoutMillis;

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
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.token = Objects.requireNonNull(token, "token");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeoutMillis = (int) timeout.toMillis();
    this.tls = socketFactory(trust);
    this.trustName = trust instanceof TlsTrust.Pinned ? "pinned" : "trust store";
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
    String path = node(node) + "/status";
    return NodeStatus.of(object(get(path), path));
  }

  /** {@code GET /nodes/{node}/storage}: the storages as this node sees them. */
  public List<StorageStatus> storage(String node) throws ProxmoxException {
    String path = node(node) + "/storage";
    return Json.list(array(get(path), path), StorageStatus::of);
  }

  /** {@code GET /nodes/{node}/disks/zfs}: the node's zpools. */
  public List<ZfsPool> zfsPools(String node) throws ProxmoxException {
    String path = node(node) + "/disks/zfs";
    return Json.list(array(get(path), path), ZfsPool::of);
  }

  /** {@code GET /nodes/{node}/disks/lvmthin}: the node's LVM thin pools. */
  public List<ThinPool> thinPools(String node) throws ProxmoxException {
    String path = node(node) + "/disks/lvmthin";
    return Json.list(array(get(path), path), ThinPool::of);
  }

  /**
   * {@code GET /nodes/{node}/apt/update}: updates found by the node's last {@code apt update}.
   * Needs {@code Sys.Modify} on {@code /nodes/{node}}, which PVEAuditor lacks.
   */
  public List<PendingUpdate> pendingUpdates(String node) throws ProxmoxException {
    String path = node(node) + "/apt/update";
    return Json.list(array(get(path), path), PendingUpdate::of);
  }

  /** {@code GET /nodes/{node}/subscription}. */
  public Subscription subscription(String node) throws ProxmoxException {
    String path = node(node) + "/subscription";
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
    String path = node(node) + "/ceph/status";
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
    return request("GET", path, null);
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
    return request("POST", path, body.toString());
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
    form.put("target", checkNode(target));
    if (running) {
      form.put("lxc".equals(guestType(type)) ? "restart" : "online", "1");
    }
    String path = guest(node, type, vmid) + "/migrate";
    return upid(post(path, form), "POST " + path);
  }

  /**
   * {@code POST /nodes/{node}/{qemu|lxc}/{vmid}/status/reboot}: shuts the guest down and starts it
   * again (MNT-12). Needs {@code VM.PowerMgmt} on {@code /vms/{vmid}}.
   *
   * @return the task's UPID
   */
  public Upid rebootGuest(String node, String type, int vmid) throws ProxmoxException {
    String path = guest(node, type, vmid) + "/status/reboot";
    return upid(post(path, Map.of()), "POST " + path);
  }

  /**
   * {@code POST /nodes/{node}/status} with {@code command=reboot}. Proxmox VE answers {@code null},
   * not a task: the node reboots two seconds later, so callers verify the reboot by the node's
   * uptime, not by a task. Needs {@code Sys.PowerMgmt} on {@code /nodes/{node}}.
   */
  public void rebootNode(String node) throws ProxmoxException {
    post(node(node) + "/status", Map.of("command", "reboot"));
  }

  /** {@code GET /nodes/{node}/tasks/{upid}/status}, asked of the node that runs the task. */
  public TaskStatus taskStatus(Upid upid) throws ProxmoxException {
    String path = task(upid) + "/status";
    return TaskStatus.of(object(get(path), path));
  }

  /**
   * The last {@code lines} lines of a task's log ({@code GET /nodes/{node}/tasks/{upid}/log}),
   * where a failed task says why.
   */
  public List<String> taskLogTail(Upid upid, int lines) throws ProxmoxException {
    String path = task(upid) + "/log?start=0&limit=" + TASK_LOG_LINES;
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

  // ---- transport ----------------------------------------------------------------------------

  private JsonNode request(String method, String path, String form) throws ProxmoxException {
    String header = authorization();
    URL url;
    try {
      url = new URI(base + path).toURL();
    } catch (URISyntaxException | IllegalArgumentException | IOException e) {
      throw new ProxmoxException(ProxmoxException.Kind.BAD_RESPONSE, "invalid API path " + path);
    }
    String where = method + " " + path;
    HttpsURLConnection c = null;
    try {
      c = (HttpsURLConnection) url.openConnection(Proxy.NO_PROXY);
      c.setSSLSocketFactory(tls);
      c.setConnectTimeout(timeoutMillis);
      c.setReadTimeout(timeoutMillis);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestMethod(method);
      c.setRequestProperty("Authorization", header);
      c.setRequestProperty("Accept", "application/json");
      if (form != null) {
        byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        c.setFixedLengthStreamingMode(bytes.length);
        try (java.io.OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      String reason = scrub(c.getResponseMessage(), header);
      if (status != 200) {
        drain(c);
        throw httpError(status, reason, where);
      }
      byte[] body;
      try (InputStream in = c.getInputStream()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        throw new ProxmoxException(
            ProxmoxException.Kind.BAD_RESPONSE,
            where + ": answer larger than " + MAX_BODY + " bytes");
      }
      return data(body, where);
    } catch (ProxmoxException e) {
      throw e;
    } catch (IOException e) {
      throw transportError(e, where);
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private String authorization() throws ProxmoxException {
    String t;
    try {
      t = token.get();
    } catch (RuntimeException e) {
      // The resolver's message may name the reference, never the secret; keep only its type.
      throw new ProxmoxException(
          ProxmoxException.Kind.AUTHENTICATION,
          "API token cannot be resolved (" + e.getClass().getSimpleName() + ")");
    }
    if (t != null) {
      t = t.strip();
      if (t.startsWith("PVEAPIToken=")) {
        t = t.substring("PVEAPIToken=".length());
      }
    }
    if (t == null || !TOKEN.matcher(t).matches()) {
      throw new ProxmoxException(
          ProxmoxException.Kind.AUTHENTICATION,
          "API token is not in the form USER@REALM!TOKENID=SECRET");
    }
    return "PVEAPIToken=" + t;
  }

  /** Removes the token's secret from a text coming from the server, should it ever echo it. */
  private static String scrub(String text, String header) {
    if (text == null) {
      return "";
    }
    int eq = header.lastIndexOf('=');
    String secret = eq >= 0 ? header.substring(eq + 1) : "";
    if (secret.length() >= 4) {
      text = text.replace(secret, "***");
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 197) + "..." : text;
  }

  private static void drain(HttpURLConnection c) {
    try (InputStream err = c.getErrorStream()) {
      if (err != null) {
        err.readNBytes(64 * 1024);
      }
    } catch (IOException e) {
      // The status already says what went wrong.
    }
  }

  private static ProxmoxException httpError(int status, String reason, String where) {
    String said = reason.isBlank() ? "" : " " + reason;
    return switch (status) {
      case 401 ->
          new ProxmoxException(
              ProxmoxException.Kind.AUTHENTICATION,
              401,
              "API token refused (HTTP 401"
                  + said
                  + "): check the token id, its secret and its"
                  + " expiry",
              null);
      case 403 ->
          new ProxmoxException(
              ProxmoxException.Kind.PERMISSION,
              403,
              "permission denied for "
                  + where
                  + " (HTTP 403"
                  + said
                  + "): the token's role lacks"
                  + " the privilege",
              null);
      case 404, 501 ->
          new ProxmoxException(
              ProxmoxException.Kind.NOT_FOUND,
              status,
              where + " not found (HTTP " + status + said + ")",
              null);
      case 595, 596 ->
          new ProxmoxException(
              ProxmoxException.Kind.HTTP,
              status,
              where
                  + ": the answering node cannot reach the target node (HTTP "
                  + status
                  + said
                  + ")",
              null);
      default ->
          new ProxmoxException(
              ProxmoxException.Kind.HTTP, status, where + " failed: HTTP " + status + said, null);
    };
  }

  private ProxmoxException transportError(IOException e, String where) {
    String host = base.replaceFirst("^https://", "").replaceFirst("/.*$", "");
    CertificateException cert = find(e, CertificateException.class);
    if (cert != null
        && cert.getMessage() != null
        && cert.getMessage().startsWith(PinnedTrustManager.MISMATCH)) {
      return new ProxmoxException(
          ProxmoxException.Kind.PIN_MISMATCH, -1, host + ": " + cert.getMessage(), e);
    }
    if (e instanceof SocketTimeoutException) {
      String phase =
          e.getMessage() != null
                  && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect")
              ? "connect"
              : "read";
      return new ProxmoxException(
          ProxmoxException.Kind.TIMEOUT,
          -1,
          where
              + ": no answer from "
              + host
              + " within "
              + timeoutMillis
              + " ms ("
              + phase
              + " timeout)",
          e);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new ProxmoxException(
          ProxmoxException.Kind.CONNECTION, -1, "cannot connect to " + host + ": " + oneLine(e), e);
    }
    if (e instanceof UnknownHostException) {
      return new ProxmoxException(
          ProxmoxException.Kind.CONNECTION, -1, "host name not resolved: " + oneLine(e), e);
    }
    if (find(e, SSLException.class) != null || cert != null) {
      Throwable deepest = cert != null ? deepest(cert) : deepest(e);
      return new ProxmoxException(
          ProxmoxException.Kind.TLS,
          -1,
          host + ": TLS failed (" + trustName + "): " + oneLine(deepest),
          e);
    }
    return new ProxmoxException(
        ProxmoxException.Kind.CONNECTION, -1, where + " to " + host + " failed: " + oneLine(e), e);
  }

  private static JsonNode data(byte[] body, String where) throws ProxmoxException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new ProxmoxException(
          ProxmoxException.Kind.BAD_RESPONSE,
          where + ": answer is not JSON: '" + preview(body) + "'");
    }
    if (root == null || !root.isObject() || !root.has("data")) {
      throw new ProxmoxException(
          ProxmoxException.Kind.BAD_RESPONSE,
          where + ": answer has no \"data\": '" + preview(body) + "'");
    }
    return root.get("data");
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

  private static String preview(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
    return s.replaceAll("\\s+", " ").strip();
  }

  private static String node(String node) {
    return "/nodes/" + URLEncoder.encode(checkNode(node), StandardCharsets.UTF_8);
  }

  private static String checkNode(String node) {
    if (node == null || !NODE.matcher(node).matches()) {
      throw new IllegalArgumentException("not a Proxmox VE node name: '" + node + "'");
    }
    return node;
  }

  private static String guestType(String type) {
    if (!"qemu".equals(type) && !"lxc".equals(type)) {
      throw new IllegalArgumentException("a guest type is qemu or lxc, not '" + type + "'");
    }
    return type;
  }

  private static String guest(String node, String type, int vmid) {
    if (vmid < 1) {
      throw new IllegalArgumentException("not a guest id: " + vmid);
    }
    return node(node) + "/" + guestType(type) + "/" + vmid;
  }

  /** The task's path on the node that runs it; the UPID is encoded (it holds ':', '@', '!'). */
  private static String task(Upid upid) {
    return node(upid.node()) + "/tasks/" + URLEncoder.encode(upid.text(), StandardCharsets.UTF_8);
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

  private static SSLSocketFactory socketFactory(TlsTrust trust) {
    try {
      return switch (trust) {
        case TlsTrust.Pinned p -> {
          SSLContext ctx = SSLContext.getInstance("TLS");
          ctx.init(null, new TrustManager[] {new PinnedTrustManager(p)}, null);
          yield ctx.getSocketFactory();
        }
        case TlsTrust.TrustStore s when s.keyStore() == null ->
            SSLContext.getDefault().getSocketFactory();
        case TlsTrust.TrustStore s -> {
          TrustManagerFactory tmf =
              TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          tmf.init(s.keyStore());
          SSLContext ctx = SSLContext.getInstance("TLS");
          ctx.init(null, tmf.getTrustManagers(), null);
          yield ctx.getSocketFactory();
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static Throwable deepest(Throwable t) {
    Throwable d = t;
    while (d.getCause() != null && d.getCause() != d) {
      d = d.getCause();
    }
    return d.getMessage() == null ? t : d;
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}
