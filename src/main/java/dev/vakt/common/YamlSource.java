package dev.vakt.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads YAML text into JSON trees and remembers the line and column of every field, so that any
 * later check (types, ranges, references) can point the user at the exact place.
 *
 * <p>YAML 1.2 core schema: {@code no} and {@code 08:00} stay strings, numbers keep every digit (a
 * 99.995 % target is read as the decimal 99.995, never as a binary double), duplicate keys are
 * errors.
 */
public final class YamlSource {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The largest file read, in characters: 64 Mi, a guard against runaway input, not a real limit.
   */
  public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  /**
   * The deepest nesting of mappings and sequences: Vakt's documents need about ten levels; deeper
   * input is refused before it is composed, so no recursion can overflow the stack (F6, F15).
   */
  public static final int MAX_DEPTH = 64;

  /** Aliases per file: the engine's own limit, stated here with the others. */
  public static final int MAX_ALIASES = 50;

  /**
   * The nodes aliases may add to a file when expanded. Vakt's documents need no aliases at all; a
   * few small shared lists stay possible, a "billion laughs" (nine levels of nine aliases, 315
   * bytes, 387 million nodes) is refused while its nodes are still shared (F6).
   */
  public static final int MAX_ALIAS_EXPANSION = 10_000;

  private YamlSource() {}

  /** One YAML document of a file, as a tree, with the position of each of its fields. */
  public record Document(String file, int index, JsonNode tree, Map<String, int[]> positions) {

    /** A problem at {@code pointer}, placed at that field or, if absent, its nearest parent. */
    public Problem problem(String pointer, String reason) {
      String p = pointer;
      while (true) {
        int[] pos = positions.get(p);
        if (pos != null) {
          return new Problem(file, pos[0], pos[1], pointer, reason);
        }
        if (p.isEmpty()) {
          return new Problem(file, 1, 1, pointer, reason);
        }
        p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
      }
    }
  }

  /** The documents of a file, or the problems that kept it from being read. */
  public record Parsed(List<Document> documents, List<Problem> problems) {}

  /** Reads every document of a (possibly multi-document) YAML text. */
  public static Parsed read(String file, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(false)
            .setUseMarks(true)
            // The engine's default (3 Mi code points) is below a large provider's inventory file.
            .setCodePointLimit(MAX_CODE_POINTS)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setAllowRecursiveKeys(false)
            .build();
    List<Document> documents = new ArrayList<>();
    try {
      YamlLimits.checkEvents(settings, text, MAX_DEPTH, MAX_ALIASES);
      int index = 0;
      for (Node root : new Compose(settings).composeAllFromString(text)) {
        YamlLimits.checkExpansion(root, MAX_ALIAS_EXPANSION);
        Map<String, int[]> positions = new HashMap<>();
        JsonNode tree = convert(root, "", positions);
        documents.add(new Document(file, index++, tree, Map.copyOf(positions)));
      }
      return new Parsed(documents, List.of());
    } catch (YamlLimits.Exceeded e) {
      return new Parsed(
          List.of(), List.of(new Problem(file, e.line(), e.column(), "/", e.getMessage())));
    } catch (DuplicateKey e) {
      int[] at = position(e.key);
      return new Parsed(
          List.of(),
          List.of(
              new Problem(
                  file,
                  at[0],
                  at[1],
                  e.pointer,
                  "duplicate key '"
                      + e.key.getValue()
                      + "' (first at line "
                      + (e.first == null ? "?" : e.first[0])
                      + "): each key may appear once")));
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      int line = mark == null ? 0 : mark.getLine() + 1;
      int column = mark == null ? 0 : mark.getColumn() + 1;
      String reason = "not valid YAML: " + firstLine(e.getProblem());
      if (e.getContext() != null && !e.getContext().isBlank()) {
        reason = "not valid YAML: " + firstLine(e.getContext()) + ": " + firstLine(e.getProblem());
      }
      return new Parsed(List.of(), List.of(new Problem(file, line, column, "/", reason)));
    } catch (YamlEngineException e) {
      return new Parsed(
          List.of(), List.of(new Problem(file, 0, 0, "/", "not valid YAML: " + e.getMessage())));
    } catch (IndexOutOfBoundsException e) {
      // snakeyaml-engine's reader can run past the end of some malformed texts (found by
      // HostileDocumentsFuzzTest): still a text that is not YAML, never a stack trace.
      return new Parsed(
          List.of(),
          List.of(
              new Problem(
                  file, 0, 0, "/", "not valid YAML: the text ends where the parser expects more")));
    }
  }

  /** Escapes one key for use in a JSON pointer (RFC 6901). */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode convert(Node node, String pointer, Map<String, int[]> positions) {
    positions.putIfAbsent(pointer, position(node));
    return switch (node) {
      case MappingNode map -> {
        ObjectNode object = NODES.objectNode();
        for (NodeTuple tuple : map.getValue()) {
          if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
            throw new IllegalStateException("complex keys are not supported");
          }
          String child = pointer + "/" + escape(key.getValue());
          if (object.has(key.getValue())) {
            // The engine's composer leaves duplicate keys to later stages: refuse them here, as the
            // second silently replacing the first would change a contract without anyone noticing.
            throw new DuplicateKey(key, child, positions.get(child));
          }
          positions.put(child, position(key));
          object.set(key.getValue(), convert(tuple.getValueNode(), child, positions));
        }
        yield object;
      }
      case SequenceNode seq -> {
        ArrayNode array = NODES.arrayNode();
        int i = 0;
        for (Node item : seq.getValue()) {
          array.add(convert(item, pointer + "/" + i++, positions));
        }
        yield array;
      }
      case ScalarNode scalar -> scalar(scalar);
      default -> NODES.nullNode();
    };
  }

  private static JsonNode scalar(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String v = scalar.getValue();
    if (Tag.NULL.equals(tag)) {
      return NODES.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      return NODES.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
    }
    if (Tag.INT.equals(tag) && v.matches("[-+]?[0-9]+")) {
      return NODES.numberNode(new BigInteger(v.startsWith("+") ? v.substring(1) : v));
    }
    if (Tag.FLOAT.equals(tag) && v.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
      return NODES.numberNode(new BigDecimal(v.startsWith("+") ? v.substring(1) : v));
    }
    return NODES.stringNode(v);
  }

  private static final class DuplicateKey extends RuntimeException {
    private final transient ScalarNode key;
    private final String pointer;
    private final int[] first;

    DuplicateKey(ScalarNode key, String pointer, int[] first) {
      super(null, null, false, false);
      this.key = key;
      this.pointer = pointer;
      this.first = first;
    }
  }

  private static int[] position(Node node) {
    return node.getStartMark()
        .map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1})
        .orElse(new int[] {0, 0});
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
