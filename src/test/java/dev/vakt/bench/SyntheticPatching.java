package dev.vakt.bench;

import dev.vakt.maintenance.patching.Observation;
import dev.vakt.maintenance.patching.ReportMonth;
import dev.vakt.monitoring.PackageScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A provider's month of patching, generated from a seed for {@link PatchingBenchmark}: the package
 * observations the scanner would have recorded, and the documents of a provider with STW's patch
 * policy, one contract and 10 servers per customer.
 */
final class SyntheticPatching {

  static final String[] NAMES = {
    "libssl3",
    "openssl",
    "libc6",
    "libc-bin",
    "tzdata",
    "curl",
    "libcurl4",
    "openssh-server",
    "openssh-client",
    "pve-manager",
    "pve-qemu-kvm",
    "proxmox-kernel-6.8",
    "libpve-common-perl",
    "nginx",
    "php8.2-fpm",
    "mariadb-server",
    "postfix",
    "systemd",
    "udev",
    "linux-image-amd64",
    "libxml2",
    "libexpat1",
    "git",
    "vim",
    "sudo",
    "bind9-host",
    "libgnutls30",
    "libnss3",
    "python3.11",
    "perl",
    "zlib1g",
    "libsqlite3-0",
    "rsync",
    "wget",
    "intel-microcode"
  };

  private SyntheticPatching() {}

  /**
   * About 20 updates pending at the month's end per server (a third security, one in twenty kept
   * back, one in twenty from a third-party repository) and about 30 installed during the month.
   * Seven servers in ten install within 3 days; the others lag 1 to 10 days.
   */
  static List<List<Observation>> history(int servers, ReportMonth rm, SplittableRandom random) {
    long span = Duration.between(rm.from(), rm.to()).toSeconds();
    List<List<Observation>> out = new ArrayList<>(servers);
    for (int s = 0; s < servers; s++) {
      String server = "srv-" + s;
      List<Observation> list = new ArrayList<>();
      int pending = random.nextInt(41);
      int installed = random.nextInt(61);
      // Seven servers in ten are kept up: updates wait at most 3 days; the others lag.
      boolean kept = random.nextInt(10) < 7;
      int offset = random.nextInt(NAMES.length);
      for (int i = 0; i < pending + installed; i++) {
        Instant first =
            i < pending && kept
                ? rm.to().minusSeconds(1 + random.nextLong(3 * 86_400 - 1))
                : rm.from().plusSeconds(random.nextLong(span));
        Instant resolved =
            i < pending
                ? null
                : first.plus(
                    Duration.ofHours(kept ? 1 + random.nextInt(71) : 24 + random.nextInt(24 * 9)));
        if (resolved != null && !resolved.isBefore(rm.to())) {
          resolved = null;
        }
        int kind = random.nextInt(20);
        list.add(
            new Observation(
                0,
                server,
                NAMES[(offset + i) % NAMES.length] + (i >= NAMES.length ? "-" + i : ""),
                "1.0-" + i,
                "1.0-" + (i + 1),
                List.of(kind == 0 ? "Docker" : kind < 4 ? "Proxmox" : "Debian"),
                "",
                random.nextInt(3) == 0,
                kind == 1,
                PackageScan.Source.SSH,
                first,
                resolved == null ? first : resolved,
                resolved));
      }
      out.add(list);
    }
    return out;
  }

  /** A provider with STW's patch policy, one contract and 10 servers per customer. */
  static String yaml(int customers) {
    StringBuilder y =
        new StringBuilder(
            """
            apiVersion: vakt/v1
            kind: Provider
            id: bench
            version: 1
            effectiveFrom: 2024-01-01
            name: Bench AS
            terms: { timeZone: Europe/Oslo, currency: NOK, language: nb }
            ---
            apiVersion: vakt/v1
            kind: Product
            id: bench-managed
            version: 1
            effectiveFrom: 2024-01-01
            provider: bench
            name: Managed
            terms:
              maintenance:
                patching:
                  stableAfter: 3d
                  allSecurityPatches: true
                  components: [pve-kernel, pve-manager, qemu-kvm, debian-standard]
                  officialRepositories: [Proxmox, Debian]
                  postponementAllowed: true
            """);
    for (int c = 0; c < customers; c++) {
      y.append(
          """
          ---
          apiVersion: vakt/v1
          kind: Contract
          id: c-%1$d
          version: 1
          effectiveFrom: 2024-01-01
          provider: bench
          customer: cust-%1$d
          product: bench-managed
          start: 2024-01-01
          """
              .formatted(c));
    }
    y.append("---\napiVersion: vakt/v1\nkind: Inventory\nprovider: bench\ncustomers:\n");
    for (int c = 0; c < customers; c++) {
      y.append("  - { id: cust-").append(c).append(", name: Customer ").append(c).append(" }\n");
    }
    y.append("servers:\n");
    for (int s = 0; s < customers * 10; s++) {
      y.append("  - { id: srv-")
          .append(s)
          .append(", customer: cust-")
          .append(s / 10)
          .append(", kind: vps, ownership: provider, address: 127.0.0.1 }\n");
    }
    return y.toString();
  }
}
