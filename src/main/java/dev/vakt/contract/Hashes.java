package dev.vakt.contract;

import dev.vakt.common.Binder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A hash of a document that does not depend on key order, so anyone can check what they hold. */
final class Hashes {

  private Hashes() {}

  static String sha256(JsonNode tree) {
    try {
      byte[] bytes =
          Binder.MAPPER.writeValueAsString(sorted(tree)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Map<String, JsonNode> keys = new TreeMap<>();
      object.properties().forEach(e -> keys.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = Binder.MAPPER.createObjectNode();
      keys.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      var out = Binder.MAPPER.createArrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }
}
