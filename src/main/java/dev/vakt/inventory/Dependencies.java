package dev.vakt.inventory;

import dev.vakt.common.ServiceType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which service each service needs in order to work, so monitoring can check the parent at once
 * when a child fails and alerting can tell one incident instead of one per child (issue 32).
 *
 * <p>A service's parent is the service it declares in {@code dependsOn}; else, for any service but
 * the ping, its server's ping service. A server's ping has as parent the ping of the server the
 * server declares in {@code dependsOn} (a switch or uplink). References to services or servers that
 * are not in the inventory are ignored, and so is a parent that would close a cycle.
 */
public final class Dependencies {

  private Dependencies() {}

  /** The parent service id of each service that has one. */
  public static Map<String, String> parents(
      Collection<Server> servers, Collection<Service> services) {
    Map<String, Server> serverById = new HashMap<>();
    servers.forEach(s -> serverById.put(s.id(), s));
    Map<String, String> ids = new HashMap<>();
    Map<String, String> pingOf = new HashMap<>();
    for (Service s : services) {
      ids.put(s.id(), s.server());
      if (s.type() == ServiceType.PING) {
        pingOf.merge(s.server(), s.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    Map<String, String> parents = new HashMap<>();
    for (Service s : services) {
      String parent;
      if (s.dependsOn() != null) {
        parent = ids.containsKey(s.dependsOn()) ? s.dependsOn() : null;
      } else if (s.type() != ServiceType.PING) {
        parent = pingOf.get(s.server());
      } else {
        Server server = serverById.get(s.server());
        parent =
            server == null || server.dependsOn() == null ? null : pingOf.get(server.dependsOn());
      }
      if (parent != null && !parent.equals(s.id())) {
        parents.put(s.id(), parent);
      }
    }
    breakCycles(parents);
    return parents;
  }

  /** Removes the link that closes each cycle, so walking up always ends. */
  private static void breakCycles(Map<String, String> parents) {
    for (String start : Map.copyOf(parents).keySet()) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      String at = start;
      while (at != null && seen.add(at)) {
        String up = parents.get(at);
        if (up != null && seen.contains(up)) {
          parents.remove(at);
          break;
        }
        at = up;
      }
    }
  }
}
