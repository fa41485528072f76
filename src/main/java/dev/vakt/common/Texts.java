package dev.vakt.common;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The one rule for free text that reaches Vakt's tables through the API (issue 16, F12, F15): no
 * text may hold a NUL character (PostgreSQL cannot store it), names are at most {@link #MAX_NAME}
 * characters and every other text at most {@link #MAX_TEXT}. Applied to every JSON request body
 * {@link Requests#bind} reads, so a new request record is covered without anyone remembering to;
 * records Spring binds directly call {@link #check(String, String, int)} in their constructors.
 */
public final class Texts {

  /**
   * Names and titles: an account, a customer, a token, a notice's subject; 255, so that the longest
   * DNS name (253 characters, a DNS check's {@code name}) fits.
   */
  public static final int MAX_NAME = 255;

  /** Reasons, notes, descriptions and every other free text of a request. */
  public static final int MAX_TEXT = 2_000;

  /** A message body written to customers (a notice's text). */
  public static final int MAX_MESSAGE = 10_000;

  /** Fields held to {@link #MAX_NAME}, wherever they appear in a request body. */
  static final Set<String> NAME_FIELDS = Set.of("name", "title", "username");

  private Texts() {}

  /**
   * {@code value} unchanged, or {@link InvalidField} naming {@code field} when it holds a NUL or is
   * longer than {@code max} characters.
   */
  public static String check(String field, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.indexOf('\0') >= 0) {
      throw new InvalidField(field, "may not contain the NUL character");
    }
    if (value.length() > max) {
      throw new InvalidField(
          field, "is " + value.length() + " characters long; at most " + max + " are allowed");
    }
    return value;
  }

  /** The first text in {@code node} that breaks the rule, as (JSON pointer, reason). */
  static Optional<Map.Entry<String, String>> firstProblem(JsonNode node, boolean lengths) {
    return walk(node, "", null, lengths);
  }

  private static Optional<Map.Entry<String, String>> walk(
      JsonNode node, String pointer, String key, boolean lengths) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isString()) {
      String v = node.asString();
      int max = key != null && NAME_FIELDS.contains(key) ? MAX_NAME : MAX_TEXT;
      if (v.indexOf('\0') >= 0) {
        return Optional.of(Map.entry(pointer, "may not contain the NUL character"));
      }
      if (lengths && v.length() > max) {
        return Optional.of(
            Map.entry(
                pointer, "is " + v.length() + " characters long; at most " + max + " are allowed"));
      }
      return Optional.empty();
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().indexOf('\0') >= 0) {
          return Optional.of(Map.entry(pointer, "a key may not contain the NUL character"));
        }
        var found =
            walk(e.getValue(), pointer + "/" + YamlSource.escape(e.getKey()), e.getKey(), lengths);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode item : node) {
        var found = walk(item, pointer + "/" + i++, key, lengths);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
