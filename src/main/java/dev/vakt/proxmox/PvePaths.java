package dev.vakt.proxmox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** API paths of nodes, guests and tasks, with their names checked before they go into a URL. */
final class PvePaths {

  private static final Pattern NODE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62})");

  private PvePaths() {}

  static String node(String node) {
    return "/nodes/" + URLEncoder.encode(checkNode(node), StandardCharsets.UTF_8);
  }

  static String checkNode(String node) {
    if (node == null || !NODE.matcher(node).matches()) {
      throw new IllegalArgumentException("not a Proxmox VE node name: '" + node + "'");
    }
    return node;
  }

  static String guestType(String type) {
    if (!"qemu".equals(type) && !"lxc".equals(type)) {
      throw new IllegalArgumentException("a guest type is qemu or lxc, not '" + type + "'");
    }
    return type;
  }

  static String guest(String node, String type, int vmid) {
    if (vmid < 1) {
      throw new IllegalArgumentException("not a guest id: " + vmid);
    }
    return node(node) + "/" + guestType(type) + "/" + vmid;
  }

  /** The task's path on the node that runs it; the UPID is encoded (it holds ':', '@', '!'). */
  static String task(Upid upid) {
    return node(upid.node()) + "/tasks/" + URLEncoder.encode(upid.text(), StandardCharsets.UTF_8);
  }
}
