package dev.vakt.proxmox;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Proxmox VE task id, {@code UPID:node:pid:pstart:starttime:type:id:user:}: the answer of every
 * API call that starts a task. Its node is where the task runs and where its status is asked.
 *
 * @param text the UPID as the API gave it
 * @param node the node running the task
 * @param type the task type, e.g. "qmigrate", "vzmigrate", "qmreboot", "hamigrate"
 * @param id the task's object, e.g. the vmid; empty when none
 */
public record Upid(String text, String node, String type, String id) {

  private static final Pattern NODE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62})");

  public Upid {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(node, "node");
  }

  /**
   * Parses a UPID.
   *
   * @throws IllegalArgumentException when {@code text} is not one
   */
  public static Upid parse(String text) {
    String[] f = text == null ? new String[0] : text.split(":", -1);
    if (f.length < 9 || !f[0].equals("UPID") || !NODE.matcher(f[1]).matches()) {
      throw new IllegalArgumentException("not a task id (UPID): '" + shorten(text) + "'");
    }
    return new Upid(text, f[1], f[5], f[6]);
  }

  private static String shorten(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  @Override
  public String toString() {
    return text;
  }
}
