package dev.vakt.monitoring;

import dev.vakt.common.ServiceType;
import dev.vakt.contract.MonitoringTerms;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.net.URI;
import java.time.Duration;

/**
 * Decides whether and how a service is checked, from the inventory and the customer's terms: the
 * contract says how often, how long, how many attempts, and which services the provider watches
 * (MON-7: the services it installed; the customer's own only where the contract says so).
 */
final class ServiceChecks {

  private ServiceChecks() {}

  /** A service's check, or why it has none. */
  sealed interface Plan {
    record Checked(CheckScheduler.Job job) implements Plan {}

    record NotChecked(String reason) implements Plan {}
  }

  static Plan plan(Service service, Server server, Terms terms) {
    if (Boolean.FALSE.equals(service.monitored())) {
      return new Plan.NotChecked("switched off in the inventory");
    }
    MonitoringTerms m = terms == null ? null : terms.monitoring();
    if (m == null || m.interval() == null || m.timeout() == null) {
      return new Plan.NotChecked("the contract sets no monitoring interval and timeout");
    }
    if (service.installedBy() == Service.InstalledBy.CUSTOMER
        && !Boolean.TRUE.equals(m.customerInstalled())) {
      return new Plan.NotChecked(
          "installed by the customer; the contract covers provider-installed services");
    }
    if (m.services() != null && !m.services().contains(service.type())) {
      return new Plan.NotChecked(
          "the contract does not list " + service.type().code() + " among watched services");
    }
    String host =
        service.url() != null
            ? URI.create(service.url()).getHost()
            : service.host() != null ? service.host() : server.address();
    if (service.type() == ServiceType.TCP && service.port() == null) {
      return new Plan.NotChecked("a TCP service needs a port");
    }
    Duration t = m.timeout();
    // Certificate days come from the contract's thresholds; without them only expiry is critical.
    Integer certWarn = days(m.thresholds() == null ? null : m.thresholds().certificateWarning());
    Integer certCrit = days(m.thresholds() == null ? null : m.thresholds().certificateCritical());
    CheckSpec spec =
        switch (service.type()) {
          case PING -> new CheckSpec.Ping(host, t, 3, null, null, null, null);
          case TCP -> new CheckSpec.Tcp(host, port(service, 0), t, null, null, null);
          case HTTP, HTTPS ->
              new CheckSpec.Http(
                  url(service, host), t, null, null, null, null, certWarn, certCrit, false);
          case SSH -> new CheckSpec.Ssh(host, port(service, 22), t, null, null, null);
          case SMTP ->
              mail(CheckSpec.Mail.Protocol.SMTP, host, port(service, 25), t, certWarn, certCrit);
          case POP3 ->
              mail(CheckSpec.Mail.Protocol.POP3, host, port(service, 110), t, certWarn, certCrit);
          case IMAP ->
              mail(CheckSpec.Mail.Protocol.IMAP, host, port(service, 143), t, certWarn, certCrit);
          case FTP -> new CheckSpec.Ftp(host, port(service, 21), t, null, null, null, null);
          case NTP -> new CheckSpec.Ntp(host, port(service, 123), t, null, null, null);
          // Without credentials in the inventory yet, a database is checked for accepting
          // connections.
          case MYSQL -> new CheckSpec.Tcp(host, port(service, 3306), t, null, null, null);
          case POSTGRESQL -> new CheckSpec.Tcp(host, port(service, 5432), t, null, null, null);
          case DNS, ANTISPAM, ANTIVIRUS, PLUGIN -> null;
        };
    if (spec == null) {
      return new Plan.NotChecked(
          "no check for " + service.type().code() + " services is configured yet");
    }
    int attempts = m.maxAttempts() == null ? 1 : m.maxAttempts();
    Duration retry = m.retryInterval() == null ? m.interval() : m.retryInterval();
    return new Plan.Checked(
        new CheckScheduler.Job(service.id(), spec, host, m.interval(), retry, attempts));
  }

  private static CheckSpec.Mail mail(
      CheckSpec.Mail.Protocol p,
      String host,
      int port,
      Duration t,
      Integer certWarn,
      Integer certCrit) {
    return new CheckSpec.Mail(p, host, port, CheckSpec.Tls.NONE, t, null, certWarn, certCrit);
  }

  private static Integer days(Duration d) {
    return d == null ? null : (int) d.toDays();
  }

  private static int port(Service s, int standard) {
    return s.port() != null ? s.port() : standard;
  }

  private static URI url(Service s, String host) {
    if (s.url() != null) {
      return URI.create(s.url());
    }
    String scheme = s.type() == ServiceType.HTTPS ? "https" : "http";
    int port = port(s, scheme.equals("https") ? 443 : 80);
    return URI.create(
        scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
  }
}
