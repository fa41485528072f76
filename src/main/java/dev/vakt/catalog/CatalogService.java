package dev.vakt.catalog;

import dev.vakt.alerting.OnCallDocument;
import dev.vakt.alerting.OnCallService;
import dev.vakt.common.Binder;
import dev.vakt.common.DocumentReader;
import dev.vakt.common.ImportRejected;
import dev.vakt.contract.ContractService;
import dev.vakt.inventory.Cluster;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Imports and exports a provider's set-up: documents are validated as one set together with what is
 * already stored, then stored all or nothing. An export re-imports unchanged.
 */
@Service
public class CatalogService {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final ContractService contracts;
  private final InventoryService inventory;
  private final OnCallService onCall;
  private final java.time.Clock clock;

  CatalogService(
      ContractService contracts,
      InventoryService inventory,
      OnCallService onCall,
      java.time.Clock clock) {
    this.clock = clock;
    this.contracts = contracts;
    this.inventory = inventory;
    this.onCall = onCall;
  }

  /** What an import did. */
  public record ImportReport(List<String> stored, List<String> unchanged, int inventoryChanges) {}

  /** Reads files and checks them against what is stored; nothing is stored. */
  public Catalog read(Collection<Path> paths) {
    return Catalog.read(paths, context());
  }

  /** Reads a YAML text and checks it against what is stored; nothing is stored. */
  public Catalog read(String name, String text) {
    return Catalog.read(name, text, context());
  }

  /** Reads in-memory texts (name to text) as one set, checked against what is stored. */
  public Catalog read(Map<String, String> texts) {
    return Catalog.read(texts, context());
  }

  /**
   * Stores a checked catalog, all or nothing.
   *
   * @throws ImportRejected when the catalog has problems or would rewrite stored terms
   */
  @Transactional
  public ImportReport importCatalog(Catalog catalog, String actor) {
    if (!catalog.ok()) {
      throw new ImportRejected(catalog.problems());
    }
    int changes = 0;
    for (InventoryDocument doc : catalog.inventories()) {
      changes += inventory.importDocument(doc, actor);
    }
    ContractService.StoreResult r = contracts.store(catalog.documents(), actor);
    List<String> stored = new ArrayList<>(r.stored());
    List<String> unchanged = new ArrayList<>(r.unchanged());
    for (OnCallDocument doc : catalog.onCall()) {
      (onCall.importDocument(doc, actor) ? stored : unchanged).add("OnCall/" + doc.provider());
    }
    return new ImportReport(stored, unchanged, changes);
  }

  /** Every stored document as one multi-document YAML text, providers first, inventory last. */
  public String exportYaml() {
    StringBuilder out = new StringBuilder("# Vakt export: re-import with `vakt import FILE`\n");
    for (JsonNode body : contracts.bodies()) {
      out.append(YAML.writeValueAsString(body));
    }
    for (InventoryDocument doc : inventory.export()) {
      ObjectNode node = Binder.MAPPER.createObjectNode();
      node.put("apiVersion", DocumentReader.API_VERSION);
      node.put("kind", "Inventory");
      node.setAll((ObjectNode) Binder.MAPPER.valueToTree(doc));
      out.append(YAML.writeValueAsString(node));
    }
    for (OnCallDocument doc : onCall.documents()) {
      ObjectNode node = Binder.MAPPER.createObjectNode();
      node.put("apiVersion", DocumentReader.API_VERSION);
      node.put("kind", "OnCall");
      node.setAll((ObjectNode) Binder.MAPPER.valueToTree(doc));
      out.append(YAML.writeValueAsString(node));
    }
    return out.toString();
  }

  private Catalog.Context context() {
    StringBuilder json = new StringBuilder();
    for (JsonNode body : contracts.bodies()) {
      json.append(Binder.MAPPER.writeValueAsString(body)).append("\n---\n");
    }
    List<DocumentReader.Located> stored =
        json.isEmpty()
            ? List.of()
            : new ArrayList<>(Catalog.reader().read("stored", json.toString()).documents());
    Map<String, String> clusters =
        inventory.clusters(null).stream().collect(Collectors.toMap(Cluster::id, Cluster::customer));
    return new Catalog.Context(
        stored,
        inventory.customers().stream().map(Customer::id).collect(Collectors.toSet()),
        clusters,
        inventory.servers(null).stream().map(Server::id).collect(Collectors.toSet()),
        inventory.snapshot(),
        java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)));
  }
}
