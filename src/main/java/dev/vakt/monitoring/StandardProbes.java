package dev.vakt.monitoring;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.probe.DnsProbe;
import dev.vakt.monitoring.probe.FtpProbe;
import dev.vakt.monitoring.probe.HttpProbe;
import dev.vakt.monitoring.probe.MailProbe;
import dev.vakt.monitoring.probe.NtpProbe;
import dev.vakt.monitoring.probe.PingProbe;
import dev.vakt.monitoring.probe.PluginAccount;
import dev.vakt.monitoring.probe.PluginProbe;
import dev.vakt.monitoring.probe.SqlProbe;
import dev.vakt.monitoring.probe.SshProbe;
import dev.vakt.monitoring.probe.TcpProbe;
import dev.vakt.monitoring.pve.ProxmoxProbe;
import dev.vakt.monitoring.remote.RemoteProbes;
import dev.vakt.secrets.Secrets;
import dev.vakt.ssh.HostKeyOffers;
import dev.vakt.ssh.SshCommands;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The probes of every check type, with the system's trust store and Vakt's secrets. */
@Component
class StandardProbes implements Probes {

  private final Lazy<SshProbe> ssh;
  private final Lazy<RemoteProbes> remote;
  private final HostKeyOffers hostKeys;
  private final Map<Class<?>, Probe<?>> probes;

  @Autowired
  StandardProbes(Clock clock, Secrets secrets, MonitoringProperties monitoring, VaktSelf self) {
    this(
        clock,
        secrets::resolveDocumentReference,
        monitoring.pluginDirectories(),
        monitoring.pluginUser(),
        redirects(new TargetPolicy(monitoring.allowedTargets()), self::endpoints));
  }

  /**
   * Each hop of a followed HTTP redirect passes the guard the check passed and connects to the
   * address it approved (F2, F19).
   */
  static Function<java.net.URI, HttpProbe.Approval> redirects(
      TargetPolicy policy, Supplier<SelfEndpoints> self) {
    return url ->
        switch (new TargetGuard(policy, self.get()).judge(url)) {
          case TargetGuard.Verdict.Refused r -> HttpProbe.Approval.refused(r.reason());
          case TargetGuard.Verdict.Allowed a ->
              new HttpProbe.Approval(Pinning.approved(url.getHost(), a.addresses()), null);
        };
  }

  /**
   * Probes without Spring, for {@code vakt check}. Each is built on first use: the SSH client and
   * TLS contexts take seconds to start, which a one-off check of another type should not pay.
   *
   * @param secrets resolves secret references; callers must not log what it returns
   * @param pluginDirectories the only directories plugins run from
   * @param pluginUser the account plugins run as when Vakt runs as root
   * @param redirects the guard's word on an HTTP redirect's target
   */
  StandardProbes(
      Clock clock,
      Function<SecretRef, String> secrets,
      List<Path> pluginDirectories,
      String pluginUser,
      Function<java.net.URI, HttpProbe.Approval> redirects) {
    this.ssh = new Lazy<>(() -> new SshProbe(secrets));
    this.hostKeys = new HostKeyOffers(clock);
    this.remote = new Lazy<>(() -> new RemoteProbes(new SshCommands(secrets), hostKeys, clock));
    this.probes =
        Map.ofEntries(
            Map.entry(CheckSpec.Tcp.class, lazy(TcpProbe::new)),
            Map.entry(
                CheckSpec.Http.class, lazy(() -> new HttpProbe(clock, defaultTls(), redirects))),
            Map.entry(CheckSpec.Ping.class, lazy(PingProbe::new)),
            Map.entry(CheckSpec.Ssh.class, (Probe<CheckSpec.Ssh>) spec -> ssh.get().check(spec)),
            Map.entry(CheckSpec.Mail.class, lazy(() -> new MailProbe(clock))),
            Map.entry(CheckSpec.Ftp.class, lazy(() -> new FtpProbe(secrets, clock))),
            Map.entry(CheckSpec.Ntp.class, lazy(NtpProbe::new)),
            Map.entry(CheckSpec.Sql.class, lazy(() -> new SqlProbe(secrets))),
            Map.entry(CheckSpec.Dns.class, lazy(DnsProbe::new)),
            Map.entry(
                CheckSpec.Plugin.class,
                lazy(
                    () ->
                        new PluginProbe(
                            pluginDirectories, PluginAccount.forThisProcess(pluginUser)))),
            Map.entry(CheckSpec.Host.class, new HostProbe(remote)),
            Map.entry(CheckSpec.Proxmox.class, lazy(() -> new ProxmoxProbe(secrets, clock))),
            Map.entry(CheckSpec.Access.class, new AccessProbe(remote)));
  }

  private static <S extends CheckSpec> Probe<S> lazy(Supplier<? extends Probe<S>> make) {
    Lazy<Probe<S>> probe = new Lazy<>(make);
    return new Probe<>() {
      @Override
      public CheckResult check(S spec) {
        return probe.get().check(spec);
      }

      @Override
      public CheckResult check(S spec, InetAddress approved) {
        return probe.get().check(spec, approved); // F19: the approved address goes on
      }
    };
  }

  /** Host checks over SSH, connected to the approved address (F19). */
  private record HostProbe(Lazy<RemoteProbes> remote) implements Probe<CheckSpec.Host> {
    @Override
    public CheckResult check(CheckSpec.Host spec) {
      return remote.get().host(spec, null);
    }

    @Override
    public CheckResult check(CheckSpec.Host spec, InetAddress approved) {
      return remote.get().host(spec, approved);
    }
  }

  /** Access verification over SSH, connected to the approved address (F19). */
  private record AccessProbe(Lazy<RemoteProbes> remote) implements Probe<CheckSpec.Access> {
    @Override
    public CheckResult check(CheckSpec.Access spec) {
      return remote.get().access(spec, null);
    }

    @Override
    public CheckResult check(CheckSpec.Access spec, InetAddress approved) {
      return remote.get().access(spec, approved);
    }
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM offers no TLS", e);
    }
  }

  /** A value made once, on first use, by whichever thread needs it first. */
  private static final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> make;
    private volatile T value;

    Lazy(Supplier<? extends T> make) {
      this.make = make;
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = make.get();
            value = v;
          }
        }
      }
      return v;
    }

    T ifMade() {
      return value;
    }
  }

  /** Host keys shown by servers that are not the approved one, for approval (ACC-1). */
  HostKeyOffers hostKeys() {
    return hostKeys;
  }

  /** The SSH runner the host checks use, for readings outside the checks (package scans). */
  RemoteProbes remote() {
    return remote.get();
  }

  @Override
  public Map<Class<?>, Probe<?>> byType() {
    return probes;
  }

  @PreDestroy
  void close() throws Exception {
    SshProbe made = ssh.ifMade();
    if (made != null) {
      made.close();
    }
    RemoteProbes r = remote.ifMade();
    if (r != null) {
      r.close();
    }
  }
}
