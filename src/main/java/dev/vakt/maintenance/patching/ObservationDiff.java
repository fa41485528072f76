package dev.vakt.maintenance.patching;

import dev.vakt.monitoring.PackageScan;
import dev.vakt.monitoring.PendingPackage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a successful scan changes in a server's open observations. A package still pending with the
 * same installed version is the same update, seen again: its age keeps counting even when a newer
 * candidate appears, because the update first offered is still not installed. A package whose
 * installed version changed was updated: that observation is resolved and a new one opened. A
 * package no longer listed is resolved.
 */
final class ObservationDiff {

  /**
   * @param opened updates seen for the first time (id 0)
   * @param seenAgain open updates listed again, with what the scan added
   * @param resolved open updates no longer pending
   */
  record Changes(
      List<Observation> opened, List<Observation> seenAgain, List<Observation> resolved) {
    boolean isEmpty() {
      return opened.isEmpty() && seenAgain.isEmpty() && resolved.isEmpty();
    }
  }

  private ObservationDiff() {}

  /**
   * The changes {@code scan} makes to {@code open}, the server's unresolved observations. A scan
   * older than what is already known changes nothing: scans of one server may finish out of order.
   *
   * @throws IllegalArgumentException for a failed scan, which says nothing about packages
   */
  static Changes of(List<Observation> open, PackageScan scan) {
    if (!scan.ok()) {
      throw new IllegalArgumentException("a failed scan changes no observation");
    }
    Instant at = scan.at();
    if (open.stream().anyMatch(o -> o.lastSeen().isAfter(at))) {
      return new Changes(List.of(), List.of(), List.of());
    }
    Map<String, Observation> byName = new LinkedHashMap<>();
    open.forEach(o -> byName.put(o.name(), o));
    List<Observation> opened = new ArrayList<>();
    List<Observation> again = new ArrayList<>();
    List<Observation> resolved = new ArrayList<>();
    for (PendingPackage p : scan.packages()) {
      Observation o = byName.remove(p.name());
      if (o != null && sameUpdate(o, p)) {
        again.add(merge(o, p, scan));
        continue;
      }
      if (o != null) {
        resolved.add(o.resolved(at));
      }
      opened.add(
          new Observation(
              0,
              scan.server(),
              p.name(),
              p.installed(),
              p.candidate(),
              p.origins(),
              p.release(),
              p.security(),
              p.keptBack(),
              scan.source(),
              at,
              at,
              null));
    }
    byName.values().forEach(o -> resolved.add(o.resolved(at)));
    return new Changes(List.copyOf(opened), List.copyOf(again), List.copyOf(resolved));
  }

  /** Kept-back packages and new packages have no installed version: they match any. */
  private static boolean sameUpdate(Observation o, PendingPackage p) {
    return o.installed() == null || p.installed() == null || o.installed().equals(p.installed());
  }

  /** What is known of the update after this scan; once security, always security. */
  private static Observation merge(Observation o, PendingPackage p, PackageScan scan) {
    return new Observation(
        o.id(),
        o.server(),
        o.name(),
        p.installed() != null ? p.installed() : o.installed(),
        p.candidate() != null ? p.candidate() : o.candidate(),
        p.origins().isEmpty() ? o.origins() : p.origins(),
        p.release().isEmpty() ? o.release() : p.release(),
        o.security() || p.security(),
        p.keptBack(),
        scan.source(),
        o.firstSeen(),
        scan.at(),
        null);
  }
}
