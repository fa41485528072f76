package dev.vakt.common;

import java.util.IdentityHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The limits that keep a small YAML text from becoming a large or endless tree (issue 16, F6, F15):
 * nesting depth and alias count, checked on the parser's events before anything is built; alias
 * expansion and self-reference, checked on the composed node graph (where aliases are still shared,
 * so the check costs what the text costs) before it is turned into a JSON tree.
 */
final class YamlLimits {

  private YamlLimits() {}

  /** A limit broken, at a place in the text. */
  static final class Exceeded extends RuntimeException {
    private final int line;
    private final int column;

    Exceeded(Mark mark, String reason) {
      super(reason, null, false, false);
      this.line = mark == null ? 0 : mark.getLine() + 1;
      this.column = mark == null ? 0 : mark.getColumn() + 1;
    }

    int line() {
      return line;
    }

    int column() {
      return column;
    }
  }

  /** Refuses nesting deeper than {@code maxDepth} and more than {@code maxAliases} aliases. */
  static void checkEvents(LoadSettings settings, String text, int maxDepth, int maxAliases) {
    int depth = 0;
    int aliases = 0;
    for (Event e : new Parse(settings).parseString(text)) {
      switch (e) {
        case MappingStartEvent m -> depth = deeper(depth, maxDepth, e);
        case SequenceStartEvent s -> depth = deeper(depth, maxDepth, e);
        case AliasEvent a -> {
          if (++aliases > maxAliases) {
            throw new Exceeded(
                e.getStartMark().orElse(null),
                "too many aliases (more than " + maxAliases + "): Vakt's documents need none");
          }
        }
        default -> {
          if (e.getEventId() == Event.ID.MappingEnd || e.getEventId() == Event.ID.SequenceEnd) {
            depth--;
          }
        }
      }
    }
  }

  private static int deeper(int depth, int max, Event e) {
    if (depth + 1 > max) {
      throw new Exceeded(
          e.getStartMark().orElse(null),
          "nested more than " + max + " levels deep: no Vakt document needs that");
    }
    return depth + 1;
  }

  /**
   * Refuses a document whose aliases would add more than {@code maxExtra} nodes when expanded, or
   * that contains itself (an alias inside its own anchor).
   */
  static void checkExpansion(Node root, int maxExtra) {
    Map<Node, Long> sizes = new IdentityHashMap<>();
    Map<Node, Boolean> open = new IdentityHashMap<>();
    long expanded = size(root, sizes, open, maxExtra);
    long distinct = sizes.size();
    if (expanded - distinct > maxExtra) {
      throw new Exceeded(
          root.getStartMark().orElse(null),
          "aliases expand this document by more than " + maxExtra + " nodes");
    }
  }

  private static long size(Node node, Map<Node, Long> sizes, Map<Node, Boolean> open, long cap) {
    Long known = sizes.get(node);
    if (known != null) {
      return known;
    }
    if (open.containsKey(node)) {
      throw new Exceeded(
          node.getStartMark().orElse(null),
          "an alias refers to the anchor it is inside: recursive structures are not allowed");
    }
    open.put(node, Boolean.TRUE);
    long total = 1;
    switch (node) {
      case MappingNode m -> {
        for (NodeTuple t : m.getValue()) {
          total = add(total, size(t.getKeyNode(), sizes, open, cap), cap, node);
          total = add(total, size(t.getValueNode(), sizes, open, cap), cap, node);
        }
      }
      case SequenceNode s -> {
        for (Node item : s.getValue()) {
          total = add(total, size(item, sizes, open, cap), cap, node);
        }
      }
      default -> {}
    }
    open.remove(node);
    sizes.put(node, total);
    return total;
  }

  /**
   * The sum, refused early once it exceeds what any text within the code point limit could hold
   * plus the expansion allowed, so the count itself can never overflow.
   */
  private static long add(long total, long more, long cap, Node at) {
    long sum = total + more;
    if (sum > YamlSource.MAX_CODE_POINTS + cap) {
      throw new Exceeded(
          at.getStartMark().orElse(null),
          "aliases expand this document by more than " + cap + " nodes");
    }
    return sum;
  }
}
