package dev.vakt.proxmox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Lenient readers for the Proxmox VE API's JSON. Its Perl back end prints numbers sometimes as
 * numbers and sometimes as strings ({@code loadavg} is {@code ["0.12","0.20","0.25"]}), and
 * booleans as 0/1; a missing field reads as the given default, never as an exception.
 */
final class Json {

  private Json() {}

  /** A whole number from a number or a numeric string; {@code fallback} when absent or not one. */
  static long asLong(JsonNode node, long fallback) {
    BigDecimal d = asDecimal(node);
    return d == null ? fallback : d.longValue();
  }

  static int asInt(JsonNode node, int fallback) {
    BigDecimal d = asDecimal(node);
    return d == null ? fallback : d.intValue();
  }

  /** A decimal from a number or a numeric string, or null. */
  static BigDecimal asDecimal(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isString()) {
      String s = node.asString().strip();
      try {
        return s.isEmpty() ? null : new BigDecimal(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (node.isBoolean()) {
      return node.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return null;
  }

  /** A flag from 0/1, "0"/"1" or true/false; {@code fallback} when absent. */
  static boolean asFlag(JsonNode node, boolean fallback) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    BigDecimal d = asDecimal(node);
    return d == null ? fallback : d.signum() != 0;
  }

  /** A string, or null when absent; numbers are given in their JSON form. */
  static String asText(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.isString() ? node.asString() : node.toString();
  }

  static <T> List<T> list(JsonNode array, Function<JsonNode, T> each) {
    List<T> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode n : array) {
        if (n.isObject()) {
          out.add(each.apply(n));
        }
      }
    }
    return List.copyOf(out);
  }
}
