package dev.vakt.monitoring.host;

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
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * S.M.A.R.T. health of every physical disk through {@code smartctl -j -a} (MON-6), one JSON
 * document per disk. A disk is CRITICAL when its overall health failed, an attribute is failing
 * now, or an NVMe drive raises a critical warning, is worn out or short of spare blocks; it is a
 * WARNING when sectors were reallocated, are pending or uncorrectable, an attribute failed in the
 * past, the self-test log has errors, NVMe media errors occurred or 90 % of the rated endurance is
 * used. Disks without S.M.A.R.T. (virtual disks) are named and skipped; a VM with only such disks
 * is OK "no physical disks with S.M.A.R.T.", since there is nothing there that can fail this way;
 * an empty disk listing is UNKNOWN: every machine has a disk, so nothing listed means nothing seen.
 *
 * <p>Metrics: {@code disks} (judged), {@code disks_skipped}, {@code disks_failing} (not OK), and
 * per disk {@code <disk>_temp_c}, {@code <disk>_reallocated}, {@code <disk>_pending}, {@code
 * <disk>_wear_pct}, {@code <disk>_media_errors} where the disk reports them.
 */
public final class SmartReader implements HostReader {

  /**
   * Every whole disk lsblk knows, except RAM, network and RBD block devices that have no
   * S.M.A.R.T.; one JSON document per disk. {@code -a} is read-only; the loop's exit status says
   * nothing, which is why each document carries smartctl's own {@code exit_status}. The first test
   * turns a missing smartctl into exit 127 instead of one error per disk.
   */
  static final String COMMAND =
      "command -v smartctl >/dev/null || { echo 'smartctl: command not found' >&2; exit 127; }; "
          + "for d in $(lsblk -dno NAME,TYPE | awk '$2==\"disk\" && $1 !~ /^(zram|rbd|nbd|drbd)/"
          + " {print \"/dev/\"$1}'); do smartctl -j -a \"$d\"; echo; done";

  private static final ObjectReader READER = JsonMapper.builder().build().readerFor(JsonNode.class);

  @Override
  public HostCheck check() {
    return HostCheck.SMART;
  }

  @Override
  public List<String> commands() {
    return List.of(COMMAND);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return StorageText.guarded(outputs, 1, "smartctl", () -> verdict(outputs.get(0)));
  }

  private static CheckResult verdict(CommandOutput output) {
    String notRunnable = StorageText.notRunnable("smartctl", output);
    if (notRunnable != null) {
      return CheckResult.unknown(notRunnable, Duration.ZERO);
    }
    if (output.stdout().isBlank()) {
      if (!output.stderr().isBlank() || output.exitStatus() != 0) {
        return CheckResult.unknown(
            "listing the disks failed: " + StorageText.firstLine(output.stderr(), 160),
            Duration.ZERO);
      }
      // Every machine has a disk: an empty listing means lsblk saw none, which cannot be judged.
      return CheckResult.unknown(
          "no disks listed (lsblk printed nothing): S.M.A.R.T. cannot be judged", Duration.ZERO);
    }
    List<SmartDisk> disks = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = READER.readValues(output.stdout())) {
      while (documents.hasNextValue()) {
        JsonNode doc = documents.nextValue();
        if (!SmartDisk.isSmartctl(doc)) {
          return CheckResult.unknown("not the JSON of smartctl -j", Duration.ZERO);
        }
        disks.add(SmartDisk.judge(doc));
      }
    } catch (JacksonException e) {
      return CheckResult.unknown(
          "not the JSON of smartctl -j: " + StorageText.firstLine(e.getOriginalMessage(), 120),
          Duration.ZERO);
    }
    return summary(disks);
  }

  private static CheckResult summary(List<SmartDisk> disks) {
    StorageFindings findings = new StorageFindings();
    Map<String, BigDecimal> metrics = new TreeMap<>();
    List<String> healthy = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int failing = 0;
    for (SmartDisk disk : disks) {
      disk.metrics().forEach((name, value) -> StorageText.putUnique(metrics, name, value));
      if (disk.skipped()) {
        skipped.add(disk.name());
      } else if (disk.state() == CheckState.OK) {
        healthy.add(disk.name());
      } else {
        failing++;
        findings.add(disk.state(), disk.label() + ": " + String.join(", ", disk.notes()));
      }
    }
    int judged = disks.size() - skipped.size();
    metrics.put("disks", BigDecimal.valueOf(judged));
    metrics.put("disks_skipped", BigDecimal.valueOf(skipped.size()));
    metrics.put("disks_failing", BigDecimal.valueOf(failing));
    String noSmart = skipped.isEmpty() ? "" : "no S.M.A.R.T.: " + String.join(", ", skipped);
    if (judged == 0) {
      return CheckResult.ok(
          "no physical disks with S.M.A.R.T." + (noSmart.isEmpty() ? "" : " (" + noSmart + ")"),
          Duration.ZERO,
          metrics);
    }
    String ok =
        healthy.isEmpty()
            ? ""
            : (healthy.size() == 1 ? "1 disk" : healthy.size() + " disks")
                + " healthy ("
                + String.join(", ", healthy)
                + ")";
    if (findings.isEmpty()) {
      return CheckResult.ok(ok + (noSmart.isEmpty() ? "" : "; " + noSmart), Duration.ZERO, metrics);
    }
    if (!ok.isEmpty()) {
      findings.add(CheckState.OK, ok);
    }
    if (!noSmart.isEmpty()) {
      findings.add(CheckState.OK, noSmart);
    }
    return findings.result(ok, metrics);
  }
}
