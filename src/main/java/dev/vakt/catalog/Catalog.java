package dev.vakt.catalog;

import dev.vakt.alerting.OnCallDocument;
import dev.vakt.alerting.OnCallDocuments;
import dev.vakt.common.DocumentReader;
import dev.vakt.common.DocumentReader.Located;
import dev.vakt.common.Problem;
import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.ContractDocuments;
import dev.vakt.contract.TermsDocument;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.InventoryDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A provider's set-up as documents: terms and inventory read together from files and checked as one
 * set, so references between them (a contract's customer, a product's provider) are verified before
 * anything is stored. Used by {@code vakt validate}, {@code vakt import} and the demo.
 */
public final class Catalog {

  private static final DocumentReader READER = reader();

  private final List<Located> documents;
  private final List<Problem> problems;

  private Catalog(List<Located> documents, List<Problem> problems) {
    this.documents = List.copyOf(documents);
    this.problems = List.copyOf(problems);
  }

  /** The reader for every kind of document Vakt knows. */
  public static DocumentReader reader() {
    List<DocumentReader.Kind> kinds = new ArrayList<>(ContractDocuments.KINDS);
    kinds.addAll(InventoryDocuments.KINDS);
    kinds.addAll(OnCallDocuments.KINDS);
    return new DocumentReader(kinds);
  }

  /**
   * What is already stored, against which new documents are checked: stored terms documents (as
   * read back from the database) and the ids of stored inventory entries.
   *
   * @param terms stored terms documents
   * @param customers stored customer ids
   * @param clusters stored cluster ids with their customers
   * @param servers stored server ids
   * @param inventory the stored inventory, against which contract lines are checked
   * @param asOf today: from this day on, a customer with several contracts must have every server
   *     on a line (issue 18); null for documents checked alone ({@code vakt validate}), where the
   *     check runs from the last day before today on which the lines changed
   */
  public record Context(
      List<Located> terms,
      Set<String> customers,
      java.util.Map<String, String> clusters,
      Set<String> servers,
      dev.vakt.inventory.InventoryService.Snapshot inventory,
      java.time.LocalDate asOf) {
    public static final Context NONE =
        new Context(
            List.of(),
            Set.of(),
            java.util.Map.of(),
            Set.of(),
            new dev.vakt.inventory.InventoryService.Snapshot(
                java.util.Map.of(), List.of(), List.of()),
            null);
  }

  /** Reads files and directories (recursively, {@code *.yaml} and {@code *.yml}) as one set. */
  public static Catalog read(Collection<Path> paths) {
    return read(paths, Context.NONE);
  }

