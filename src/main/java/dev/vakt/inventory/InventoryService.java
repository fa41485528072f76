package dev.vakt.inventory;

import dev.vakt.access.SensitiveChanges;
import dev.vakt.access.Tenancy;
import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors.Conflict;
import dev.vakt.common.ApiErrors.InvalidInput;
import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.common.Paging;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory's API: customers and their contacts, clusters, servers and services (INV-1, INV-2,
 * ACC-1). Every change is audited in the same transaction. Reads take an optional customer id, so
 * callers acting for a customer get that customer's rows only (DPA-4).
 */
@org.springframework.stereotype.Service
public class InventoryService {

  private final InventoryStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Tenancy tenancy;
  private final SensitiveChanges sensitiveChanges;
  private final org.springframework.context.ApplicationEventPublisher events;

  InventoryService(
      InventoryStore store,
      AuditLog audit,
      Clock clock,
      Tenancy tenancy,
      SensitiveChanges sensitiveChanges,
      org.springframework.context.ApplicationEventPublisher events) {
    this.sensitiveChanges = sensitiveChanges;
    this.events = events;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.tenancy = tenancy;
  }

  /** Each provider with the ids of its customers. */
  public Map<String, List<String>> customersByProvider() {
    return store.customersByProvider();
  }

  // Reads below are scoped by tenancy (DPA-4): a customer's user sees its own customer's rows
  // only, and another customer's row reads as absent.

  public List<Customer> customers() {
    return store.list(InventoryStore.CUSTOMERS, tenancy.onlyCustomer().orElse(null)).stream()
        .filter(c -> tenancy.maySee(c.id()))
        .toList();
  }

  /** A page of the customers this user may see, by id (ADR 0014). */
  public Paging.Page<Customer> customers(Paging.PageRequest page) {
    return store.page(InventoryStore.CUSTOMERS, tenancy.onlyCustomer().orElse(null), page);
  }

  /** A page of a customer's clusters (or all), by id (ADR 0014). */
  public Paging.Page<Cluster> clusters(String customer, Paging.PageRequest page) {
    return mayList(customer)
        ? store.page(InventoryStore.CLUSTERS, scoped(customer), page)
        : Paging.Page.empty();
  }

  /** A page of a customer's servers (or all), by id. */
  public Paging.Page<Server> servers(String customer, Paging.PageRequest page) {
    return mayList(customer)
        ? store.page(InventoryStore.SERVERS, scoped(customer), page)
        : Paging.Page.empty();
  }

  /** A page of a customer's services (or all), by id. */
  public Paging.Page<Service> services(String customer, Paging.PageRequest page) {
    return mayList(customer)
        ? store.page(InventoryStore.SERVICES, scoped(customer), page)
        : Paging.Page.empty();
  }

  private boolean mayList(String customer) {
    return customer == null || tenancy.maySee(customer);
  }

  public Optional<Customer> customer(String id) {
    return store.get(InventoryStore.CUSTOMERS, id).filter(c -> tenancy.maySee(c.id()));
  }

  public List<Cluster> clusters(String customer) {
    return customer == null || tenancy.maySee(customer)
        ? store.list(InventoryStore.CLUSTERS, scoped(customer))
        : List.of();
  }

  public Optional<Cluster> cluster(String id) {
    return store.get(InventoryStore.CLUSTERS, id).filter(c -> tenancy.maySee(c.customer()));
  }

  public List<Server> servers(String customer) {
    return customer == null || tenancy.maySee(customer)
        ? store.list(InventoryStore.SERVERS, scoped(customer))
        : List.of();
  }

  public Optional<Server> server(String id) {
    return store.get(InventoryStore.SERVERS, id).filter(s -> tenancy.maySee(s.customer()));
  }

  public List<Service> services(String customer) {
    return customer == null || tenancy.maySee(customer)
        ? store.list(InventoryStore.SERVICES, scoped(customer))
        : List.of();
  }

  public Optional<Service> service(String id) {
    return store
        .get(InventoryStore.SERVICES, id)
        .filter(s -> tenancy.onlyCustomer().isEmpty() || server(s.server()).isPresent());
  }

  /**
   * Every server and service with each customer's provider, read regardless of who is signed in:
   * for read models built outside any request (coverage, issue 18). Never hand the result to a
   * caller acting for a customer.
   */
  public Snapshot snapshot() {
    Map<String, String> providers = new java.util.HashMap<>();
    store.customersByProvider().forEach((p, cs) -> cs.forEach(c -> providers.put(c, p)));
    return new Snapshot(
        Map.copyOf(providers),
        store.list(InventoryStore.SERVERS, null),
        store.list(InventoryStore.SERVICES, null));
  }

  /**
   * The servers and services of {@code customers} with their providers, read regardless of who is
   * signed in (see {@link #snapshot()}).
   */
  public Snapshot snapshot(java.util.Set<String> customers) {
    Map<String, String> providers = new java.util.HashMap<>();
    List<Server> servers = new java.util.ArrayList<>();
    List<Service> services = new java.util.ArrayList<>();
    for (String c : customers) {
      store.providerOf(c).ifPresent(p -> providers.put(c, p));
      servers.addAll(store.list(InventoryStore.SERVERS, c));
      services.addAll(store.list(InventoryStore.SERVICES, c));
    }
    return new Snapshot(Map.copyOf(providers), servers, services);
  }

