package dev.vakt.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.vakt.alerting.OnCallDocuments;
import dev.vakt.common.Binder;
import dev.vakt.common.DocumentReader;
import dev.vakt.common.YamlSource;
import dev.vakt.contract.ContractDocuments;
import dev.vakt.inventory.InventoryDocuments;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The published JSON schema ({@code docs/schema/vakt-v1.schema.json}, used by editors for
 * completion and checking) against the documents and the records: every example and good document
 * matches it, it rejects the broken documents it can see, and it names every field of every record
 * a document binds to, at the same place, so it cannot drift from the code.
 */
class JsonSchemaTest {

  static final Path SCHEMA_FILE = Path.of("docs/schema/vakt-v1.schema.json");
  static final Path EXAMPLES = Path.of("examples");
  static final Path GOOD = Path.of("src/test/resources/good");
  static final Path BAD = Path.of("src/test/resources/bad");

  static SchemaRegistry registry;
  static JsonNode schemaTree;
  static Schema schema;

  @BeforeAll
  static void loadSchema() {
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .formatAssertionsEnabled(true)
                        .build()));
    schemaTree = Binder.MAPPER.readTree(SCHEMA_FILE);
    schema = registry.getSchema(schemaTree);
  }

  @Test
  void schemaIsAValidDraft202012Schema() {
    Schema meta =
        registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(meta.validate(schemaTree)).map(Object::toString).isEmpty();

    List<String> dangling = new ArrayList<>();
    danglingRefs(schemaTree, "", dangling);
    assertThat(dangling).as("$refs that point nowhere").isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> examplesMatchTheSchema() throws IOException {
    List<Path> files = yamlFiles(EXAMPLES);
    assumeFalse(files.isEmpty(), "examples/ has no YAML files yet");
    return files.stream().map(f -> dynamicTest(f.toString(), () -> assertMatchesSchema(f)));
  }

  @TestFactory
  Stream<DynamicTest> goodDocumentsMatchTheSchema() throws IOException {
    List<Path> files = yamlFiles(GOOD);
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> dynamicTest(f.toString(), () -> assertMatchesSchema(f)));
  }

  /**
   * Broken documents whose defect a schema can express: an editor flags them as they are typed, at
   * the field Vakt reports, the mapping that holds it or the list item inside it.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "unknown-key-top-level.yaml",
        "unknown-key-nested.yaml",
        "text-for-number.yaml",
        "text-for-boolean.yaml",
        "list-for-mapping.yaml",
        "single-value-for-list.yaml",
        "percent-over-100.yaml",
        "negative-amount.yaml",
        "amount-without-currency.yaml",
        "local-date-time-with-space.yaml",
        "time-of-day-out-of-range.yaml",
        "bad-day-name.yaml",
        "duration-without-unit.yaml",
        "bad-period.yaml",
        "unknown-enum-code.yaml",
        "unknown-credit-kind.yaml",
        "counted-excluded.yaml",
        "bad-id.yaml",
        "wrong-api-version.yaml",
        "unknown-document-kind.yaml",
        "missing-effective-from.yaml",
        "contract-without-customer.yaml",
        "plain-text-secret.yaml",
        "bad-email.yaml",
        "port-out-of-range.yaml",
        "guest-vmid-out-of-range.yaml"
      })
  void schemaRejectsWhatItCanSee(String file) throws IOException {
    Path path = BAD.resolve(file);
    String pointer = Catalog.read(List.of(path)).problems().getFirst().field();
    List<String> locations = new ArrayList<>();
    for (YamlSource.Document d : documents(path)) {
      schema.validate(d.tree()).forEach(e -> locations.add(e.getInstanceLocation().toString()));
    }
    assertThat(locations)
        .as("schema errors for %s, where Vakt reports %s", file, pointer)
        .anyMatch(
            l ->
                l.isEmpty()
                    || pointer.equals(l)
                    || pointer.startsWith(l + "/")
                    || l.startsWith(pointer + "/"));
  }

  // ---- the schema follows the records ----------------------------------------------------------

  /**
   * Walks every record component reachable from the five document records (through records, lists,
   * sets, maps and the permitted subclasses of sealed interfaces) and finds it in the schema at the
   * matching place, with a description and the JSON type it is written as; enums list exactly the
   * codes the records read; and the schema has no field the records lack.
   */
  @Test
  void schemaFollowsTheRecords() {
    List<DocumentReader.Kind> kinds = new ArrayList<>(ContractDocuments.KINDS);
    kinds.addAll(InventoryDocuments.KINDS);
    kinds.addAll(OnCallDocuments.KINDS);
    List<String> drift = new ArrayList<>();

    Set<String> kindNames = kinds.stream().map(DocumentReader.Kind::name).collect(toSortedSet());
    Set<String> schemaKinds = strings(schemaTree.at("/properties/kind/enum"));
    if (!kindNames.equals(schemaKinds)) {
      drift.add("/properties/kind: lists " + schemaKinds + ", the reader knows " + kindNames);
    }
    Set<String> seen = new HashSet<>();
    for (DocumentReader.Kind kind : kinds) {
      JsonNode then = null;
      for (JsonNode branch : schemaTree.path("allOf")) {
        if (kind.name().equals(text(branch.at("/if/properties/kind/const")))) {
          then = branch.get("then");
        }
      }
      if (then == null) {
        drift.add("kind " + kind.name() + ": no if/then branch in the schema's allOf");
        continue;
      }
      checkRecord(kind.type(), then, kind.name(), Set.of("apiVersion", "kind"), drift, seen);
      JsonNode def = resolve(then);
      if (!kind.name().equals(text(def.at("/properties/kind/const")))) {
        drift.add(kind.name() + "/kind: the document's schema does not fix kind: " + kind.name());
      }
    }
    assertThat(seen).as("records checked").hasSizeGreaterThan(40);
    assertThat(drift).as("differences between the schema and the records").isEmpty();
  }

  private void checkRecord(
      Class<?> type,
      JsonNode at,
      String where,
      Set<String> extra,
      List<String> drift,
      Set<String> seen) {
    JsonNode s = resolve(at);
    if (!seen.add(type.getName() + "@" + System.identityHashCode(s))) {
      return;
    }
    if (!s.path("additionalProperties").isBoolean()
        || s.path("additionalProperties").booleanValue()) {
      drift.add(where + ": the schema of " + type.getSimpleName() + " allows unknown keys");
    }
    JsonNode properties = s.path("properties");
    Set<String> names = new TreeSet<>(extra);
    for (RecordComponent c : type.getRecordComponents()) {
      String at2 = where + "/" + c.getName();
      names.add(c.getName());
      JsonNode p = properties.get(c.getName());
      if (p == null) {
        drift.add(at2 + ": " + type.getSimpleName() + "." + c.getName() + " is not in the schema");
        continue;
      }
      if (text(p.path("description")) == null || text(p.path("description")).isBlank()) {
        drift.add(at2 + ": has no description");
      }
      checkType(c.getGenericType(), p, at2, drift, seen);
    }
    for (String n : properties.propertyNames()) {
      if (!names.contains(n)) {
        drift.add(
            where + "/" + n + ": in the schema, but " + type.getSimpleName() + " has no " + n);
      }
    }
    for (JsonNode r : s.path("required")) {
      if (!names.contains(text(r))) {
        drift.add(where + ": requires " + text(r) + ", which is not a field");
      }
    }
  }

  private void checkType(
      Type type, JsonNode at, String where, List<String> drift, Set<String> seen) {
    Class<?> raw = raw(type);
    JsonNode s = resolve(at);
    if (Collection.class.isAssignableFrom(raw)) {
      expectJsonType(s, "array", where, drift);
      JsonNode items = s.get("items");
      if (items == null) {
        drift.add(where + ": a list without items");
      } else {
        checkType(argument(type, 0), items, where + "/items", drift, seen);
      }
    } else if (Map.class.isAssignableFrom(raw)) {
      expectJsonType(s, "object", where, drift);
      JsonNode values = s.get("additionalProperties");
      if (values == null || !values.isObject()) {
        drift.add(where + ": a map without a schema for its values");
      } else {
        checkType(argument(type, 1), values, where + "/*", drift, seen);
      }
    } else if (raw.isEnum()) {
      Set<String> codes =
          Arrays.stream(raw.getEnumConstants())
              .map(c -> Binder.MAPPER.valueToTree(c).asString())
              .collect(toSortedSet());
      Set<String> listed = strings(s.path("enum"));
      if (!codes.equals(listed)) {
        drift.add(where + ": lists " + listed + ", " + raw.getSimpleName() + " reads " + codes);
      }
    } else if (raw.isInterface() && raw.isSealed()) {
      checkSealed(raw, s, where, drift, seen);
    } else if (raw.isRecord() && jsonValue(raw) == null) {
      checkRecord(raw, at, where, Set.of(), drift, seen);
    } else {
      expectJsonType(s, jsonType(raw), where, drift);
    }
  }

  private void checkSealed(
      Class<?> raw, JsonNode s, String where, List<String> drift, Set<String> seen) {
    JsonTypeInfo info = raw.getAnnotation(JsonTypeInfo.class);
    if (info == null || raw.getAnnotation(JsonSubTypes.class) == null) {
      drift.add(where + ": " + raw.getSimpleName() + " is sealed but names no type property");
      return;
    }
    String property = info.property();
    Map<Class<?>, String> names = new HashMap<>();
    for (JsonSubTypes.Type t : raw.getAnnotation(JsonSubTypes.class).value()) {
      names.put(t.value(), t.name());
    }
    Set<String> expected = new TreeSet<>();
    for (Class<?> sub : raw.getPermittedSubclasses()) {
      String name = names.get(sub);
      if (name == null) {
        drift.add(where + ": " + sub.getSimpleName() + " has no name in @JsonSubTypes");
        continue;
      }
      expected.add(name);
      JsonNode branch = null;
      for (JsonNode b : s.path("oneOf")) {
        if (name.equals(text(resolve(b).at("/properties/" + property + "/const")))) {
          branch = b;
        }
      }
      if (branch == null) {
        drift.add(where + ": no oneOf branch with " + property + ": " + name);
      } else {
        checkRecord(
            sub, branch, where + "[" + property + "=" + name + "]", Set.of(property), drift, seen);
      }
    }
    Set<String> listed = strings(s.at("/properties/" + property + "/enum"));
    if (!expected.equals(listed)) {
      drift.add(where + "/" + property + ": lists " + listed + ", the records have " + expected);
    }
    if (s.path("oneOf").size() != expected.size()) {
      drift.add(where + ": " + s.path("oneOf").size() + " branches for " + expected);
    }
  }

  private void expectJsonType(JsonNode s, String expected, String where, List<String> drift) {
    Set<String> types = jsonTypes(s);
    if (!types.contains(expected)) {
      drift.add(where + ": the schema says " + types + ", the record reads " + expected);
    }
  }

  /** The JSON types a schema admits: its type, or those of its anyOf/oneOf branches. */
  private Set<String> jsonTypes(JsonNode at) {
    JsonNode s = resolve(at);
    Set<String> types = new TreeSet<>();
    if (s.has("type")) {
      types.add(text(s.get("type")));
    }
    for (String union : List.of("anyOf", "oneOf")) {
      for (JsonNode branch : s.path(union)) {
        types.addAll(jsonTypes(branch));
      }
    }
    return types;
  }

  /** How a Java value is written in a document. */
  private static String jsonType(Class<?> type) {
    Method value = jsonValue(type);
    if (value != null) {
      return jsonType(value.getReturnType());
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "integer";
    }
    if (type == BigDecimal.class || type == BigInteger.class || type == Double.class) {
      return "number";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "array";
    }
    return "string"; // String, dates, durations, periods, ZoneId, Currency: written as text
  }

  /** The {@code @JsonValue} method of a value type written as one value, or null. */
  private static Method jsonValue(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.isAnnotationPresent(JsonValue.class)) {
        return m;
      }
    }
    return null;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    for (int i = 0; i < 20 && n.has("$ref"); i++) {
      n = schemaTree.at(text(n.get("$ref")).substring(1));
    }
    return n;
  }

  private static void danglingRefs(JsonNode node, String where, List<String> dangling) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null
          && (!ref.isString() || schemaTree.at(ref.asString().substring(1)).isMissingNode())) {
        dangling.add(where + ": " + ref);
      }
      node.properties()
          .forEach(e -> danglingRefs(e.getValue(), where + "/" + e.getKey(), dangling));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        danglingRefs(node.get(i), where + "/" + i, dangling);
      }
    }
  }

  private static void assertMatchesSchema(Path file) throws IOException {
    List<String> errors = new ArrayList<>();
    for (YamlSource.Document d : documents(file)) {
      schema
          .validate(d.tree())
          .forEach(
              e ->
                  errors.add(
                      d.problem(e.getInstanceLocation().toString(), e.getMessage()).toString()));
    }
    assertThat(errors).as("schema errors in %s", file).isEmpty();
  }

  /** The non-empty documents of a YAML file, as the JSON trees Vakt binds. */
  private static List<YamlSource.Document> documents(Path file) throws IOException {
    YamlSource.Parsed parsed =
        YamlSource.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    assertThat(parsed.problems()).as("YAML of %s", file).isEmpty();
    return parsed.documents().stream().filter(d -> !d.tree().isNull()).toList();
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  private static Type argument(Type type, int index) {
    return ((ParameterizedType) type).getActualTypeArguments()[index];
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(text(n)));
    return out;
  }

  private static <T> java.util.stream.Collector<T, ?, TreeSet<T>> toSortedSet() {
    return Collectors.toCollection(TreeSet::new);
  }
}