  /** Reads files and directories as one set, checked against what is stored. */
  public static Catalog read(Collection<Path> paths, Context context) {
    List<Located> docs = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path file : expand(paths, problems)) {
      DocumentReader.Result r = READER.read(file);
      docs.addAll(r.documents());
      problems.addAll(r.problems());
    }
    return checked(docs, problems, context);
  }

  /** Reads in-memory texts, keyed by a name used in problems. */
  public static Catalog read(String name, String text) {
    return read(name, text, Context.NONE);
  }

  /** Reads several in-memory texts (name to text) as one set, checked against what is stored. */
  public static Catalog read(java.util.Map<String, String> texts, Context context) {
    List<Located> docs = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    texts.forEach(
        (name, text) -> {
          DocumentReader.Result r = READER.read(name, text);
          docs.addAll(r.documents());
          problems.addAll(r.problems());
        });
    return checked(docs, problems, context);
  }

  /** Reads an in-memory text, checked against what is stored. */
  public static Catalog read(String name, String text, Context context) {
    DocumentReader.Result r = READER.read(name, text);
    return checked(r.documents(), r.problems(), context);
  }

  private static Catalog checked(List<Located> docs, List<Problem> readProblems, Context context) {
    List<Problem> problems = new ArrayList<>(readProblems);
    if (!problems.isEmpty()) {
      // Checks across documents would only echo the documents that did not read ("provider 'x'
      // is not defined" because x had a typo): fix what was read first, as a compiler would.
      return new Catalog(docs, sorted(problems));
    }
    problems.addAll(
        InventoryDocuments.check(docs, context.customers(), context.clusters(), context.servers()));
    problems.addAll(ContractDocuments.check(withStored(docs, context.terms())));
    problems.addAll(OnCallDocuments.check(docs));
    if (problems.isEmpty()) {
      // Lines are checked against servers and contracts that are themselves valid.
      problems.addAll(
          dev.vakt.coverage.CoverageCheck.check(
              withStored(docs, context.terms()),
              context.inventory(),
              context.asOf() != null
                  ? context.asOf()
                  : java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
    }
    Set<String> customers = new java.util.HashSet<>(InventoryDocuments.customerIds(docs));
    customers.addAll(context.customers());
    boolean hasInventory =
        !context.customers().isEmpty()
            || docs.stream().anyMatch(l -> l.value() instanceof InventoryDocument);
    if (hasInventory) {
      for (Located l : docs) {
        if (l.value() instanceof ContractDocument c && !customers.contains(c.customer())) {
          problems.add(
              l.problem(
                  "/customer", "customer '" + c.customer() + "' is not in the inventory given"));
        }
      }
    }
    return new Catalog(docs, sorted(problems));
  }

  /**
   * New documents plus the stored ones they do not restate (a restated version is compared on
   * import).
   */
  private static List<Located> withStored(List<Located> docs, List<Located> stored) {
    Set<String> restated = new java.util.HashSet<>();
    for (Located l : docs) {
      if (l.value() instanceof TermsDocument d) {
        restated.add(d.kind() + "/" + d.id() + "@" + d.version());
      }
    }
    List<Located> all = new ArrayList<>(docs);
    for (Located l : stored) {
      TermsDocument d = (TermsDocument) l.value();
      if (!restated.contains(d.kind() + "/" + d.id() + "@" + d.version())) {
        all.add(l);
      }
    }
    return all;
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> out = new ArrayList<>(problems);
    out.sort(
        java.util.Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparingInt(Problem::column));
    return out;
  }

  private static List<Path> expand(Collection<Path> paths, List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          problems.add(new Problem(p.toString(), 0, 0, "/", "cannot be read: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        problems.add(new Problem(p.toString(), 0, 0, "/", "no such file or directory"));
      }
    }
    return files;
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public List<Problem> problems() {
    return problems;
  }

  public List<Located> documents() {
    return documents;
  }

  /** The terms documents, in reading order. */
  public List<TermsDocument> terms() {
    return documents.stream()
        .filter(l -> l.value() instanceof TermsDocument)
        .map(l -> (TermsDocument) l.value())
        .toList();
  }

  /** The inventory documents, in reading order. */
  public List<InventoryDocument> inventories() {
    return documents.stream()
        .filter(l -> l.value() instanceof InventoryDocument)
        .map(l -> (InventoryDocument) l.value())
        .toList();
  }

  /**
   * The coverage of these documents alone (issue 18): which contract and line govern each server
   * and service of their inventories, as the server's coverage module answers it. For commands that
   * work offline from files ({@code vakt sla}).
   */
  public dev.vakt.coverage.CoverageIndex coverage() {
    java.util.Map<String, String> providers = new java.util.HashMap<>();
    List<dev.vakt.inventory.Server> servers = new ArrayList<>();
    List<dev.vakt.inventory.Service> services = new ArrayList<>();
    for (InventoryDocument inv : inventories()) {
      inv.customers().forEach(c -> providers.put(c.id(), inv.provider()));
      servers.addAll(inv.servers());
      services.addAll(inv.services());
    }
    // Customers with a contract but no inventory document here still have a provider and zone.
    for (TermsDocument d : terms()) {
      if (d instanceof ContractDocument c) {
        providers.putIfAbsent(c.customer(), c.provider());
      }
    }
    return dev.vakt.coverage.CoverageIndex.build(
        1,
        new dev.vakt.contract.TermsResolver(terms()),
        new dev.vakt.inventory.InventoryService.Snapshot(providers, servers, services));
  }

  /** The on-call documents, in reading order. */
  public List<OnCallDocument> onCall() {
    return documents.stream()
        .filter(l -> l.value() instanceof OnCallDocument)
        .map(l -> (OnCallDocument) l.value())
        .toList();
  }
}
