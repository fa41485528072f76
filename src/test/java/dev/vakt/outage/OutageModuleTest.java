package dev.vakt.outage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.ModuleSlices;
import dev.vakt.alerting.Notifications;
import dev.vakt.common.Country;
import dev.vakt.common.Language;
import dev.vakt.common.ServiceType;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.maintenance.planning.MaintenancePlanner;
import dev.vakt.sla.SlaEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outage module (the stored SLA ledger) with the SLA calculator starts with only the modules it
 * declares (issue 18, ADR 0018) on a real embedded PostgreSQL, and records a fault report in the
 * ledger a customer's events are read from (SLA-1).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "platform")
class OutageModuleTest {

  static final Path DATA = ModuleSlices.freshDataDir("outage");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ModuleSlices.properties(registry, DATA);
  }

  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired OutageService outages;
  @Autowired InventoryService inventory;

  @Test
  void sla1_aFaultReportIsInTheCustomersLedger() {
    inventory.putCustomer(
        new Customer(
            "slice-c", "Slice AS", Country.NO, Language.NB, "post@slice.example", null, null),
        "stw",
        "test");
    inventory.putServer(
        new Server(
            "slice-vps",
            "slice-c",
            null,
            Server.Kind.VPS,
            Server.Ownership.PROVIDER,
            "127.0.0.1",
            null,
            null,
            null,
            null),
        "test");
    inventory.putService(
        new Service(
            "slice-ftp",
            "slice-vps",
            ServiceType.FTP,
            "vsftpd",
            null,
            2121,
            null,
            Service.InstalledBy.PROVIDER,
            false,
            null,
            null,
            null),
        "test");

    SlaEvent.Report report = outages.reportFault("slice-c", "slice-ftp", "no login", "test");

    List<SlaEvent> events = outages.events("slice-c", Instant.EPOCH, Instant.now().plusSeconds(60));
    assertThat(events).contains(report);
  }

  /** The slice holds its module and what it declares, and nothing of the modules that use it. */
  @Test
  void startsWithoutTheModulesThatUseIt() {
    assertThat(context.getBeanProvider(Notifications.class).getIfAvailable()).isNull();
    assertThat(context.getBeanProvider(MaintenancePlanner.class).getIfAvailable()).isNull();
  }
}
