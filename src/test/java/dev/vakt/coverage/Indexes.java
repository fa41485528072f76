package dev.vakt.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.catalog.Catalog;
import dev.vakt.contract.TermsResolver;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds coverage indexes from documents, as the server does from what it stored. */
final class Indexes {

  private Indexes() {}

  static CoverageIndex of(Catalog catalog) {
    assertThat(catalog.problems()).isEmpty();
    Map<String, String> providers = new HashMap<>();
    List<Server> servers = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    for (InventoryDocument inv : catalog.inventories()) {
      inv.customers().forEach(c -> providers.put(c.id(), inv.provider()));
      servers.addAll(inv.servers());
      services.addAll(inv.services());
    }
    return CoverageIndex.build(
        1,
        new TermsResolver(catalog.terms()),
        new InventoryService.Snapshot(providers, servers, services));
  }

  static CoverageIndex example(String provider) {
    return of(Catalog.read(List.of(Path.of("examples", provider))));
  }

  static CoverageIndex yaml(String text) {
    return of(Catalog.read("test.yaml", text));
  }
}
