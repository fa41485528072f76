package dev.vakt.monitoring;

import dev.vakt.common.ServiceType;
import dev.vakt.contract.MonitoringTerms;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.inventory.ServiceCheck;
import dev.vakt.monitoring.CheckSpec.Mail.Protocol;
import dev.vakt.monitoring.CheckSpec.Sql.Engine;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

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
    // Whether the contract covers the service at all (switched off, customer-installed,
    // colocation, no line) is coverage's answer, asked before this (issue 18).
    MonitoringTerms m = terms == null ? null : terms.monitoring();
    if (m == null || m.interval() == null || m.timeout() == null) {
      return new Plan.NotChecked("the contract sets no monitoring interval and timeout");
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
    ServiceCheck c = service.check() == null ? NO_SETTINGS : service.check();
    CheckSpec spec =
        switch (service.type()) {
          case PING -> new CheckSpec.Ping(host, t, 3, null, null, null, null);
          case TCP -> new CheckSpec.Tcp(host, port(service, 0), t, null, c.send(), c.expect());
          case HTTP, HTTPS ->
              new CheckSpec.Http(
                  url(service, host),
                  t,
                  c.expectStatus() == null ? null : Set.copyOf(c.expectStatus()),
                  c.bodyContains(),
                  null,
                  null,
                  certWarn,
                  certCrit,
                  false);
          case SSH ->
              new CheckSpec.Ssh(host, port(service, 22), t, c.expectBanner(), c.user(), c.key());
          case SMTP -> mail(Protocol.SMTP, host, service, 25, 465, t, c, certWarn, certCrit);
          case POP3 -> mail(Protocol.POP3, host, service, 110, 995, t, c, certWarn, certCrit);
          case IMAP -> mail(Protocol.IMAP, host, service, 143, 993, t, c, certWarn, certCrit);
          case FTP ->
              new CheckSpec.Ftp(
                  host,
                  port(service, tls(c) == CheckSpec.Tls.IMPLICIT ? 990 : 21),
                  t,
                  tls(c),
                  c.expectBanner(),
                  c.user(),
                  c.password());
          case NTP -> new CheckSpec.Ntp(host, port(service, 123), t, null, null, null);
          case MYSQL -> database(Engine.MYSQL, host, port(service, 3306), t, c);
          case POSTGRESQL -> database(Engine.POSTGRESQL, host, port(service, 5432), t, c);
          case DNS ->
              c.name() == null
                  ? null
                  : new CheckSpec.Dns(
                      host, port(service, 53), c.name(), c.recordType(), c.expectAnswer(), t);
          // clamd and spamd answer PING with PONG on their own ports, unless a plugin is named.
          case ANTIVIRUS ->
              c.command() != null
                  ? new CheckSpec.Plugin(c.command(), c.arguments(), t)
                  : new CheckSpec.Tcp(host, port(service, 3310), t, null, "PING\n", "PONG");
          case ANTISPAM ->
              c.command() != null
                  ? new CheckSpec.Plugin(c.command(), c.arguments(), t)
                  : new CheckSpec.Tcp(
                      host, port(service, 783), t, null, "PING SPAMC/1.5\r\n\r\n", "PONG");
          case PLUGIN -> new CheckSpec.Plugin(c.command(), c.arguments(), t);
        };
    if (spec == null) {
      return new Plan.NotChecked(
          "a DNS service needs check.name: the name its server must resolve");
    }
    int attempts = m.maxAttempts() == null ? 1 : m.maxAttempts();
    Duration retry = m.retryInterval() == null ? m.interval() : m.retryInterval();
    return new Plan.Checked(
        new CheckScheduler.Job(service.id(), spec, host, m.interval(), retry, attempts));
  }

  private static final ServiceCheck NO_SETTINGS =
      new ServiceCheck(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null);

  private static CheckSpec.Mail mail(
      Protocol p,
      String host,
      Service service,
      int plainPort,
      int tlsPort,
      Duration t,
      ServiceCheck c,
      Integer certWarn,
      Integer certCrit) {
    CheckSpec.Tls tls = tls(c);
    int port = port(service, tls == CheckSpec.Tls.IMPLICIT ? tlsPort : plainPort);
    return new CheckSpec.Mail(p, host, port, tls, t, c.expectBanner(), certWarn, certCrit);
  }

  /** A login when the inventory names a user; otherwise, whether the port accepts connections. */
  private static CheckSpec database(
      Engine engine, String host, int port, Duration t, ServiceCheck c) {
    if (c.user() == null) {
      return new CheckSpec.Tcp(host, port, t, null, null, null);
    }
    return new CheckSpec.Sql(
        engine, host, port, c.database(), c.user(), c.password(), c.query(), t);
  }

  private static CheckSpec.Tls tls(ServiceCheck c) {
    return c.tls() == null ? CheckSpec.Tls.NONE : CheckSpec.Tls.valueOf(c.tls().name());
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
