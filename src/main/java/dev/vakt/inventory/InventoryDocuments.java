package dev.vakt.inventory;

import dev.vakt.common.DocumentReader;
import dev.vakt.common.DocumentReader.Located;
import dev.vakt.common.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The inventory's kind of document and the checks across its entries. */
public final class InventoryDocuments {

  /** The kinds this module reads. */
  public static final List<DocumentReader.Kind> KINDS =
      List.of(new DocumentReader.Kind("Inventory", InventoryDocument.class));

  private InventoryDocuments() {}

  /** The customer ids defined by the inventories among {@code documents}. */
  public static Set<String> customerIds(Collection<Located> documents) {
    return documents.stream()
        .filter(l -> l.value() instanceof InventoryDocument)
        .flatMap(l -> ((InventoryDocument) l.value()).customers().stream())
        .map(Customer::id)
        .collect(Collectors.toSet());
  }

  /** Checks ids and references across all inventory documents in {@code documents}. */
  public static List<Problem> check(Collection<Located> documents) {
    return check(documents, Set.of(), Map.of(), Set.of());
  }

  /**
   * Checks ids and references, counting as defined also what is already stored.
   *
   * @param storedCustomers ids of stored customers
   * @param storedClusters stored cluster ids, each with its customer
   * @param storedServers ids of stored servers
   */
  public static List<Problem> check(
      Collection<Located> documents,
      Set<String> storedCustomers,
      Map<String, String> storedClusters,
      Set<String> storedServers) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> customers = new HashMap<>();
    Map<String, Cluster> clusters = new HashMap<>();
    Map<String, Server> servers = new HashMap<>();
    Map<String, Service> services = new HashMap<>();
    for (Located l : documents) {
      if (l.value() instanceof InventoryDocument inv) {
        unique(
            problems,
            l,
            "customers",
            inv.customers(),
            Customer::id,
            customers,
            c -> inv.provider());
        unique(problems, l, "clusters", inv.clusters(), Cluster::id, clusters, c -> c);
        unique(problems, l, "servers", inv.servers(), Server::id, servers, s -> s);
        unique(problems, l, "services", inv.services(), Service::id, services, s -> s);
      }
    }
    // What is stored counts as defined, but a document may redefine it: that is how changes arrive.
    storedCustomers.forEach(id -> customers.putIfAbsent(id, "stored"));
    storedClusters.forEach(
        (id, customer) ->
            clusters.putIfAbsent(id, new Cluster(id, customer, id, null, null, null)));
    for (Located l : documents) {
      if (!(l.value() instanceof InventoryDocument inv)) {
        continue;
      }
      for (int i = 0; i < inv.clusters().size(); i++) {
        Cluster c = inv.clusters().get(i);
        if (!customers.containsKey(c.customer())) {
          problems.add(
              l.problem(
                  "/clusters/" + i + "/customer",
                  "customer '" + c.customer() + "' is not defined"));
        }
      }
      for (int i = 0; i < inv.servers().size(); i++) {
        Server s = inv.servers().get(i);
        if (!customers.containsKey(s.customer())) {
          problems.add(
              l.problem(
                  "/servers/" + i + "/customer", "customer '" + s.customer() + "' is not defined"));
        }
        clusterOf(problems, l, "/servers/" + i + "/cluster", s.cluster(), s, clusters);
        if (s.guest() != null) {
          clusterOf(
              problems, l, "/servers/" + i + "/guest/cluster", s.guest().cluster(), s, clusters);
        }
      }
      for (int i = 0; i < inv.services().size(); i++) {
        Service s = inv.services().get(i);
        if (!servers.containsKey(s.server()) && !storedServers.contains(s.server())) {
          problems.add(
              l.problem(
                  "/services/" + i + "/server", "server '" + s.server() + "' is not defined"));
        }
      }
    }
    return problems;
  }

  /** A server's cluster (as a node, or as a VPS's host) must exist and be its customer's. */
  private static void clusterOf(
      List<Problem> problems,
      Located l,
      String field,
      String cluster,
      Server s,
      Map<String, Cluster> clusters) {
    Cluster c = cluster == null ? null : clusters.get(cluster);
    if (cluster != null && c == null) {
      problems.add(l.problem(field, "cluster '" + cluster + "' is not defined"));
    } else if (c != null && !c.customer().equals(s.customer())) {
      problems.add(
          l.problem(
              field,
              "cluster '"
                  + c.id()
                  + "' belongs to "
                  + c.customer()
                  + ", the server to "
                  + s.customer()));
    }
  }

  private static <T, V> void unique(
      List<Problem> problems,
      Located l,
      String list,
      List<T> items,
      java.util.function.Function<T, String> id,
      Map<String, V> seen,
      java.util.function.Function<T, V> value) {
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      if (seen.putIfAbsent(id.apply(item), value.apply(item)) != null) {
        problems.add(
            l.problem("/" + list + "/" + i + "/id", "'" + id.apply(item) + "' is defined twice"));
      }
    }
  }
}