  /**
   * The whole inventory at one moment.
   *
   * @param providers each customer's provider
   * @param servers every server
   * @param services every service
   */
  public record Snapshot(
      Map<String, String> providers, List<Server> servers, List<Service> services) {}

  /** The customer to list for: the one asked for, or the viewer's own when it has one. */
  private String scoped(String customer) {
    return customer != null ? customer : tenancy.onlyCustomer().orElse(null);
  }

  /**
   * Creates or replaces a customer.
   *
   * @param provider required for a new customer; an existing customer keeps its provider
   */
  @Transactional
  public Customer putCustomer(Customer customer, String provider, String actor) {
    Customer saved = storeCustomer(customer, provider, actor);
    changed(java.util.Set.of(customer.id()));
    return saved;
  }

  private Customer storeCustomer(Customer customer, String provider, String actor) {
    Optional<Customer> before = customer(customer.id());
    String owner = store.providerOf(customer.id()).orElse(provider);
    if (owner == null) {
      throw new InvalidInput("/provider", "a new customer needs the provider it belongs to");
    }
    if (provider != null && !provider.equals(owner)) {
      throw new Conflict(
          "customer " + customer.id() + " belongs to provider " + owner + ", not " + provider);
    }
    return save(
        InventoryStore.CUSTOMERS, customer, Map.of("provider_id", owner), customer.id(), actor);
  }

  @Transactional
  public Cluster putCluster(Cluster cluster, String actor) {
    Cluster saved = storeCluster(cluster, actor);
    changed(java.util.Set.of(cluster.customer()));
    return saved;
  }

  private Cluster storeCluster(Cluster cluster, String actor) {
    requireCustomer("/customer", cluster.customer());
    staysWithCustomer(InventoryStore.CLUSTERS, cluster.id(), cluster.customer());
    return save(InventoryStore.CLUSTERS, cluster, Map.of(), cluster.customer(), actor);
  }

  @Transactional
  public Server putServer(Server server, String actor) {
    Server saved = storeServer(server, actor);
    changed(java.util.Set.of(server.customer()));
    return saved;
  }

  private Server storeServer(Server server, String actor) {
    requireCustomer("/customer", server.customer());
    requireOwnCluster("/cluster", server.cluster(), server.customer());
    if (server.guest() != null) {
      requireOwnCluster("/guest/cluster", server.guest().cluster(), server.customer());
    }
    staysWithCustomer(InventoryStore.SERVERS, server.id(), server.customer());
    return save(InventoryStore.SERVERS, server, Map.of(), server.customer(), actor);
  }

  /**
   * Creates or replaces a service. Setting or changing what its check runs ({@code check.command},
   * {@code check.arguments}) needs an administrator (F1, 403 otherwise).
   */
  @Transactional
  public Service putService(Service service, String actor) {
    Service saved = storeService(service, actor);
    changed(java.util.Set.of(server(service.server()).orElseThrow().customer()));
    return saved;
  }

  private Service storeService(Service service, String actor) {
    Server server =
        server(service.server())
            .orElseThrow(
                () ->
                    new InvalidInput(
                        "/server", "server '" + service.server() + "' does not exist"));
    staysWithCustomer(InventoryStore.SERVICES, service.id(), server.customer());
    CheckCommandGuard.requireMayChange(
        store.get(InventoryStore.SERVICES, service.id()), service, sensitiveChanges);
    return save(
        InventoryStore.SERVICES,
        service,
        Map.of("customer_id", server.customer()),
        server.customer(),
        actor);
  }

  /**
   * Tells coverage (and through it monitoring) after the commit; an import tells once for all its
   * entries, not once per entry.
   */
  private void changed(java.util.Set<String> customers) {
    if (!customers.isEmpty()) {
      events.publishEvent(new InventoryChanged(customers, clock.instant()));
    }
  }

  /** Creates or replaces one entry and audits it, with what it was before, in this transaction. */
  private <T> T save(
      InventoryStore.Table<T> table,
      T value,
      Map<String, Object> extra,
      String customerId,
      String actor) {
    String id = table.id().apply(value);
    Optional<T> before = store.get(table, id);
    store.upsert(table, value, extra, clock.instant());
    audit.record(
        actor,
        before.isPresent() ? "update" : "create",
        table.name(),
        id,
        customerId,
        before.orElse(null),
        value);
    return value;
  }

  /** An entry never moves to another customer: that would hand one tenant's history to another. */
  private void staysWithCustomer(InventoryStore.Table<?> table, String id, String customer) {
    store
        .customerOf(table, id)
        .filter(was -> !was.equals(customer))
        .ifPresent(
            was -> {
              throw new Conflict(
                  table.name()
                      + " "
                      + id
                      + " belongs to customer "
                      + was
                      + "; moving it to "
                      + customer
                      + " is not allowed");
            });
  }

