package dev.vakt.maintenance.patching;

import dev.vakt.monitoring.PackageScan;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One pending update of one package on one server, over the scans that saw it (MNT-4, MNT-5): from
 * the first scan that listed it to the first successful scan that no longer did.
 *
 * @param id the stored row, 0 before it is stored
 * @param server the inventory's server id
 * @param name the package
 * @param installed the version installed while it was pending; null when unknown (kept back) or for
 *     a package the upgrade newly installs
 * @param candidate the newest version offered; null when unknown (kept back)
 * @param origins the APT origins of the candidate; empty when unknown
 * @param release where apt said the candidate comes from
 * @param security whether any scan saw it offered from a security archive
 * @param keptBack whether the last scan saw apt keep it back
 * @param source how it was read
 * @param firstSeen the first scan that listed it: its age counts from here
 * @param lastSeen the last scan that listed it
 * @param resolvedAt the first successful scan that no longer listed it; null while pending
 */
public record Observation(
    long id,
    String server,
    String name,
    String installed,
    String candidate,
    List<String> origins,
    String release,
    boolean security,
    boolean keptBack,
    PackageScan.Source source,
    Instant firstSeen,
    Instant lastSeen,
    Instant resolvedAt) {

  public Observation {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    origins = origins == null ? List.of() : List.copyOf(origins);
    release = release == null ? "" : release;
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException("last seen before first seen");
    }
    if (resolvedAt != null && resolvedAt.isBefore(lastSeen)) {
      throw new IllegalArgumentException("resolved before last seen");
    }
  }

  /** Whether the update was still pending at {@code at}: seen by then and not yet resolved. */
  public boolean pendingAt(Instant at) {
    return !firstSeen.isAfter(at) && (resolvedAt == null || resolvedAt.isAfter(at));
  }

  /** This observation resolved at {@code at}. */
  Observation resolved(Instant at) {
    return new Observation(
        id, server, name, installed, candidate, origins, release, security, keptBack, source,
        firstSeen, lastSeen, at);
  }
}
