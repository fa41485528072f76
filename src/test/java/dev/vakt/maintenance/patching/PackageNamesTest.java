package dev.vakt.maintenance.patching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract components (MNT-5, STW 3.0, DG) and inventory package patterns (MNT-9, INV-2). */
class PackageNamesTest {

  @ParameterizedTest(name = "{0} ~ {1}: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nginx          | nginx                              | Debian  | true",
        "nginx          | nginx-common                       | Debian  | true",
        "nginx          | libnginx-mod-http-geoip            | Debian  | false",
        "php-fpm        | php8.2-fpm                         | Debian  | true",
        "php-fpm        | php-fpm                            | Debian  | true",
        "php-fpm        | php8.2-cli                         | Debian  | false",
        "mariadb-server | mariadb-server-core                | Debian  | true",
        "postfix        | postfix:amd64                      | Debian  | true",
        "qemu-kvm       | pve-qemu-kvm                       | Proxmox | true",
        "pve-kernel     | pve-kernel-6.2                     | Proxmox | true",
        "pve-kernel     | proxmox-kernel-6.8.12-4-pve-signed | Proxmox | true",
        "pve-manager    | pve-manager                        | Proxmox | true",
        "pve-manager    | pve-managerx                       | Proxmox | false",
        "debian-standard | tzdata                            | Debian  | true",
        "debian-standard | pve-manager                       | Proxmox | false",
      })
  void componentsTakeInTheirPackages_MNT5(
      String component, String name, String origin, boolean matches) {
    assertThat(PackageNames.matchesComponent(component, name, List.of(origin))).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "redis-server | redis-server      | true",
        "redis-server | redis-server-core | false",
        "php8.2-*     | php8.2-fpm        | true",
        "php8.2-*     | php8.3-fpm        | false",
        "redis-*      | redis-tools:amd64 | true",
      })
  void inventoryPatternsAreNamesOrPrefixes_MNT9(String pattern, String name, boolean matches) {
    assertThat(PackageNames.matchesPattern(pattern, name)).isEqualTo(matches);
  }
}
