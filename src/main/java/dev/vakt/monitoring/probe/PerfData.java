package dev.vakt.monitoring.probe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Performance data as the Monitoring Plugins guidelines define it (MON-4): space-separated items
 * {@code 'label'=value[UOM];[warn];[crit];[min];[max]}, labels quoted when they hold spaces or
 * {@code =} (a quote inside is written twice). An item that does not parse is skipped and counted,
 * never fatal: one odd value must not cost the plugin's verdict or its other measurements.
 */
public final class PerfData {

  private static final Pattern NUMBER_AND_UNIT =
      Pattern.compile("(-?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)([a-zA-Z%]*)");

  private PerfData() {}

  /**
   * One measurement.
   *
   * @param label the label as the plugin wrote it, unquoted
   * @param value the measured value
   * @param unit the unit of measure as written ({@code s}, {@code ms}, {@code %}, {@code MB}, ...),
   *     empty when none
   * @param warn the warning range as written, or null
   * @param crit the critical range as written, or null
   * @param min the smallest possible value, or null
   * @param max the largest possible value, or null
   */
  public record Item(
      String label,
      BigDecimal value,
      String unit,
      String warn,
      String crit,
      BigDecimal min,
      BigDecimal max) {

    /** The metric name: the label in snake_case with its unit as suffix, e.g. {@code time_s}. */
    public String metricName() {
      return PerfData.metricName(label, unit);
    }
  }

  /**
   * The items of one plugin output.
   *
   * @param items the items that parsed, in order
   * @param invalid how many items were skipped because they did not parse
   */
  public record Parsed(List<Item> items, int invalid) {

    public Parsed {
      items = List.copyOf(items);
    }

    /**
     * The items as metrics by normalised name. Two labels that normalise alike keep both values:
     * the later gets {@code _2}, {@code _3}, ...
     */
    public Map<String, BigDecimal> metrics() {
      Map<String, BigDecimal> metrics = new LinkedHashMap<>();
      for (Item item : items) {
        String name = item.metricName();
        String unique = name;
        for (int n = 2; metrics.containsKey(unique); n++) {
          unique = name + "_" + n;
        }
        metrics.put(unique, item.value());
      }
      return Collections.unmodifiableMap(metrics);
    }
  }

  /** Parses the performance data part of a plugin's output (what follows {@code |}). */
  public static Parsed parse(String text) {
    List<Item> items = new ArrayList<>();
    int invalid = 0;
    int i = 0;
    int n = text == null ? 0 : text.length();
    while (i < n) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      // The label: quoted (may hold spaces and '='), or up to '=' without whitespace.
      StringBuilder label = new StringBuilder();
      boolean ok = true;
      if (text.charAt(i) == '\'') {
        i++;
        ok = false;
        while (i < n) {
          char c = text.charAt(i++);
          if (c == '\'' && i < n && text.charAt(i) == '\'') {
            label.append('\'');
            i++;
          } else if (c == '\'') {
            ok = true;
            break;
          } else {
            label.append(c);
          }
        }
        ok = ok && i < n && text.charAt(i) == '=';
      } else {
        while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
          label.append(text.charAt(i++));
        }
        ok = i < n && text.charAt(i) == '=';
      }
      int valueStart = ok ? i + 1 : i;
      int end = valueStart;
      while (end < n && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      i = end;
      if (!ok || label.isEmpty()) {
        invalid++;
        continue;
      }
      String data = text.substring(valueStart, end);
      if (data.equals("U") || data.startsWith("U;")) {
        continue; // "U": the plugin could not determine the value; a known gap, not an error
      }
      Item item = item(label.toString(), data);
      if (item == null) {
        invalid++;
      } else {
        items.add(item);
      }
    }
    return new Parsed(items, invalid);
  }

  /** {@code value[UOM];[warn];[crit];[min];[max]}, or null when the value does not parse. */
  private static Item item(String label, String data) {
    String[] fields = data.split(";", -1);
    Matcher value = NUMBER_AND_UNIT.matcher(fields[0]);
    if (fields.length > 5 || !value.matches()) {
      return null;
    }
    return new Item(
        label,
        new BigDecimal(value.group(1)),
        value.group(2),
        field(fields, 1),
        field(fields, 2),
        number(field(fields, 3)),
        number(field(fields, 4)));
  }

  private static String field(String[] fields, int index) {
    return index < fields.length && !fields[index].isEmpty() ? fields[index] : null;
  }

  /** Min and max are plain numbers; some plugins repeat the unit there, which is forgiven. */
  private static BigDecimal number(String field) {
    if (field == null) {
      return null;
    }
    Matcher m = NUMBER_AND_UNIT.matcher(field);
    return m.matches() ? new BigDecimal(m.group(1)) : null;
  }

  /**
   * A metric name from a label and unit: snake_case ({@code responseTime} and {@code Response Time}
   * become {@code response_time}), the unit as suffix ({@code time} in {@code s} becomes {@code
   * time_s}, {@code %} becomes {@code _pct}, {@code B} {@code _bytes}, a counter {@code c} {@code
   * _total}), and no suffix twice ({@code time_ms} in {@code ms} stays {@code time_ms}).
   * check_disk's {@code /} becomes {@code root}.
   */
  static String metricName(String label, String unit) {
    String name = label.equals("/") ? "root" : snake(label);
    if (name.isEmpty()) {
      name = "value";
    }
    if (Character.isDigit(name.charAt(0))) {
      name = "m_" + name; // metric names start with a letter in every time-series store
    }
    String suffix = suffix(unit);
    if (suffix.isEmpty() || name.equals(suffix) || name.endsWith("_" + suffix)) {
      return name;
    }
    return name + "_" + suffix;
  }

  private static String suffix(String unit) {
    return switch (unit) {
      case "" -> "";
      case "%" -> "pct";
      case "B" -> "bytes";
      case "c" -> "total";
      // Units are not camelCase ("KiB" is one unit): only lower-cased and made name-safe.
      default -> unit.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    };
  }

  private static String snake(String text) {
    String split = text.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return split.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
  }
}
