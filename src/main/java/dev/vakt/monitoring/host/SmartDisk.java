package dev.vakt.monitoring.host;

import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The verdict on one disk from one {@code smartctl -j -a} document (smartctl 7.x JSON format 1).
 *
 * @param name the device without {@code /dev/}, e.g. {@code sda}, {@code nvme0n1}
 * @param label the name with the serial number when known, for the reason
 * @param state the worst of the disk's findings
 * @param notes what is wrong, worst first; empty for a healthy disk
 * @param skipped the disk has no S.M.A.R.T. (a virtual disk): named, not judged
 * @param metrics temperature, wear and sector counts, named {@code <disk>_...}
 */
record SmartDisk(
    String name,
    String label,
    CheckState state,
    List<String> notes,
    boolean skipped,
    Map<String, BigDecimal> metrics) {

  // smartctl's exit status bits (smartctl(8), "RETURN VALUES").
  static final int CMDLINE_ERROR = 1;
  static final int OPEN_FAILED = 1 << 1;
  static final int COMMAND_FAILED = 1 << 2;
  static final int DISK_FAILING = 1 << 3;
  static final int PREFAIL_NOW = 1 << 4;
  static final int THRESHOLD_PAST = 1 << 5;
  static final int SELF_TEST_ERRORS = 1 << 7;

  /**
   * ATA attributes whose raw value above 0 predicts failure even while the overall health still
   * says PASSED (Backblaze's drive statistics; Google's "Failure Trends" paper): sectors already
   * remapped or waiting to be, and reads the drive could not correct.
   */
  static final Map<Integer, String> PREDICTORS =
      Map.of(
          5, "reallocated sectors",
          187, "reported uncorrectable errors",
          188, "command timeouts",
          197, "pending sectors",
          198, "offline uncorrectable sectors");

  /** Whether {@code doc} is smartctl's JSON at all. */
  static boolean isSmartctl(JsonNode doc) {
    return doc.isObject() && doc.path("smartctl").isObject();
  }

  /** Judges one smartctl document. */
  static SmartDisk judge(JsonNode doc) {
    JsonNode smartctl = doc.path("smartctl");
    String device = text(doc.path("device").path("name"));
    if (device.isEmpty()) {
      // Without a device smartctl still echoes its command line; the disk is its last word.
      JsonNode argv = smartctl.path("argv");
      device = argv.isArray() && !argv.isEmpty() ? text(argv.get(argv.size() - 1)) : "?";
    }
    String name = device.startsWith("/dev/") ? device.substring(5) : device;
    String serial = text(doc.path("serial_number"));
    String label = serial.isEmpty() ? name : name + " (S/N " + serial + ")";
    int exit = (int) number(smartctl.path("exit_status"), 0);
    String error = errorMessage(smartctl);

    boolean noSmart =
        doc.path("smart_support").path("available").isBoolean()
            && !doc.path("smart_support").path("available").asBoolean();
    if (noSmart
        || error.contains("Unable to detect device type")
        || error.contains("Unknown USB bridge")) {
      return new SmartDisk(name, label, CheckState.OK, List.of(), true, Map.of());
    }
    if ((exit & (CMDLINE_ERROR | OPEN_FAILED)) != 0 || !doc.path("smart_status").isObject()) {
      String why = !error.isEmpty() ? error : "no S.M.A.R.T. status (smartctl exit " + exit + ")";
      if ((exit & COMMAND_FAILED) != 0 && error.isEmpty()) {
        why = "S.M.A.R.T. command failed";
      }
      return new SmartDisk(name, label, CheckState.UNKNOWN, List.of(why), false, Map.of());
    }

    StorageFindings findings = new StorageFindings();
    Map<String, BigDecimal> metrics = new LinkedHashMap<>();
    String prefix = StorageText.metricPart(name);
    JsonNode nvme = doc.path("nvme_smart_health_information_log");
    boolean nvmeWarned = nvme.isObject() && number(nvme.path("critical_warning"), 0) != 0;
    if (!doc.path("smart_status").path("passed").asBoolean(true) && !nvmeWarned) {
      findings.add(CheckState.CRITICAL, "S.M.A.R.T. overall health FAILED");
    }
    boolean now = false;
    boolean past = false;
    for (JsonNode attribute : doc.path("ata_smart_attributes").path("table").values()) {
      int id = (int) number(attribute.path("id"), -1);
      String attr = id + " " + text(attribute.path("name"));
      String whenFailed = text(attribute.path("when_failed"));
      String levels =
          " (value "
              + number(attribute.path("value"), -1)
              + " <= threshold "
              + number(attribute.path("thresh"), -1)
              + ")";
      if (whenFailed.equals("now")) {
        now = true;
        findings.add(CheckState.CRITICAL, attr + " failing now" + levels);
      } else if (whenFailed.equals("past")) {
        past = true;
        findings.add(CheckState.WARNING, attr + " failed in the past");
      }
      long raw = number(attribute.path("raw").path("value"), 0);
      if (PREDICTORS.containsKey(id)) {
        if (raw > 0) {
          String count = rawText(attribute);
          findings.add(
              CheckState.WARNING,
              count.matches("[0-9]+")
                  ? count + " " + PREDICTORS.get(id)
                  : PREDICTORS.get(id) + " (raw " + count + ")");
        }
        if (id == 5 || id == 197) {
          metrics.put(prefix + (id == 5 ? "_reallocated" : "_pending"), BigDecimal.valueOf(raw));
        }
      }
    }
    if (nvme.isObject()) {
      Nvme.judge(nvme, findings, metrics, prefix);
    }
    if ((exit & DISK_FAILING) != 0 && findings.state() != CheckState.CRITICAL) {
      findings.add(CheckState.CRITICAL, "smartctl reports the disk failing");
    }
    if ((exit & PREFAIL_NOW) != 0 && !now) {
      findings.add(CheckState.CRITICAL, "a pre-failure attribute is at or below its threshold");
    }
    if ((exit & THRESHOLD_PAST) != 0 && !past) {
      findings.add(CheckState.WARNING, "an attribute was at or below its threshold in the past");
    }
    if ((exit & SELF_TEST_ERRORS) != 0) {
      findings.add(CheckState.WARNING, "self-test log has errors");
    }
    long grown = number(doc.path("scsi_grown_defect_list"), 0);
    if (grown > 0) {
      findings.add(CheckState.WARNING, grown + " grown defects");
    }
    JsonNode temperature = doc.path("temperature").path("current");
    if (temperature.isNumber()) {
      metrics.put(prefix + "_temp_c", temperature.decimalValue());
    }
    List<String> notes = findings.isEmpty() ? List.of() : List.of(findings.text(", "));
    return new SmartDisk(name, label, findings.state(), notes, false, metrics);
  }

  /** The raw value as smartctl prints it: "8", or "0 0 3" for Seagate's packed counters. */
  private static String rawText(JsonNode attribute) {
    String raw = text(attribute.path("raw").path("string")).strip();
    return raw.isEmpty() ? String.valueOf(number(attribute.path("raw").path("value"), 0)) : raw;
  }

  /** The messages smartctl flagged as errors, joined; empty when none. */
  private static String errorMessage(JsonNode smartctl) {
    List<String> errors = new ArrayList<>();
    for (JsonNode message : smartctl.path("messages").values()) {
      if (text(message.path("severity")).equals("error")) {
        errors.add(text(message.path("string")).strip());
      }
    }
    return StorageText.firstLine(String.join(", ", errors), 160);
  }

  static String text(JsonNode node) {
    return node.isString() ? node.stringValue() : "";
  }

  static long number(JsonNode node, long fallback) {
    return node.isNumber() && node.canConvertToLong() ? node.longValue() : fallback;
  }

  /** NVMe health log (NVMe 1.4, "SMART / Health Information", log page 02h). */
  static final class Nvme {

    private static final String[] CRITICAL_WARNINGS = {
      "spare below threshold",
      "temperature",
      "reliability degraded",
      "read-only",
      "volatile memory backup failed",
      "persistent memory read-only"
    };

    private Nvme() {}

    static void judge(
        JsonNode log, StorageFindings findings, Map<String, BigDecimal> metrics, String prefix) {
      long warning = number(log.path("critical_warning"), 0);
      if (warning != 0) {
        List<String> bits = new ArrayList<>();
        for (int bit = 0; bit < CRITICAL_WARNINGS.length; bit++) {
          if ((warning & (1L << bit)) != 0) {
            bits.add(CRITICAL_WARNINGS[bit]);
          }
        }
        findings.add(
            CheckState.CRITICAL,
            String.format("critical warning 0x%02x (%s)", warning, String.join(", ", bits)));
      }
      long spare = number(log.path("available_spare"), -1);
      long spareThreshold = number(log.path("available_spare_threshold"), -1);
      if (spare >= 0 && spareThreshold >= 0 && spare < spareThreshold && (warning & 1) == 0) {
        findings.add(
            CheckState.CRITICAL,
            "available spare " + spare + " % below threshold " + spareThreshold + " %");
      }
      long used = number(log.path("percentage_used"), -1);
      if (used >= 100) {
        findings.add(CheckState.CRITICAL, "worn out: " + used + " % of rated endurance used");
      } else if (used >= 90) {
        findings.add(CheckState.WARNING, used + " % of rated endurance used");
      }
      if (used >= 0) {
        metrics.put(prefix + "_wear_pct", BigDecimal.valueOf(used));
      }
      long mediaErrors = number(log.path("media_errors"), 0);
      if (mediaErrors > 0) {
        findings.add(CheckState.WARNING, mediaErrors + " media errors");
      }
      metrics.put(prefix + "_media_errors", BigDecimal.valueOf(Math.max(mediaErrors, 0)));
    }
  }
}
