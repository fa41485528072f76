package dev.vakt.maintenance;

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
import dev.vakt.maintenance.planning.PlannedMaintenance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The maintenance module starts with only the modules it declares (issue 18, ADR 0018) on a real
 * embedded PostgreSQL, and planned work is stored and announced to the affected customer with
 * {@link MaintenancePlanned}, the event alerting tells the customer from (MNT-11).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "platform")
class MaintenanceModuleTest {

  static final Path DATA = ModuleSlices.freshDataDir("maintenance");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ModuleSlices.properties(registry, DATA);
  }

  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired MaintenancePlanner planner;
  @Autowired InventoryService inventory;

  @Test
  void mnt11_plannedWorkIsAnnouncedToTheAffectedCustomer(AssertablePublishedEvents events) {
    inventory.putCustomer(
        new Customer(
            "slice-m", "Slice AS", Country.NO, Language.NB, "post@slice.example", null, null),
        "stw",
        "test");
    inventory.putServer(
        new Server(
            "slice-m-vps",
            "slice-m",
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
            "slice-m-ftp",
            "slice-m-vps",
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
    Instant from = Instant.now().plus(Duration.ofDays(30));

    PlannedMaintenance planned =
        planner.plan(
            new MaintenancePlanner.Request(
                "Kernel update",
                null,
                null,
                from,
                from.plus(Duration.ofHours(1)),
                List.of(),
                List.of("slice-m-ftp"),
                null,
                null,
                "slice test: no contract windows to judge by"),
            "test");

    assertThat(planner.find(planned.id()).services()).containsKey("slice-m");
    assertThat(events)
        .contains(MaintenancePlanned.class)
        .matching(MaintenancePlanned::maintenance, planned.id())
        .matching(MaintenancePlanned::customer, "slice-m");
  }

  /** The slice holds its module and what it declares, and nothing of the modules that use it. */
  @Test
  void startsWithoutTheModulesThatUseIt() {
    assertThat(context.getBeanProvider(Notifications.class).getIfAvailable()).isNull();
  }
}
