package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.InvalidField;
import dev.vakt.common.SecretRef;
import dev.vakt.common.ServiceType;
import dev.vakt.contract.MonitoringTerms;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.inventory.ServiceCheck;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which services are checked, and how, follows the contract (MON-6, MON-7). */
class ServiceChecksTest {

  static final Server SERVER =
      new Server(
          "s1",
          "c1",
          null,
          Server.Kind.VPS,
          Server.Ownership.PROVIDER,
          "127.0.0.1",
          null,
          null,
          null,
          null);

  static Terms terms(Set<ServiceType> services, Boolean customerInstalled) {
    MonitoringTerms m =
        new MonitoringTerms(
            Duration.ofMinutes(1),
            Duration.ofSeconds(10),
            3,
            Duration.ofSeconds(20),
            services,
            null,
            customerInstalled,
            new MonitoringTerms.Thresholds(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Duration.ofDays(21),
                Duration.ofDays(7)),
            null,
            null,
            null);
    return new Terms(
        null, null, null, null, null, null, m, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  static Service service(ServiceType type, Integer port, String url, Service.InstalledBy by) {
    return new Service("x", "s1", type, null, null, port, url, by, null, null);
  }

  @Test
  void theContractSetsIntervalAttemptsAndCertificateDays_MON6() {
    var plan =
        ServiceChecks.plan(
            service(
                ServiceType.HTTPS, null, "https://127.0.0.1:8443/", Service.InstalledBy.PROVIDER),
            SERVER,
            terms(null, null));
    assertThat(plan).isInstanceOf(ServiceChecks.Plan.Checked.class);
    var job = ((ServiceChecks.Plan.Checked) plan).job();
    assertThat(job.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(job.retryInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(job.maxAttempts()).isEqualTo(3);
    var http = (CheckSpec.Http) job.spec();
    assertThat(http.certWarnDays()).isEqualTo(21);
    assertThat(http.certCriticalDays()).isEqualTo(7);
    assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  static Service withCheck(ServiceType type, ServiceCheck check) {
    return new Service(
        "x", "s1", type, null, null, null, null, Service.InstalledBy.PROVIDER, null, check);
  }

  static ServiceCheck settings(
      ServiceCheck.Tls tls, String user, String database, String name, String command) {
    return new ServiceCheck(
        tls,
        null,
        null,
        null,
        null,
        null,
        user,
        user == null ? null : SecretRef.parse("env:DB_PW"),
        null,
        database,
        null,
        name,
        null,
        null,
        command,
        null);
  }

  private static CheckSpec spec(Service service) {
    var plan = ServiceChecks.plan(service, SERVER, terms(null, null));
    assertThat(plan).isInstanceOf(ServiceChecks.Plan.Checked.class);
    return ((ServiceChecks.Plan.Checked) plan).job().spec();
  }

  @Test
  void inventorySettingsShapeTheCheck_MON6() {
    // A database with a user is a login; without one, whether the port accepts connections.
    assertThat(
            spec(withCheck(ServiceType.POSTGRESQL, settings(null, "monitor", "app", null, null))))
        .isEqualTo(
            new CheckSpec.Sql(
                CheckSpec.Sql.Engine.POSTGRESQL,
                "127.0.0.1",
                5432,
                "app",
                "monitor",
                SecretRef.parse("env:DB_PW"),
                null,
                Duration.ofSeconds(10)));
    assertThat(spec(withCheck(ServiceType.MYSQL, null))).isInstanceOf(CheckSpec.Tcp.class);
    // TLS from the first byte moves the standard port.
    var imaps =
        (CheckSpec.Mail)
            spec(
                withCheck(
                    ServiceType.IMAP, settings(ServiceCheck.Tls.IMPLICIT, null, null, null, null)));
    assertThat(imaps.port()).isEqualTo(993);
    assertThat(imaps.tls()).isEqualTo(CheckSpec.Tls.IMPLICIT);
    // A DNS server is asked for the inventory's name; without one there is nothing to ask.
    var dns =
        (CheckSpec.Dns)
            spec(withCheck(ServiceType.DNS, settings(null, null, null, "example.org", null)));
    assertThat(dns.name()).isEqualTo("example.org");
    assertThat(dns.port()).isEqualTo(53);
    assertThat(ServiceChecks.plan(withCheck(ServiceType.DNS, null), SERVER, terms(null, null)))
        .isEqualTo(
            new ServiceChecks.Plan.NotChecked(
                "a DNS service needs check.name: the name its server must resolve"));
    // clamd and spamd answer PING with PONG; a named plugin replaces that.
    var clamd = (CheckSpec.Tcp) spec(withCheck(ServiceType.ANTIVIRUS, null));
    assertThat(clamd.port()).isEqualTo(3310);
    assertThat(clamd.expect()).isEqualTo("PONG");
    assertThat(spec(withCheck(ServiceType.ANTISPAM, settings(null, null, null, null, "check_tcp"))))
        .isInstanceOf(CheckSpec.Plugin.class);
  }

  @Test
  void aSettingForAnotherTypeIsRefused_MON6() {
    assertThatThrownBy(() -> withCheck(ServiceType.SMTP, settings(null, null, "app", null, null)))
        .isInstanceOf(InvalidField.class)
        .hasMessage(
            "check/database: does not apply to a smtp service; it is for mysql, postgresql");
    assertThatThrownBy(() -> withCheck(ServiceType.PLUGIN, null)).hasMessageContaining("command");
  }

  @Test
  void onlyTheServiceTypesTheContractLists_MON6() {
    Service ftp = service(ServiceType.FTP, null, null, Service.InstalledBy.PROVIDER);
    assertThat(ServiceChecks.plan(ftp, SERVER, terms(Set.of(ServiceType.HTTP), null)))
        .isEqualTo(
            new ServiceChecks.Plan.NotChecked(
                "the contract does not list ftp among watched services"));
    assertThat(ServiceChecks.plan(ftp, SERVER, terms(Set.of(ServiceType.FTP), null)))
        .isInstanceOf(ServiceChecks.Plan.Checked.class);
  }

  @Test
  void withoutMonitoringTermsNothingIsCheckedAndATcpServiceNeedsAPort() {
    Service tcp = service(ServiceType.TCP, null, null, Service.InstalledBy.PROVIDER);
    assertThat(ServiceChecks.plan(tcp, SERVER, null))
        .isInstanceOf(ServiceChecks.Plan.NotChecked.class);
    assertThat(ServiceChecks.plan(tcp, SERVER, terms(null, null)))
        .isEqualTo(new ServiceChecks.Plan.NotChecked("a TCP service needs a port"));
  }
}
