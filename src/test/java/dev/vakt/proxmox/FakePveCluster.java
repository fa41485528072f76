package dev.vakt.proxmox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Proxmox VE cluster simulated behind a {@link FakePve}, for the tests of rolling maintenance
 * (MNT-7, MNT-12). <b>Proxmox VE cannot run here</b>; this answers as the documented API does
 * (pve-manager's {@code Nodes.pm}, {@code Qemu.pm}, {@code LXC.pm}, {@code Tasks.pm}): a migration
 * or guest reboot answers a UPID; its task reports {@code status} "running" for a configurable
 * number of polls, then "stopped" with {@code exitstatus} "OK" or an error text; a migrated guest
 * is on its target once the task has stopped with OK; {@code POST /nodes/{node}/status
 * command=reboot} answers {@code null} (no task), the node is then offline for a configurable
 * number of reads of {@code /cluster/resources?type=node} and comes back with a small uptime.
 *
 * <p>Every POST is recorded in arrival order ({@link #posts()}), so a test can assert what was sent
 * and that nothing followed a failure.
 */
public final class FakePveCluster {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long GIB = 1L << 30;

  private final String name;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<Integer, Guest> guests = new TreeMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<Integer, String> failMigration = new TreeMap<>();
  private final List<String> posts = new ArrayList<>();
  private int taskPolls;
  private int offlineReads;
  private String neverReturns;
  private int pid = 0x1000;

  private static final class Node {
    final String name;
    final String ip;
    final int cores;
    final long ram;
    boolean online = true;
    long uptime = 2_592_000;
    int offlineLeft;

    Node(String name, String ip, int cores, long ram) {
      this.name = name;
      this.ip = ip;
      this.cores = cores;
      this.ram = ram;
    }
  }

  private static final class Guest {
    final int vmid;
    final String type;
    final String name;
    final int cpus;
    final long ram;
    final boolean local;
    String node;
    String status;
    long uptime = 86_400;

    Guest(int vmid, String type, String name, String node, int cpus, long ram, boolean local) {
      this.vmid = vmid;
      this.type = type;
      this.name = name;
      this.node = node;
      this.cpus = cpus;
      this.ram = ram;
      this.local = local;
      this.status = "running";
    }
  }

  private static final class Task {
    final String upid;
    final String node;
    final String type;
    final int vmid;
    int pollsLeft;
    String exit;
    Runnable effect;

    Task(String upid, String node, String type, int vmid, int polls, Runnable effect) {
      this.upid = upid;
      this.node = node;
      this.type = type;
      this.vmid = vmid;
      this.pollsLeft = polls;
      this.effect = effect;
    }
  }

  /** Simulates cluster {@code name} behind {@code pve}, replacing any earlier handler. */
  public FakePveCluster(FakePve pve, String name) {
    this.name = name;
    pve.handler(this::answer);
  }

  /** A node with {@code cores} physical cores (twice as many threads) and {@code gib} GiB. */
  public synchronized FakePveCluster node(String node, String ip, int cores, int gib) {
    nodes.put(node, new Node(node, ip, cores, gib * GIB));
    return this;
  }

  /** A running guest on shared storage ("vmstore", NFS). */
  public synchronized FakePveCluster guest(
      int vmid, String type, String guestName, String node, int cpus, int gib) {
    guests.put(vmid, new Guest(vmid, type, guestName, node, cpus, gib * GIB, false));
    return this;
  }

  /** A running VM whose disk is on the node's local storage ("local-lvm"): it cannot move. */
  public synchronized FakePveCluster localGuest(int vmid, String guestName, String node, int gib) {
    guests.put(vmid, new Guest(vmid, "qemu", guestName, node, 1, gib * GIB, true));
    return this;
  }

  /** Tasks answer "running" this many times before they stop. */
  public synchronized FakePveCluster taskPolls(int polls) {
    this.taskPolls = polls;
    return this;
  }

  /** After a reboot a node is offline for this many reads of the node list. */
  public synchronized FakePveCluster offlineReads(int reads) {
    this.offlineReads = reads;
    return this;
  }

  /**
   * The migration of {@code vmid} stops with {@code exitStatus} and leaves the guest where it was.
   */
  public synchronized FakePveCluster failMigration(int vmid, String exitStatus) {
    failMigration.put(vmid, exitStatus);
    return this;
  }

  /** {@code node} goes down on reboot and never comes back. */
  public synchronized FakePveCluster neverReturns(String node) {
    this.neverReturns = node;
    return this;
  }

  /** Every POST so far: "POST /nodes/pve1/qemu/100/migrate target=pve2&online=1". */
  public synchronized List<String> posts() {
    return List.copyOf(posts);
  }

  /** The node {@code vmid} is on now. */
  public synchronized String nodeOf(int vmid) {
    return guests.get(vmid).node;
  }

  /** The node's uptime in seconds now. */
  public synchronized long uptime(String node) {
    return nodes.get(node).uptime;
  }

  private synchronized FakePve.Answer answer(FakePve.Request r) {
    String target = r.target().replaceFirst("^/api2/json", "");
    String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
    String[] p = target.replaceFirst("\\?.*$", "").substring(1).split("/");
    for (int i = 0; i < p.length; i++) {
      p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
    }
    String path = "/" + String.join("/", p);
    if (r.method().equals("POST")) {
      posts.add("POST " + path + (r.body().isEmpty() ? "" : " " + r.body()));
      return post(p, form(r.body()));
    }
    return switch (path) {
      case "/cluster/status" -> ok(clusterStatus());
      case "/cluster/resources" ->
          switch (query) {
            case "type=vm" -> ok(guestList());
            case "type=node" -> ok(nodeList());
            default -> null;
          };
      case "/cluster/config/nodes" -> ok(configNodes());
      case "/cluster/config/qdevice" -> ok(JSON.createObjectNode());
      case "/cluster/tasks" -> ok(taskList());
      default -> nodeGet(p, query);
    };
  }

  private FakePve.Answer nodeGet(String[] p, String query) {
    if (p.length < 3 || !p[0].equals("nodes") || !nodes.containsKey(p[1])) {
      return null;
    }
    Node n = nodes.get(p[1]);
    if (!n.online) {
      return new FakePve.Answer(595, "No route to host", "{\"data\":null}");
    }
    if (p.length == 3 && p[2].equals("status")) {
      ObjectNode s = JSON.createObjectNode();
      s.putObject("cpuinfo").put("cpus", n.cores * 2).put("cores", n.cores).put("sockets", 1);
      s.putObject("memory").put("total", n.ram).put("used", n.ram / 4).put("free", n.ram / 4 * 3);
      s.put("uptime", n.uptime);
      return ok(s);
    }
    if (p.length == 3 && p[2].equals("storage")) {
      ArrayNode a = JSON.createArrayNode();
      a.addObject()
          .put("storage", "vmstore")
          .put("type", "nfs")
          .put("content", "images,rootdir")
          .put("active", 1)
          .put("enabled", 1)
          .put("shared", 1)
          .put("total", 10_000 * GIB)
          .put("used", 1_000 * GIB);
      a.addObject()
          .put("storage", "local-lvm")
          .put("type", "lvmthin")
          .put("content", "images,rootdir")
          .put("active", 1)
          .put("enabled", 1)
          .put("shared", 0)
          .put("total", 1_000 * GIB)
          .put("used", 100 * GIB);
      return ok(a);
    }
    if (p.length == 5 && p[4].equals("config")) {
      Guest g = guests.get(Integer.parseInt(p[3]));
      if (g == null || !g.node.equals(n.name)) {
        return new FakePve.Answer(500, "Configuration file does not exist", "{\"data\":null}");
      }
      String disk = (g.local ? "local-lvm" : "vmstore") + ":vm-" + g.vmid + "-disk-0,size=32G";
      return ok(JSON.createObjectNode().put(g.type.equals("lxc") ? "rootfs" : "scsi0", disk));
    }
    if (p.length == 5 && p[2].equals("tasks")) {
      Task t = tasks.get(p[3]);
      if (t == null || !t.node.equals(n.name)) {
        return new FakePve.Answer(500, "no such task", "{\"data\":null}");
      }
      return p[4].equals("status") ? ok(taskStatus(t)) : ok(taskLog(t));
    }
    return null;
  }

  private FakePve.Answer post(String[] p, Map<String, String> form) {
    if (p.length < 3 || !p[0].equals("nodes") || !nodes.containsKey(p[1])) {
      return null;
    }
    Node n = nodes.get(p[1]);
    if (p.length == 3 && p[2].equals("status") && "reboot".equals(form.get("command"))) {
      n.online = false;
      n.offlineLeft = n.name.equals(neverReturns) ? Integer.MAX_VALUE : offlineReads;
      if (n.offlineLeft == 0) {
        back(n);
      }
      return ok(null);
    }
    if (p.length < 5) {
      return null;
    }
    Guest g = guests.get(Integer.parseInt(p[3]));
    if (g == null || !g.node.equals(n.name) || !g.type.equals(p[2])) {
      return new FakePve.Answer(
          500, "Configuration file 'nodes/" + n.name + "' does not exist", "{\"data\":null}");
    }
    if (p.length == 5 && p[4].equals("migrate")) {
      Node to = nodes.get(form.get("target"));
      if (to == null || !to.online) {
        return new FakePve.Answer(500, "target node is not online", "{\"data\":null}");
      }
      String fail = failMigration.get(g.vmid);
      Task t =
          task(n, g.type.equals("lxc") ? "vzmigrate" : "qmigrate", g.vmid, () -> g.node = to.name);
      if (fail != null) {
        t.exit = fail;
        t.effect = () -> {};
      }
      return ok(JSON.getNodeFactory().stringNode(t.upid));
    }
    if (p.length == 6 && p[4].equals("status") && p[5].equals("reboot")) {
      Task t = task(n, g.type.equals("lxc") ? "vzreboot" : "qmreboot", g.vmid, () -> g.uptime = 3);
      return ok(JSON.getNodeFactory().stringNode(t.upid));
    }
    return null;
  }

  private Task task(Node n, String type, int vmid, Runnable effect) {
    String upid =
        "UPID:%s:%08X:%08X:%08X:%s:%d:vakt@pve!maintenance:"
            .formatted(n.name, ++pid, pid * 7, 0x6650_0000 + pid, type, vmid);
    Task t = new Task(upid, n.name, type, vmid, taskPolls, effect);
    t.exit = "OK";
    tasks.put(upid, t);
    return t;
  }

  private ObjectNode taskStatus(Task t) {
    ObjectNode s =
        JSON.createObjectNode()
            .put("upid", t.upid)
            .put("node", t.node)
            .put("type", t.type)
            .put("id", Integer.toString(t.vmid))
            .put("user", "vakt@pve!maintenance");
    if (t.pollsLeft > 0) {
      t.pollsLeft--;
      return s.put("status", "running");
    }
    if (t.effect != null) {
      t.effect.run();
      t.effect = null;
    }
    return s.put("status", "stopped").put("exitstatus", t.exit);
  }

  private ArrayNode taskLog(Task t) {
    ArrayNode a = JSON.createArrayNode();
    a.addObject().put("n", 1).put("t", "starting " + t.type + " of " + t.vmid);
    if (t.pollsLeft == 0 && !t.exit.equals("OK")) {
      a.addObject().put("n", 2).put("t", "TASK ERROR: " + t.exit);
    }
    return a;
  }

  private void back(Node n) {
    n.online = true;
    n.uptime = 42;
  }

  private ArrayNode clusterStatus() {
    ArrayNode a = JSON.createArrayNode();
    long online = nodes.values().stream().filter(n -> n.online).count();
    a.addObject()
        .put("id", "cluster")
        .put("type", "cluster")
        .put("name", name)
        .put("nodes", nodes.size())
        .put("quorate", 2 * online > nodes.size() ? 1 : 0)
        .put("version", 3);
    int id = 0;
    for (Node n : nodes.values()) {
      a.addObject()
          .put("id", "node/" + n.name)
          .put("type", "node")
          .put("name", n.name)
          .put("nodeid", ++id)
          .put("online", n.online ? 1 : 0)
          .put("local", id == 1 ? 1 : 0)
          .put("ip", n.ip)
          .put("level", "c");
    }
    return a;
  }

  private ArrayNode nodeList() {
    ArrayNode a = JSON.createArrayNode();
    for (Node n : nodes.values()) {
      if (!n.online && n.offlineLeft-- <= 0) {
        back(n);
      }
      a.addObject()
          .put("id", "node/" + n.name)
          .put("type", "node")
          .put("node", n.name)
          .put("status", n.online ? "online" : "offline")
          .put("maxcpu", n.cores * 2)
          .put("maxmem", n.ram)
          .put("uptime", n.online ? n.uptime : 0);
    }
    return a;
  }

  private ArrayNode guestList() {
    ArrayNode a = JSON.createArrayNode();
    for (Guest g : guests.values()) {
      a.addObject()
          .put("id", g.type + "/" + g.vmid)
          .put("type", g.type)
          .put("vmid", g.vmid)
          .put("name", g.name)
          .put("node", g.node)
          .put("status", g.status)
          .put("maxcpu", g.cpus)
          .put("maxmem", g.ram)
          .put("maxdisk", 32 * GIB)
          .put("uptime", g.uptime)
          .put("template", 0);
    }
    return a;
  }

  private ArrayNode configNodes() {
    ArrayNode a = JSON.createArrayNode();
    int id = 0;
    for (Node n : nodes.values()) {
      a.addObject()
          .put("node", n.name)
          .put("nodeid", Integer.toString(++id))
          .put("quorum_votes", "1")
          .put("ring0_addr", n.ip);
    }
    return a;
  }

  private ArrayNode taskList() {
    ArrayNode a = JSON.createArrayNode();
    for (Task t : tasks.values()) {
      ObjectNode e =
          a.addObject()
              .put("upid", t.upid)
              .put("node", t.node)
              .put("type", t.type)
              .put("id", Integer.toString(t.vmid))
              .put("starttime", 1_700_000_000);
      if (t.effect == null) {
        e.put("endtime", 1_700_000_060).put("status", t.exit);
      }
    }
    return a;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : body.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static FakePve.Answer ok(tools.jackson.databind.JsonNode data) {
    ObjectNode root = JSON.createObjectNode();
    root.set("data", data == null ? JSON.getNodeFactory().nullNode() : data);
    return FakePve.Answer.ok(root.toString());
  }
}
