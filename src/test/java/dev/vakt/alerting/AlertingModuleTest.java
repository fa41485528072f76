package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.ModuleSlices;
import dev.vakt.catalog.CatalogService;
import dev.vakt.common.Language;
import dev.vakt.portal.CustomerExport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alerting module starts with only the modules it declares (issue 18, ADR 0018) on a real
 * embedded PostgreSQL, and a notification that a service went down is rendered and stored in the
 * outbox for delivery (ALR-1, ALR-2).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "platform")
class AlertingModuleTest {

  static final Path DATA = ModuleSlices.freshDataDir("alerting");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ModuleSlices.properties(registry, DATA);
  }

  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired Notifications notifications;

  @Test
  void alr1_aServiceDownNoticeIsStoredForDelivery() {
    Notifications.Enqueued enqueued =
        notifications.enqueue(
            new NotificationRequest(
                new Recipient(
                    ChannelKind.EMAIL, "vakt@slice.example", Language.NB, ZoneId.of("Europe/Oslo")),
                "service-down",
                Map.of(
                    "customer", "Slice AS",
                    "service", "nettbutikk",
                    "server", "web1",
                    "since", Instant.parse("2026-11-10T10:00:00Z")),
                "slice-incident-1/down",
                "slice-c"));

    List<NotificationStatus> stored = notifications.forCause("slice-incident-1");
    assertThat(enqueued.created()).isTrue();
    assertThat(stored)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.recipient()).isEqualTo("vakt@slice.example");
              assertThat(n.body()).contains("nettbutikk");
            });
  }

  /** The slice holds its module and what it declares, and nothing of the modules that use it. */
  @Test
  void startsWithoutTheModulesThatUseIt() {
    assertThat(context.getBeanProvider(CatalogService.class).getIfAvailable()).isNull();
    assertThat(context.getBeanProvider(CustomerExport.class).getIfAvailable()).isNull();
  }
}
