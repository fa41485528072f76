package dev.vakt.monitoring;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides, before a check sends anything, whether it may run: its target's every address must lie
 * in the allowed networks ({@link TargetPolicy}) and none may be one of Vakt's own endpoints
 * ({@link SelfEndpoints}, F2). The engine and {@code vakt check} use the same guard. The host is
 * resolved once here; what is approved is the list of addresses returned.
 */
final class TargetGuard {

  /** Name resolution, replaceable in tests by one whose answer changes (F19). */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final TargetPolicy policy;
  private final SelfEndpoints self;
  private final Resolver resolver;

  TargetGuard(TargetPolicy policy, SelfEndpoints self) {
    this(policy, self, InetAddress::getAllByName);
  }

  TargetGuard(TargetPolicy policy, SelfEndpoints self, Resolver resolver) {
    this.policy = policy;
    this.self = self;
    this.resolver = resolver;
  }

  /** The outcome: the approved addresses, or why not one packet may be sent. */
  sealed interface Verdict {
    record Allowed(List<InetAddress> addresses) implements Verdict {}

    record Refused(String reason) implements Verdict {}
  }

  Verdict judge(CheckSpec spec) {
    if (spec instanceof CheckSpec.Plugin plugin) {
      // Runs locally, unprivileged; what it reaches is its arguments' business, except Vakt.
      return self.refusal(plugin.arguments())
          .<Verdict>map(Verdict.Refused::new)
          .orElse(new Verdict.Allowed(List.of()));
    }
    return judge(host(spec), port(spec));
  }

  /** The guard for a connection made outside a check spec (package scans); port 0 for none. */
  Verdict judge(String host, int port) {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(TargetPolicy.strip(host));
    } catch (UnknownHostException e) {
      return outside(host);
    }
    if (addresses.length == 0) {
      return outside(host);
    }
    for (InetAddress a : addresses) {
      if (!policy.allows(a)) {
        return outside(host);
      }
      if (port > 0) {
        Optional<String> refusal = self.refusal(a, port);
        if (refusal.isPresent()) {
          return new Verdict.Refused(refusal.get());
        }
      }
    }
    return new Verdict.Allowed(List.of(addresses));
  }

  /** Why a web URL (a redirect's target) may not be reached, or null when it may. */
  String refusal(URI url) {
    return judge(url) instanceof Verdict.Refused r ? r.reason() : null;
  }

  /** The verdict on a web URL (a redirect's target): its approved addresses, or why not. */
  Verdict judge(URI url) {
    if (url.getHost() == null) {
      return new Verdict.Refused("no host in " + url.getScheme() + " URL");
    }
    return judge(url.getHost(), webPort(url));
  }

  private Verdict outside(String host) {
    return new Verdict.Refused(
        "target "
            + host
            + " is outside the allowed networks ("
            + policy.describe()
            + "; vakt.monitoring.allowed-targets): not checked");
  }

  /** The host a check connects to. */
  static String host(CheckSpec spec) {
    return switch (spec) {
      case CheckSpec.Tcp s -> s.host();
      case CheckSpec.Http s -> s.url().getHost();
      case CheckSpec.Ping s -> s.host();
      case CheckSpec.Ssh s -> s.host();
      case CheckSpec.Mail s -> s.host();
      case CheckSpec.Ftp s -> s.host();
      case CheckSpec.Ntp s -> s.host();
      case CheckSpec.Sql s -> s.host();
      case CheckSpec.Dns s -> s.server();
      case CheckSpec.Host s -> s.ssh().host();
      case CheckSpec.Access s -> s.ssh().host();
      case CheckSpec.Proxmox s -> URI.create(s.apiUrl()).getHost();
      case CheckSpec.Plugin s -> null;
    };
  }

  /** The port a check connects to; 0 for ICMP. */
  static int port(CheckSpec spec) {
    return switch (spec) {
      case CheckSpec.Tcp s -> s.port();
      case CheckSpec.Http s -> webPort(s.url());
      case CheckSpec.Ping s -> 0;
      case CheckSpec.Ssh s -> s.port();
      case CheckSpec.Mail s -> s.port();
      case CheckSpec.Ftp s -> s.port();
      case CheckSpec.Ntp s -> s.port();
      case CheckSpec.Sql s -> s.port();
      case CheckSpec.Dns s -> s.port();
      case CheckSpec.Host s -> s.ssh().port();
      case CheckSpec.Access s -> s.ssh().port();
      case CheckSpec.Proxmox s -> webPort(URI.create(s.apiUrl()));
      case CheckSpec.Plugin s -> 0;
    };
  }

  private static int webPort(URI url) {
    return url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
  }
}
