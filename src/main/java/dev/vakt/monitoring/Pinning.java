package dev.vakt.monitoring;

import java.net.InetAddress;
import java.util.List;

/**
 * Connects a check to exactly the address the guard approved (F19), so no second lookup can answer
 * differently between approval and connection (DNS rebinding). Where the connection needs nothing
 * but the address (TCP, ping, NTP, DNS, SQL, SSH service checks, mail and FTP without TLS) the host
 * name in the spec is replaced by that address. Where the protocol needs the name (TLS SNI and
 * certificate names for HTTPS, mail and FTP with TLS, the Proxmox API; the HTTP {@code Host}
 * header; messages of the SSH host checks) the spec keeps it and the probe is handed the approved
 * address to connect to ({@link Probe#check(CheckSpec, InetAddress)}); see docs/monitoring.md.
 */
final class Pinning {

  private Pinning() {}

  /** {@code spec} aimed at {@code approved}'s first address where that is safe, else unchanged. */
  static CheckSpec pin(CheckSpec spec, List<InetAddress> approved) {
    String host = TargetGuard.host(spec);
    if (approved.isEmpty() || host == null || isLiteral(host)) {
      return spec;
    }
    String a = approved.getFirst().getHostAddress();
    return switch (spec) {
      case CheckSpec.Tcp s ->
          new CheckSpec.Tcp(a, s.port(), s.timeout(), s.warnAfter(), s.send(), s.expect());
      case CheckSpec.Ping s ->
          new CheckSpec.Ping(
              a,
              s.timeout(),
              s.packets(),
              s.warnRtt(),
              s.criticalRtt(),
              s.warnLoss(),
              s.criticalLoss());
      case CheckSpec.Ntp s ->
          new CheckSpec.Ntp(
              a, s.port(), s.timeout(), s.warnOffset(), s.criticalOffset(), s.maxStratum());
      case CheckSpec.Dns s ->
          new CheckSpec.Dns(a, s.port(), s.name(), s.recordType(), s.expect(), s.timeout());
      case CheckSpec.Sql s ->
          new CheckSpec.Sql(
              s.engine(),
              a,
              s.port(),
              s.database(),
              s.user(),
              s.password(),
              s.query(),
              s.timeout());
      case CheckSpec.Ssh s ->
          new CheckSpec.Ssh(a, s.port(), s.timeout(), s.expectBanner(), s.user(), s.key());
      case CheckSpec.Mail s when s.tls() == CheckSpec.Tls.NONE ->
          new CheckSpec.Mail(
              s.protocol(),
              a,
              s.port(),
              s.tls(),
              s.timeout(),
              s.expectBanner(),
              s.certWarnDays(),
              s.certCriticalDays());
      case CheckSpec.Ftp s when s.tls() == CheckSpec.Tls.NONE ->
          new CheckSpec.Ftp(
              a, s.port(), s.timeout(), s.tls(), s.expectBanner(), s.user(), s.password());
      default -> spec;
    };
  }

  /**
   * The address the probe connects to: the first approved one, or null when the spec names an
   * address literal (nothing was looked up) or no host.
   */
  static InetAddress approved(CheckSpec spec, List<InetAddress> approved) {
    return approved(TargetGuard.host(spec), approved);
  }

  /** As {@link #approved(CheckSpec, List)} for a host name (a redirect's target). */
  static InetAddress approved(String host, List<InetAddress> approved) {
    return approved.isEmpty() || host == null || isLiteral(host) ? null : approved.getFirst();
  }

  /** An address literal needs no lookup (and keeps its spelling in messages). */
  private static boolean isLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }
}
