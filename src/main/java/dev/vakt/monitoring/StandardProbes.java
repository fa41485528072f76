package dev.vakt.monitoring;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.probe.DnsProbe;
import dev.vakt.monitoring.probe.FtpProbe;
import dev.vakt.monitoring.probe.HttpProbe;
import dev.vakt.monitoring.probe.MailProbe;
import dev.vakt.monitoring.probe.NtpProbe;
import dev.vakt.monitoring.probe.PingProbe;
import dev.vakt.monitoring.probe.PluginProbe;
import dev.vakt.monitoring.probe.SqlProbe;
import dev.vakt.monitoring.probe.SshProbe;
import dev.vakt.monitoring.probe.TcpProbe;
import dev.vakt.platform.VaktProperties;
import dev.vakt.secrets.Secrets;
import jakarta.annotation.PreDestroy;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.springframework.stereotype.Component;

/** The probes of every check type, with the system's trust store and Vakt's secrets. */
@Component
class StandardProbes implements Probes {

  private final SshProbe ssh;
  private final Map<Class<?>, Probe<?>> probes;

  StandardProbes(Clock clock, Secrets secrets, VaktProperties properties)
      throws NoSuchAlgorithmException {
    Function<SecretRef, String> resolve = secrets::resolve;
    this.ssh = new SshProbe(resolve);
    this.probes =
        Map.of(
            CheckSpec.Tcp.class, new TcpProbe(),
            CheckSpec.Http.class, new HttpProbe(clock, SSLContext.getDefault()),
            CheckSpec.Ping.class, new PingProbe(),
            CheckSpec.Ssh.class, ssh,
            CheckSpec.Mail.class, new MailProbe(clock),
            CheckSpec.Ftp.class, new FtpProbe(resolve, clock),
            CheckSpec.Ntp.class, new NtpProbe(),
            CheckSpec.Sql.class, new SqlProbe(resolve),
            CheckSpec.Dns.class, new DnsProbe(),
            CheckSpec.Plugin.class, new PluginProbe(properties.dataDir()));
  }

  @Override
  public Map<Class<?>, Probe<?>> byType() {
    return probes;
  }

  @PreDestroy
  void close() throws Exception {
    ssh.close();
  }
}
