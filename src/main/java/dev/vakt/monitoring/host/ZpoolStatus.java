package dev.vakt.monitoring.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pool as {@code zpool status -x} describes it: only pools with a problem appear there.
 *
 * @param name the pool
 * @param state the {@code state:} line, e.g. {@code DEGRADED}
 * @param status the first sentence of the {@code status:} text, or empty
 * @param scan a running resilver or scrub, e.g. "resilver 13.97 % done, 02:07:40 to go", or empty
 * @param errors the {@code errors:} line, e.g. "2 data errors, use '-v' for a list"
 * @param devices devices not ONLINE or with error counts, e.g. "sdb UNAVAIL", "sdc 0/0/3 errors"
 */
record ZpoolStatus(
    String name, String state, String status, String scan, String errors, List<String> devices) {

  private static final Pattern FIELD = Pattern.compile("^\\s*([a-z]+): ?(.*)$");
  private static final Pattern DEVICE =
      Pattern.compile("^\\t\\s*(\\S+)\\s+([A-Z]+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s+(.*))?$");
  private static final Pattern PROGRESS = Pattern.compile("([0-9.]+)% done(?:, (\\S+) to go)?");

  /** Whether the data errors line reports any. */
  boolean hasDataErrors() {
    return !errors.isEmpty() && !errors.startsWith("No known data errors");
  }

  /** The pools in the text of {@code zpool status -x}; none for "all pools are healthy". */
  static List<ZpoolStatus> parse(String text) {
    List<Builder> pools = new ArrayList<>();
    Builder current = null;
    String field = null;
    for (String line : text.split("\\R")) {
      Matcher f = FIELD.matcher(line);
      if (f.matches()) {
        field = f.group(1);
        if (field.equals("pool")) {
          current = new Builder(f.group(2).strip());
          pools.add(current);
        } else if (current != null) {
          current.field(field, f.group(2).strip());
        }
      } else if (current != null && field != null && field.equals("config")) {
        current.device(line);
      } else if (current != null && field != null && line.startsWith("\t")) {
        current.field(field, line.strip()); // a wrapped field goes on, indented by a tab
      }
    }
    return pools.stream().map(Builder::build).toList();
  }

  private static final class Builder {
    private final String name;
    private String state = "";
    private final StringBuilder status = new StringBuilder();
    private final StringBuilder scan = new StringBuilder();
    private String errors = "";
    private final List<String> devices = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    void field(String field, String value) {
      switch (field) {
        case "state" -> state = value;
        case "status" -> status.append(status.isEmpty() ? "" : " ").append(value);
        case "scan" -> scan.append(scan.isEmpty() ? "" : " ").append(value);
        case "errors" -> errors = value;
        default -> {}
      }
    }

    void device(String line) {
      Matcher d = DEVICE.matcher(line);
      if (!d.matches() || d.group(1).equals("NAME") || d.group(1).equals(name)) {
        return;
      }
      String state = d.group(2);
      String counts = d.group(3) + "/" + d.group(4) + "/" + d.group(5);
      if (List.of("FAULTED", "UNAVAIL", "REMOVED", "OFFLINE").contains(state)) {
        String why = d.group(6) == null ? "" : d.group(6).strip();
        devices.add(d.group(1) + " " + state + (why.isEmpty() ? "" : " (" + why + ")"));
      } else if (!counts.equals("0/0/0") && !state.equals("DEGRADED")) {
        devices.add(d.group(1) + " " + counts + " read/write/checksum errors");
      }
    }

    ZpoolStatus build() {
      String sentence = status.toString();
      int end = sentence.indexOf(". ");
      if (end > 0) {
        sentence = sentence.substring(0, end);
      }
      sentence = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
      String progress = "";
      Matcher p = PROGRESS.matcher(scan);
      if (scan.toString().contains("in progress") && p.find()) {
        String what = scan.toString().startsWith("resilver") ? "resilver" : "scrub";
        progress =
            what
                + " "
                + p.group(1)
                + " % done"
                + (p.group(2) == null ? "" : ", " + p.group(2) + " to go");
      }
      return new ZpoolStatus(name, state, sentence, progress, errors, List.copyOf(devices));
    }
  }
}
