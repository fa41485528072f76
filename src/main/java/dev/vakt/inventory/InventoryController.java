package dev.vakt.inventory;

import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.common.Requests;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** REST for the inventory. PUT creates or replaces; the body uses the document format. */
@RestController
@RequestMapping("/api")
class InventoryController {

  // Until logins arrive (issue: staff console and portal), changes over the API are audited as
  // "api".
  private static final String ACTOR = "api";

  private final InventoryService inventory;

  InventoryController(InventoryService inventory) {
    this.inventory = inventory;
  }

  @GetMapping("/providers")
  java.util.Map<String, List<String>> providers() {
    return inventory.customersByProvider();
  }

  @GetMapping("/customers")
  List<Customer> customers() {
    return inventory.customers();
  }

  @GetMapping("/customers/{id}")
  Customer customer(@PathVariable String id) {
    return inventory.customer(id).orElseThrow(() -> new NotFound("customer " + id));
  }

  @PutMapping("/customers/{id}")
  Customer putCustomer(
      @PathVariable String id,
      @RequestParam(required = false) String provider,
      @RequestBody JsonNode body) {
    Customer c = Requests.bind(body, Customer.class);
    Requests.sameId(id, c.id());
    return inventory.putCustomer(c, provider, ACTOR);
  }

  @DeleteMapping("/customers/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteCustomer(@PathVariable String id) {
    inventory.deleteCustomer(id, ACTOR);
  }

  @GetMapping("/clusters")
  List<Cluster> clusters(@RequestParam(required = false) String customer) {
    return inventory.clusters(customer);
  }

  @GetMapping("/clusters/{id}")
  Cluster cluster(@PathVariable String id) {
    return inventory.cluster(id).orElseThrow(() -> new NotFound("cluster " + id));
  }

  @PutMapping("/clusters/{id}")
  Cluster putCluster(@PathVariable String id, @RequestBody JsonNode body) {
    Cluster c = Requests.bind(body, Cluster.class);
    Requests.sameId(id, c.id());
    return inventory.putCluster(c, ACTOR);
  }

  @DeleteMapping("/clusters/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteCluster(@PathVariable String id) {
    inventory.deleteCluster(id, ACTOR);
  }

  @GetMapping("/servers")
  List<Server> servers(@RequestParam(required = false) String customer) {
    return inventory.servers(customer);
  }

  @GetMapping("/servers/{id}")
  Server server(@PathVariable String id) {
    return inventory.server(id).orElseThrow(() -> new NotFound("server " + id));
  }

  @PutMapping("/servers/{id}")
  Server putServer(@PathVariable String id, @RequestBody JsonNode body) {
    Server s = Requests.bind(body, Server.class);
    Requests.sameId(id, s.id());
    return inventory.putServer(s, ACTOR);
  }

  @DeleteMapping("/servers/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteServer(@PathVariable String id) {
    inventory.deleteServer(id, ACTOR);
  }

  @GetMapping("/services")
  List<Service> services(@RequestParam(required = false) String customer) {
    return inventory.services(customer);
  }

  @GetMapping("/services/{id}")
  Service service(@PathVariable String id) {
    return inventory.service(id).orElseThrow(() -> new NotFound("service " + id));
  }

  @PutMapping("/services/{id}")
  Service putService(@PathVariable String id, @RequestBody JsonNode body) {
    Service s = Requests.bind(body, Service.class);
    Requests.sameId(id, s.id());
    return inventory.putService(s, ACTOR);
  }

  @DeleteMapping("/services/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteService(@PathVariable String id) {
    inventory.deleteService(id, ACTOR);
  }
}
