package dev.vakt.monitoring;

import java.util.List;
import java.util.Objects;

/**
 * One package with an update pending on a server, as read by {@link PackageUpdates}.
 *
 * @param name the package, with its architecture when apt adds one ({@code libc6:i386})
 * @param installed the version installed now; null for a package the upgrade newly installs, and
 *     for a package kept back (apt names only the package)
 * @param candidate the version the upgrade installs; null for a package kept back
 * @param origins the APT origins ({@code Origin:} of the Release file, e.g. "Debian", "Proxmox")
 *     the candidate comes from; empty when unknown. Contracts name repositories by origin (STW 8.0,
 *     MNT-10).
 * @param release where apt says the candidate comes from, as it printed it, e.g. {@code
 *     Debian-Security:12/stable-security}; empty when unknown
 * @param security whether the candidate comes from a security archive
 * @param keptBack whether apt keeps the package back: it never installs by itself
 */
public record PendingPackage(
    String name,
    String installed,
    String candidate,
    List<String> origins,
    String release,
    boolean security,
    boolean keptBack) {

  public PendingPackage {
    Objects.requireNonNull(name, "name");
    origins = origins == null ? List.of() : List.copyOf(origins);
    release = release == null ? "" : release;
  }
}
