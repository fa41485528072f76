package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Set;

/**
 * When and how the provider may change customers' systems (MNT-1 to MNT-12).
 *
 * @param windows recurring windows, in the terms' time zone
 * @param agreed one-off windows agreed in writing, each with its reference
 * @param patching how updates are chosen and rolled out
 * @param restart how customers restart servers and software (SWH 3, MNT-12)
 */
public record MaintenanceTerms(
    List<Window> windows, List<AgreedWindow> agreed, PatchPolicy patching, RestartPolicy restart) {

  public MaintenanceTerms {
    windows = windows == null ? null : List.copyOf(windows);
    agreed = agreed == null ? null : List.copyOf(agreed);
    if (windows != null) {
      long names = windows.stream().map(Window::name).distinct().count();
      check(names == windows.size(), "windows", "two windows have the same name");
    }
  }

  /**
   * A named recurring window.
   *
   * @param name how the window is referred to, e.g. {@code service-window}
   * @param kind scheduled (announced), unscheduled (without notice) or emergency
   * @param purposes what may be done in it
   * @param notice how long before the customer is told; zero for "uden forudgående varsel"
   * @param schedule the weekly rules
   */
  public record Window(
      String name,
      WindowKind kind,
      Set<Purpose> purposes,
      Duration notice,
      List<WeeklyRule> schedule) {
    public Window {
      dev.vakt.common.Ids.require("name", name);
      check(kind != null, "kind", "is required");
      check(schedule != null && !schedule.isEmpty(), "schedule", "needs at least one rule");
      check(notice == null || !notice.isNegative(), "notice", "cannot be negative");
      schedule = List.copyOf(schedule);
      purposes = purposes == null ? null : Set.copyOf(purposes);
    }
  }

  /** How a window is used. */
  public enum WindowKind {
    SCHEDULED,
    UNSCHEDULED,
    EMERGENCY;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** Work done in a window. */
  public enum Purpose {
    SECURITY_UPDATES,
    UPDATES,
    CHANGES,
    BACKUP,
    HARDWARE;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * How updates are handled (STW 3.0/4.0/8.0, BDN SLA 1.1.1.3, SWH 2).
   *
   * @param checkEvery how often security-update status is checked (BDN: monthly)
   * @param stableAfter an update is installed once it is this old (STW 4.0: "vurdert som stabile")
   * @param allSecurityPatches whether every security patch is installed
   * @param secondaryNodesFirst patch secondary nodes first in the patch week
   * @param nonRedundantAllAtOnce servers that are not duplicated have all nodes patched at once
   * @param providerInstalledOnly patch only software the provider installed (SWH 2, MNT-9)
   * @param components packages kept current (STW 3.0: pve-kernel, pve-manager, qemu-kvm, ...)
   * @param officialRepositories APT origins in scope; packages from others are flagged (STW 8.0)
   * @param postponementAllowed whether a customer may postpone updates, bearing the risk (STW 4.0)
   */
  public record PatchPolicy(
      Period checkEvery,
      Duration stableAfter,
      Boolean allSecurityPatches,
      Boolean secondaryNodesFirst,
      Boolean nonRedundantAllAtOnce,
      Boolean providerInstalledOnly,
      List<String> components,
      List<String> officialRepositories,
      Boolean postponementAllowed) {
    public PatchPolicy {
      check(
          checkEvery == null || !checkEvery.isNegative() && !checkEvery.isZero(),
          "checkEvery",
          "must be positive");
      check(stableAfter == null || !stableAfter.isNegative(), "stableAfter", "cannot be negative");
      components = components == null ? null : List.copyOf(components);
      officialRepositories =
          officialRepositories == null ? null : List.copyOf(officialRepositories);
    }
  }

  /**
   * @param selfService the customer can restart its server from its account
   * @param assistedWithinSupportHours the provider helps restart server or software in support
   *     hours
   */
  public record RestartPolicy(Boolean selfService, Boolean assistedWithinSupportHours) {}
}
