package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import dev.vakt.monitoring.CheckState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ALR-1: a hard failure of a watched service pages the provider's on-call technician through the
 * escalation policy (BDN's example on-call set-up), besides telling the customer's list; the
 * recovery ends the escalation. Host checks page technicians too, never customers.
 */
class OutagePagingTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired ApplicationEventPublisher events;
  @Autowired dev.vakt.inventory.InventoryService inventory;
  @Autowired TransactionTemplate tx;
  @Autowired dev.vakt.outage.OutageService outages;

  @BeforeEach
  void examples() {
    catalog.importCatalog(catalog.read(List.of(Path.of("examples/bdn"))), "test");
  }

  private String incidentOf(String service) {
    return jdbc.sql(
            "select incident from service_incident where service_id = :s order by opened_at desc"
                + " limit 1")
        .param("s", service)
        .query(String.class)
        .optional()
        .orElse("");
  }

  private int pages(String incident) {
    return jdbc.sql("select count(*) from alert_page where incident_ref = :r")
        .param("r", incident)
        .query(Integer.class)
        .single();
  }

  private String resolved(String incident) {
    return jdbc.sql(
            "select coalesce(cast(resolved_at as text), '') from alert_incident where ref = :r")
        .param("r", incident)
        .query(String.class)
        .optional()
        .orElse("none");
  }

  @Test
  void aServiceThatGoesDownPagesTheTechnicianOnCallAndItsRecoveryEndsTheEscalation_ALR1() {
    String service = "bdn-hav-web1-https";
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.down(inventory, service, at, "HTTP 503")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !incidentOf(service).isEmpty());
    String incident = incidentOf(service);
    await().atMost(Duration.ofSeconds(10)).until(() -> pages(incident) > 0);

    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.back(
                    inventory, service, at.plusSeconds(120), CheckState.CRITICAL)));
    await().atMost(Duration.ofSeconds(10)).until(() -> !resolved(incident).isEmpty());
  }

  @Test
  void aServiceThatGoesDownInsideAPlannedMaintenanceNeitherTellsNorPages_SLA3() {
    String service = "bdn-hav-web2-https";
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    outages.recordPeriod(
        "bdn-hav-og-land",
        new dev.vakt.sla.SlaEvent.Maintenance(
            unique("m"), List.of(service), at.minusSeconds(600), at.plusSeconds(3600), "CHG-1"),
        "test");
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.down(inventory, service, at, "HTTP 503")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !incidentOf(service).isEmpty());
    String incident = incidentOf(service);
    assertThat(pages(incident)).isZero();
    assertThat(resolved(incident)).isEqualTo("none"); // no escalation was opened
    assertThat(
            jdbc.sql("select count(*) from notification where cause like :c")
                .param("c", incident + "/%")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aHostCheckPagesTechniciansButNoCustomer_ALR1() {
    String check = "bdn-hav-web1:raid";
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.down(
                    inventory, check, at, "md1 degraded [U_], sdb1 failed")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !incidentOf(check).isEmpty());
    String incident = incidentOf(check);
    await().atMost(Duration.ofSeconds(10)).until(() -> pages(incident) > 0);
    assertThat(
            jdbc.sql(
                    "select count(*) from notification where cause like :c and customer_id is not null")
                .param("c", incident + "/%")
                .query(Integer.class)
                .single())
        .isZero();
  }
}
