package dev.vakt.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.YamlSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * K-2: the merge of layers, on arbitrary trees: mappings merge key by key, lists and scalars and
 * mappings with a {@code kind} replace, and {@code sources} names the layer of every value.
 */
class TermsMergeProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  // ---- generators: small trees over few keys, so that layers collide often ----

  @Provide
  Arbitrary<ObjectNode> layer() {
    return objects(3);
  }

  @Provide
  Arbitrary<List<ObjectNode>> layers() {
    return objects(3).list().ofMinSize(1).ofMaxSize(5);
  }

  private static Arbitrary<ObjectNode> objects(int depth) {
    Arbitrary<JsonNode> value =
        depth == 0
            ? Arbitraries.oneOf(scalars(), arrays())
            : Arbitraries.frequencyOf(
                Tuple.of(3, scalars()),
                Tuple.of(1, arrays()),
                Tuple.of(3, Arbitraries.lazy(() -> objects(depth - 1)).map(o -> (JsonNode) o)));
    return Arbitraries.maps(Arbitraries.of("a", "b", "c", "kind", "x/y"), value)
        .ofMaxSize(4)
        .map(
            m -> {
              ObjectNode o = F.objectNode();
              m.forEach(o::set);
              return o;
            });
  }

  private static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 3).map(i -> (JsonNode) F.numberNode(i)),
        Arbitraries.of("p", "q").map(s -> (JsonNode) F.stringNode(s)),
        Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)));
  }

  private static Arbitrary<JsonNode> arrays() {
    return Arbitraries.integers()
        .between(0, 3)
        .list()
        .ofMaxSize(3)
        .map(
            l -> {
              ArrayNode a = F.arrayNode();
              l.forEach(a::add);
              return (JsonNode) a;
            });
  }

  // ---- helpers ----

  private record Merged(ObjectNode tree, Map<String, String> sources) {}

  private static Merged mergeAll(List<ObjectNode> layers) {
    ObjectNode tree = F.objectNode();
    Map<String, String> sources = new HashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      TermsMerge.merge(tree, layers.get(i), "", "L" + i, sources);
    }
    return new Merged(tree, sources);
  }

  /** Pointers of every value that is not a non-empty mapping. */
  private static List<String> leaves(JsonNode node) {
    List<String> out = new ArrayList<>();
    leaves(node, "", out);
    return out;
  }

  private static void leaves(JsonNode node, String pointer, List<String> out) {
    if (node.isObject() && !node.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        leaves(e.getValue(), pointer + "/" + YamlSource.escape(e.getKey()), out);
      }
    } else {
      out.add(pointer);
    }
  }

  /** Whether merging {@code upper} leaves the lower value at {@code pointer} alone. */
  private static boolean untouchedBy(JsonNode upper, String pointer) {
    String[] segments = pointer.substring(1).split("/");
    JsonNode u = upper;
    for (int i = 0; i < segments.length; i++) {
      JsonNode next = u.get(segments[i].replace("~1", "/").replace("~0", "~"));
      if (next == null) {
        return true;
      }
      if (i == segments.length - 1 || !next.isObject() || next.has("kind")) {
        return false;
      }
      u = next;
    }
    return false;
  }

  // ---- properties ----

  @Property
  @Label("K-2: merging an empty layer changes nothing")
  void emptyLayerChangesNothing(@ForAll("layers") List<ObjectNode> layers) {
    Merged m = mergeAll(layers);
    ObjectNode before = m.tree().deepCopy();
    Map<String, String> sourcesBefore = new HashMap<>(m.sources());
    TermsMerge.merge(m.tree(), F.objectNode(), "", "empty", m.sources());
    assertThat(m.tree()).isEqualTo(before);
    assertThat(m.sources()).isEqualTo(sourcesBefore);
  }

  @Property
  @Label("K-2: merging the same layer twice is the same as once")
  void idempotent(@ForAll("layer") ObjectNode lower, @ForAll("layer") ObjectNode upper) {
    Merged once = mergeAll(List.of(lower, upper));
    ObjectNode twice = once.tree().deepCopy();
    Map<String, String> sources = new HashMap<>(once.sources());
    TermsMerge.merge(twice, upper, "", "L1", sources);
    assertThat(twice).isEqualTo(once.tree());
    assertThat(sources).isEqualTo(once.sources());
  }

  @Property
  @Label("K-2: a layer merged onto nothing is that layer; onto itself, still that layer")
  void ontoItself(@ForAll("layer") ObjectNode layer) {
    assertThat(mergeAll(List.of(layer)).tree()).isEqualTo(layer);
    assertThat(mergeAll(List.of(layer, layer)).tree()).isEqualTo(layer);
  }

  @Property
  @Label("K-2: the top layer wins for every value it sets, and is named as its source")
  void topLayerWins(@ForAll("layers") List<ObjectNode> lower, @ForAll("layer") ObjectNode top) {
    List<ObjectNode> all = new ArrayList<>(lower);
    all.add(top);
    Merged m = mergeAll(all);
    String label = "L" + (all.size() - 1);
    for (String p : leaves(top)) {
      if (p.isEmpty() || top.at(p).isObject()) {
        continue; // an empty mapping sets nothing when it lands on a mapping
      }
      assertThat(m.tree().at(p)).as(p).isEqualTo(top.at(p));
      assertThat(m.sources()).as(p).containsEntry(p, label);
    }
  }

  @Property
  @Label("K-2: what the upper layer does not reach keeps its value and its source")
  void lowerValuesKept(@ForAll("layers") List<ObjectNode> lower, @ForAll("layer") ObjectNode top) {
    Merged below = mergeAll(lower);
    ObjectNode tree = below.tree().deepCopy();
    Map<String, String> sources = new HashMap<>(below.sources());
    TermsMerge.merge(tree, top, "", "top", sources);
    for (String p : leaves(below.tree())) {
      if (p.isEmpty() || below.tree().at(p).isObject() || !untouchedBy(top, p)) {
        continue;
      }
      assertThat(tree.at(p)).as(p).isEqualTo(below.tree().at(p));
      assertThat(sources.get(p)).as(p).isEqualTo(below.sources().get(p));
    }
  }

  @Property
  @Label("K-2: sources names, for every value, a layer that holds exactly that value there")
  void provenance(@ForAll("layers") @Size(min = 1, max = 5) List<ObjectNode> layers) {
    Merged m = mergeAll(layers);
    for (String p : leaves(m.tree())) {
      if (p.isEmpty()) {
        continue;
      }
      String label = m.sources().get(p);
      assertThat(label).as("source of %s", p).isNotNull();
      ObjectNode layer = layers.get(Integer.parseInt(label.substring(1)));
      assertThat(layer.at(p)).as(p).isEqualTo(m.tree().at(p));
    }
    for (String p : m.sources().keySet()) {
      assertThat(m.tree().at(p).isMissingNode()).as("%s exists", p).isFalse();
    }
  }

  @Property
  @Label("K-2: a mapping with a kind replaces the lower mapping whole")
  void kindReplacesWhole(
      @ForAll("layer") ObjectNode lowerRule, @ForAll("layer") ObjectNode upperRule) {
    ObjectNode upper = upperRule.deepCopy();
    upper.put("kind", "k");
    ObjectNode lowerLayer = F.objectNode();
    lowerLayer.set("rule", lowerRule);
    ObjectNode upperLayer = F.objectNode();
    upperLayer.set("rule", upper);
    Merged m = mergeAll(List.of(lowerLayer, upperLayer));
    assertThat(m.tree().get("rule")).isEqualTo(upper);
    assertThat(m.sources().entrySet())
        .filteredOn(e -> e.getKey().startsWith("/rule"))
        .allSatisfy(e -> assertThat(e.getValue()).isEqualTo("L1"));
  }
}
