package dev.vakt.contract;

import dev.vakt.common.YamlSource;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lays one layer of terms over another. Mappings merge key by key; lists and single values replace
 * what lies below; a mapping with a {@code kind} (a credit rule, a liability cap) replaces the
 * lower one whole, because its other fields only make sense for that kind.
 */
final class TermsMerge {

  private TermsMerge() {}

  /**
   * Merges {@code upper} into {@code lower} in place.
   *
   * @param sources pointer of each value set so far to the label of the layer that set it; updated
   */
  static void merge(
      ObjectNode lower, JsonNode upper, String pointer, String label, Map<String, String> sources) {
    for (Map.Entry<String, JsonNode> e : upper.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      String child = pointer + "/" + YamlSource.escape(key);
      JsonNode existing = lower.get(key);
      if (value.isObject() && existing != null && existing.isObject() && !value.has("kind")) {
        merge((ObjectNode) existing, value, child, label, sources);
      } else {
        forget(sources, child);
        lower.set(key, value.deepCopy());
        record(value, child, label, sources);
      }
    }
  }

  private static void record(
      JsonNode value, String pointer, String label, Map<String, String> sources) {
    if (value.isObject() && !value.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        record(e.getValue(), pointer + "/" + YamlSource.escape(e.getKey()), label, sources);
      }
    } else {
      sources.put(pointer, label);
    }
  }

  private static void forget(Map<String, String> sources, String pointer) {
    Iterator<String> it = sources.keySet().iterator();
    while (it.hasNext()) {
      String p = it.next();
      if (p.equals(pointer) || p.startsWith(pointer + "/")) {
        it.remove();
      }
    }
  }
}
