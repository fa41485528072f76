package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.ServiceType;
import dev.vakt.contract.MonitoringTerms;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which services are checked, and how, follows the contract (MON-6, MON-7). */
class ServiceChecksTest {

  static final Server SERVER =
      new Server(
          "s1", "c1", null, Server.Kind.VPS, Server.Ownership.PROVIDER, "127.0.0.1", null, null);

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
    return new Service("x", "s1", type, null, null, port, url, by, null);
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

  @Test
  void onlyProviderInstalledServicesUnlessTheContractSaysOtherwise_MON7() {
    Service custom = service(ServiceType.HTTP, 8080, null, Service.InstalledBy.CUSTOMER);
    assertThat(ServiceChecks.plan(custom, SERVER, terms(null, null)))
        .isInstanceOf(ServiceChecks.Plan.NotChecked.class);
    assertThat(ServiceChecks.plan(custom, SERVER, terms(null, true)))
        .isInstanceOf(ServiceChecks.Plan.Checked.class);
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
