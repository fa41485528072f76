package dev.vakt.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one reading of a server's pending updates found (MNT-4, MNT-5): every package with an update
 * pending, or why they could not be read. A failed scan says nothing about packages: it must not be
 * taken for "no updates pending".
 *
 * @param server the inventory's server id
 * @param at when the reading finished
 * @param source how it was read; null when no path to the server exists
 * @param packages the pending packages; empty when the scan failed
 * @param failure why the scan failed, or null when it succeeded
 */
public record PackageScan(
    String server, Instant at, Source source, List<PendingPackage> packages, String failure) {

  public PackageScan {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(at, "at");
    packages = packages == null ? List.of() : List.copyOf(packages);
    if (failure != null && !packages.isEmpty()) {
      throw new IllegalArgumentException("a failed scan has no packages");
    }
  }

  /** A successful scan. */
  public static PackageScan read(
      String server, Instant at, Source source, List<PendingPackage> packages) {
    return new PackageScan(server, at, source, packages, null);
  }

  /** A scan that could not read the server. */
  public static PackageScan failed(String server, Instant at, Source source, String why) {
    return new PackageScan(server, at, source, List.of(), Objects.requireNonNull(why, "why"));
  }

  /** Whether the packages were read. */
  public boolean ok() {
    return failure == null;
  }

  /** How the packages were read. */
  public enum Source {
    /** {@code apt-get -s dist-upgrade} and {@code apt-cache policy} over SSH. */
    SSH,
    /** {@code GET /nodes/{node}/apt/update} of the cluster's Proxmox VE API. */
    PROXMOX_API;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
      return dev.vakt.common.Codes.of(this);
    }
  }
}