  @Transactional
  public void deleteCustomer(String id, String actor) {
    Customer before = customer(id).orElseThrow(() -> new NotFound("customer " + id));
    blockers("customer", id, "server", "customer_id");
    blockers("customer", id, "cluster", "customer_id");
    store.delete(InventoryStore.CUSTOMERS, id);
    audit.record(actor, "delete", "customer", id, id, before, null);
    changed(java.util.Set.of(id));
  }

  @Transactional
  public void deleteCluster(String id, String actor) {
    Cluster before = cluster(id).orElseThrow(() -> new NotFound("cluster " + id));
    blockers("cluster", id, "server", "cluster_id");
    List<String> guests =
        servers(before.customer()).stream()
            .filter(s -> s.guest() != null && id.equals(s.guest().cluster()))
            .map(Server::id)
            .toList();
    if (!guests.isEmpty()) {
      throw new Conflict(
          "cluster "
              + id
              + " still hosts VPS "
              + String.join(", ", guests)
              + " (their guest.cluster); change or delete them first");
    }
    store.delete(InventoryStore.CLUSTERS, id);
    audit.record(actor, "delete", "cluster", id, before.customer(), before, null);
    changed(java.util.Set.of(before.customer()));
  }

  @Transactional
  public void deleteServer(String id, String actor) {
    Server before = server(id).orElseThrow(() -> new NotFound("server " + id));
    blockers("server", id, "service", "server_id");
    store.delete(InventoryStore.SERVERS, id);
    audit.record(actor, "delete", "server", id, before.customer(), before, null);
    changed(java.util.Set.of(before.customer()));
  }

  @Transactional
  public void deleteService(String id, String actor) {
    Service before = service(id).orElseThrow(() -> new NotFound("service " + id));
    String customer = server(before.server()).map(Server::customer).orElse(null);
    store.delete(InventoryStore.SERVICES, id);
    audit.record(actor, "delete", "service", id, customer, before, null);
    changed(customer == null ? java.util.Set.of() : java.util.Set.of(customer));
  }

  /** Imports an inventory document: every entry is created or replaced, in dependency order. */
  @Transactional
  public int importDocument(InventoryDocument doc, String actor) {
    int changed = 0;
    java.util.Set<String> customers = new java.util.TreeSet<>();
    for (Customer c : doc.customers()) {
      if (!customer(c.id()).equals(Optional.of(c))) {
        storeCustomer(c, doc.provider(), actor);
        customers.add(c.id());
        changed++;
      }
    }
    for (Cluster c : doc.clusters()) {
      if (!cluster(c.id()).equals(Optional.of(c))) {
        storeCluster(c, actor);
        customers.add(c.customer());
        changed++;
      }
    }
    for (Server s : doc.servers()) {
      if (!server(s.id()).equals(Optional.of(s))) {
        storeServer(s, actor);
        customers.add(s.customer());
        changed++;
      }
    }
    for (Service s : doc.services()) {
      if (!service(s.id()).equals(Optional.of(s))) {
        storeService(s, actor);
        customers.add(server(s.server()).orElseThrow().customer());
        changed++;
      }
    }
    changed(customers);
    return changed;
  }

  /** The inventory as documents, one per provider, for export. */
  public List<InventoryDocument> export() {
    Map<String, List<Customer>> byProvider = new java.util.TreeMap<>();
    for (Customer c : customers()) {
      byProvider
          .computeIfAbsent(store.providerOf(c.id()).orElseThrow(), k -> new java.util.ArrayList<>())
          .add(c);
    }
    return byProvider.entrySet().stream()
        .map(
            e -> {
              List<String> ids = e.getValue().stream().map(Customer::id).toList();
              List<Server> servers =
                  servers(null).stream().filter(s -> ids.contains(s.customer())).toList();
              List<String> serverIds = servers.stream().map(Server::id).toList();
              return new InventoryDocument(
                  e.getKey(),
                  e.getValue(),
                  clusters(null).stream().filter(c -> ids.contains(c.customer())).toList(),
                  servers,
                  services(null).stream().filter(s -> serverIds.contains(s.server())).toList());
            })
        .toList();
  }

  /** A server's cluster, as a node or as a VPS's host, exists and belongs to its customer. */
  private void requireOwnCluster(String field, String cluster, String customer) {
    if (cluster == null) {
      return;
    }
    Cluster c =
        cluster(cluster)
            .orElseThrow(() -> new InvalidInput(field, "cluster '" + cluster + "' does not exist"));
    if (!c.customer().equals(customer)) {
      throw new InvalidInput(
          field,
          "cluster '" + c.id() + "' belongs to " + c.customer() + ", the server to " + customer);
    }
  }

  private void requireCustomer(String field, String id) {
    if (customer(id).isEmpty()) {
      throw new InvalidInput(field, "customer '" + id + "' does not exist");
    }
  }

  private void blockers(String what, String id, String table, String column) {
    List<String> ids = store.idsWhere(table, column, id);
    if (!ids.isEmpty()) {
      throw new Conflict(
          what
              + " "
              + id
              + " still has "
              + table
              + "s: "
              + String.join(", ", ids)
              + "; delete or move them first");
    }
  }
}
