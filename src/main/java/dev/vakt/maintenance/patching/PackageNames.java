package dev.vakt.maintenance.patching;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * How package names are matched against the inventory's package patterns and the contract's
 * components. Names are compared without apt's architecture suffix ({@code libc6:i386} is {@code
 * libc6}).
 */
final class PackageNames {

  /** STW 3.0's "Debian packages of the standard installation": every package of Debian origin. */
  static final String DEBIAN_STANDARD = "debian-standard";

  // Compiled once per component: a monthly run matches millions of names.
  private static final Map<String, Pattern> VERSIONED = new ConcurrentHashMap<>();

  private PackageNames() {}

  static String base(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  /** An inventory pattern: a package name, or a prefix ending in {@code *} ({@code php8.2-*}). */
  static boolean matchesPattern(String pattern, String name) {
    String n = base(name);
    return pattern.endsWith("*")
        ? n.startsWith(pattern.substring(0, pattern.length() - 1))
        : n.equals(pattern);
  }

  static boolean matchesAny(List<String> patterns, String name) {
    return patterns.stream().anyMatch(p -> matchesPattern(p, name));
  }

  /**
   * Whether a package belongs to a contract component. A component names its main package and takes
   * in:
   *
   * <ul>
   *   <li>the packages named after it with a suffix: {@code pve-kernel-6.8}, {@code
   *       mariadb-server-core};
   *   <li>its Proxmox VE build: {@code pve-qemu-kvm} for {@code qemu-kvm};
   *   <li>its versioned packages: {@code php8.2-fpm} for {@code php-fpm};
   *   <li>Proxmox VE 8's {@code proxmox-kernel-*} for {@code pve-kernel}, renamed from it;
   *   <li>for {@code debian-standard}, every package of origin Debian.
   * </ul>
   */
  static boolean matchesComponent(String component, String name, List<String> origins) {
    if (component.equals(DEBIAN_STANDARD)) {
      return origins.contains("Debian");
    }
    String n = base(name);
    if (n.equals(component) || n.startsWith(component + "-") || n.equals("pve-" + component)) {
      return true;
    }
    if (component.equals("pve-kernel")
        && (n.equals("proxmox-kernel") || n.startsWith("proxmox-kernel-"))) {
      return true;
    }
    Pattern versioned = VERSIONED.computeIfAbsent(component, PackageNames::versioned);
    return versioned != null && versioned.matcher(n).matches();
  }

  /** {@code php-fpm}: {@code php8.2-fpm}, {@code php8.2-fpm-...}; null without a hyphen. */
  private static Pattern versioned(String component) {
    int dash = component.indexOf('-');
    return dash <= 0
        ? null
        : Pattern.compile(
            Pattern.quote(component.substring(0, dash))
                + "[0-9][0-9.]*-"
                + Pattern.quote(component.substring(dash + 1))
                + "(-.*)?");
  }

  /** The components {@code name} belongs to, in the contract's order. */
  static List<String> components(List<String> components, String name, List<String> origins) {
    return components.stream().filter(c -> matchesComponent(c, name, origins)).toList();
  }
}
