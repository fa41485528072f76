package dev.vakt.inventory;

import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.common.Paging;
import dev.vakt.common.Paging.PageRequest;
import dev.vakt.common.Requests;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

  private final InventoryService inventory;

  InventoryController(InventoryService inventory) {
    this.inventory = inventory;
  }

  @GetMapping("/providers")
  java.util.Map<String, List<String>> providers() {
    return inventory.customersByProvider();
  }

  @GetMapping("/customers")
  ResponseEntity<List<Customer>> customers(
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    PageRequest p = PageRequest.of(page, size);
    return Paging.page(inventory.customers(p), p);
  }

  @GetMapping("/customers/{id}")
  Customer customer(@PathVariable String id) {
    return inventory.customer(id).orElseThrow(() -> new NotFound("customer " + id));
  }

  @PutMapping("/customers/{id}")
  Customer putCustomer(
      @PathVariable String id,
      @RequestParam(required = false) String provider,
      @RequestBody JsonNode body,
      java.security.Principal principal) {
    Customer c = Requests.bind(body, Customer.class);
    Requests.sameId(id, c.id());
    return inventory.putCustomer(c, provider, dev.vakt.common.Requests.actor(principal));
  }

  @DeleteMapping("/customers/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteCustomer(@PathVariable String id, java.security.Principal principal) {
    inventory.deleteCustomer(id, dev.vakt.common.Requests.actor(principal));
  }

  @GetMapping("/clusters")
  ResponseEntity<List<Cluster>> clusters(
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    PageRequest p = PageRequest.of(page, size);
    return Paging.page(inventory.clusters(customer, p), p);
  }

  @GetMapping("/clusters/{id}")
  Cluster cluster(@PathVariable String id) {
    return inventory.cluster(id).orElseThrow(() -> new NotFound("cluster " + id));
  }

  @PutMapping("/clusters/{id}")
  Cluster putCluster(
      @PathVariable String id, @RequestBody JsonNode body, java.security.Principal principal) {
    Cluster c = Requests.bind(body, Cluster.class);
    Requests.sameId(id, c.id());
    return inventory.putCluster(c, dev.vakt.common.Requests.actor(principal));
  }

  @DeleteMapping("/clusters/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteCluster(@PathVariable String id, java.security.Principal principal) {
    inventory.deleteCluster(id, dev.vakt.common.Requests.actor(principal));
  }

  @GetMapping("/servers")
  ResponseEntity<List<Server>> servers(
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    PageRequest p = PageRequest.of(page, size);
    return Paging.page(inventory.servers(customer, p), p);
  }

  @GetMapping("/servers/{id}")
  Server server(@PathVariable String id) {
    return inventory.server(id).orElseThrow(() -> new NotFound("server " + id));
  }

  @PutMapping("/servers/{id}")
  Server putServer(
      @PathVariable String id, @RequestBody JsonNode body, java.security.Principal principal) {
    Server s = Requests.bind(body, Server.class);
    Requests.sameId(id, s.id());
    return inventory.putServer(s, dev.vakt.common.Requests.actor(principal));
  }

  @DeleteMapping("/servers/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteServer(@PathVariable String id, java.security.Principal principal) {
    inventory.deleteServer(id, dev.vakt.common.Requests.actor(principal));
  }

  @GetMapping("/services")
  ResponseEntity<List<Service>> services(
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    PageRequest p = PageRequest.of(page, size);
    return Paging.page(inventory.services(customer, p), p);
  }

  @GetMapping("/services/{id}")
  Service service(@PathVariable String id) {
    return inventory.service(id).orElseThrow(() -> new NotFound("service " + id));
  }

  @PutMapping("/services/{id}")
  Service putService(
      @PathVariable String id, @RequestBody JsonNode body, java.security.Principal principal) {
    Service s = Requests.bind(body, Service.class);
    Requests.sameId(id, s.id());
    return inventory.putService(s, dev.vakt.common.Requests.actor(principal));
  }

  @DeleteMapping("/services/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteService(@PathVariable String id, java.security.Principal principal) {
    inventory.deleteService(id, dev.vakt.common.Requests.actor(principal));
  }
}
