package dev.vakt.monitoring.host;

import dev.vakt.common.Percent;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LVM thin pools (Proxmox VE's {@code local-lvm}): data and metadata use against the contract's
 * thin pool levels (MON-3). Both are judged alike; a full metadata area is the worse failure (the
 * pool goes read-only or needs {@code thin_repair}), a full data area makes writes in every guest
 * fail. lvs' health flag (failed, out of data space, metadata read-only) is CRITICAL by itself. A
 * thin pool that is not active has no usage to read and is UNKNOWN.
 *
 * <p>Metrics: {@code thin_pools}, and per pool {@code thin_<vg>_<lv>_data_pct} and {@code
 * thin_<vg>_<lv>_meta_pct}.
 */
public final class ThinPoolReader implements HostReader {

  /** JSON since lvm2 2.02.158 (Debian 9 on); sizes in bytes without unit; values are strings. */
  static final String COMMAND =
      "lvs --reportformat json --units b --nosuffix"
          + " -o vg_name,lv_name,lv_attr,lv_size,data_percent,metadata_percent";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public HostCheck check() {
    return HostCheck.LVM_THIN;
  }

  @Override
  public List<String> commands() {
    return List.of(COMMAND);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return StorageText.guarded(outputs, 1, "lvs", () -> verdict(outputs.get(0), context));
  }

  /**
   * A thin pool.
   *
   * @param name {@code vg/lv}
   * @param attr lvs' attribute string, e.g. {@code twi-aotz--}
   * @param data data use in percent, null when not reported (pool not active)
   * @param metadata metadata use in percent, null when not reported
   */
  record ThinPool(String name, String attr, BigDecimal data, BigDecimal metadata) {}

  private static CheckResult verdict(CommandOutput output, HostContext context) {
    String notRunnable = StorageText.notRunnable("lvs", output);
    if (notRunnable != null) {
      return CheckResult.unknown(notRunnable, Duration.ZERO);
    }
    JsonNode report;
    try {
      report = JSON.readTree(output.stdout());
    } catch (JacksonException e) {
      report = null;
    }
    if (report == null || !report.path("report").isArray()) {
      String said = output.stdout().isBlank() ? output.stderr() : output.stdout();
      return CheckResult.unknown(
          "lvs printed no JSON report (lvm2 older than 2.02.158?): "
              + StorageText.firstLine(said, 120),
          Duration.ZERO);
    }
    List<ThinPool> pools = new ArrayList<>();
    for (JsonNode part : report.path("report").values()) {
      for (JsonNode lv : part.path("lv").values()) {
        String attr = SmartDisk.text(lv.path("lv_attr"));
        if (attr.startsWith("t")) {
          pools.add(
              new ThinPool(
                  SmartDisk.text(lv.path("vg_name")) + "/" + SmartDisk.text(lv.path("lv_name")),
                  attr,
                  percent(lv.path("data_percent")),
                  percent(lv.path("metadata_percent"))));
        }
      }
    }
    Map<String, BigDecimal> metrics = new TreeMap<>();
    metrics.put("thin_pools", BigDecimal.valueOf(pools.size()));
    if (pools.isEmpty()) {
      return CheckResult.ok("no thin pools", Duration.ZERO, metrics);
    }
    StorageFindings findings = new StorageFindings();
    List<String> fine = new ArrayList<>();
    for (ThinPool pool : pools) {
      String prefix = "thin_" + StorageText.metricPart(pool.name());
      List<String> notes = new ArrayList<>();
      CheckState state = health(pool.attr(), notes);
      if (pool.data() == null || pool.metadata() == null) {
        findings.add(state.worst(CheckState.UNKNOWN), pool.name() + ": not active, usage unknown");
        continue;
      }
      StorageText.putUnique(metrics, prefix + "_data_pct", pool.data());
      StorageText.putUnique(metrics, prefix + "_meta_pct", pool.metadata());
      List<String> metaNote = new ArrayList<>();
      List<String> dataNote = new ArrayList<>();
      CheckState meta = level("metadata", pool.metadata(), context, metaNote);
      CheckState data = level("data", pool.data(), context, dataNote);
      // Metadata first unless data is worse: a full metadata area is what breaks the pool.
      boolean dataFirst = data.worst(meta) == data && data != meta;
      notes.addAll(dataFirst ? dataNote : metaNote);
      notes.addAll(dataFirst ? metaNote : dataNote);
      state = state.worst(meta).worst(data);
      if (state == CheckState.OK) {
        fine.add(pool.name() + ": " + String.join(", ", notes));
      } else {
        findings.add(state, pool.name() + ": " + String.join(", ", notes));
      }
    }
    String healthy = String.join("; ", fine);
    if (!findings.isEmpty() && !fine.isEmpty()) {
      findings.add(CheckState.OK, healthy);
    }
    return findings.result(healthy, metrics);
  }

  /** lvs' 9th attribute character, which for thin pools is the pool's health. */
  private static CheckState health(String attr, List<String> notes) {
    char flag = attr.length() > 8 ? attr.charAt(8) : '-';
    String problem =
        switch (flag) {
          case 'F' -> "failed";
          case 'D' -> "out of data space";
          case 'M' -> "metadata read-only";
          default -> null;
        };
    if (problem == null) {
      return CheckState.OK;
    }
    notes.add(problem);
    return CheckState.CRITICAL;
  }

  /** Adds "metadata 92 % (critical at 90 %)" or "data 45 %" to the notes. */
  private static CheckState level(
      String what, BigDecimal used, HostContext context, List<String> notes) {
    Percent critical = context.thinPoolCritical();
    Percent warning = context.thinPoolWarning();
    String text = what + " " + StorageText.pct(used);
    if (StorageText.reached(used, critical)) {
      notes.add(text + " (critical at " + critical + ")");
      return CheckState.CRITICAL;
    }
    if (StorageText.reached(used, warning)) {
      notes.add(text + " (warning at " + warning + ")");
      return CheckState.WARNING;
    }
    notes.add(text);
    return CheckState.OK;
  }

  /** lvs writes "23.45" (a string, or a number in json_std), "" when it has no value. */
  private static BigDecimal percent(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    String text = SmartDisk.text(node).strip();
    return text.matches("[0-9]+(\\.[0-9]+)?") ? new BigDecimal(text) : null;
  }
}
