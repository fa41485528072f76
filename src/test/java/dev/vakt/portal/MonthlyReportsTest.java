package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SLA report delivery: after a month ends in the contract's zone, the customer's registered e-mail
 * gets the month's report once, the figures in its language in the text and the report as PDF.
 */
class MonthlyReportsTest extends IntegrationTest {

  private static final String CUSTOMER = "bdn-skovly";
  private static final String HTTPS = "bdn-skovly-web1-https";

  @Autowired CatalogService catalog;
  @Autowired MonthlyReports reports;

  @BeforeEach
  void examples() {
    catalog.importCatalog(catalog.read(List.of(Path.of("examples/bdn"))), "test");
  }

  private void change(String at, String from, String to) {
    stateChange(HTTPS, Instant.parse(at), from, to);
  }

  record Sent(long id, String recipient, String subject, String body) {}

  private List<Sent> sent(String month) {
    return jdbc.sql(
            "select id, recipient, subject, body from notification where cause = :c order by id")
        .param("c", "sla-report-" + CUSTOMER + "-" + month)
        .query(
            (rs, i) -> new Sent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  @Test
  void theMonthsReportGoesToTheRegisteredAddressOnceInItsLanguageWithThePdf() throws Exception {
    // Up all month, but for two hours on 10 March 2025 (Copenhagen time, the contract's zone).
    change("2025-02-28T23:00:00Z", null, "ok"); // 1 March, 00:00 in Copenhagen
    change("2025-03-10T09:00:00Z", "ok", "critical");
    change("2025-03-10T11:00:00Z", "critical", "ok");

    // 1 April 03:00 in Copenhagen: the month has ended, but the 6 hours' delay has not passed.
    assertThat(reports.deliver(Instant.parse("2025-04-01T01:00:00Z"))).doesNotContain(CUSTOMER);
    assertThat(sent("2025-03")).isEmpty();

    assertThat(reports.deliver(Instant.parse("2025-04-01T05:00:00Z"))).contains(CUSTOMER);
    List<Sent> mails = sent("2025-03");
    assertThat(mails)
        .singleElement()
        .extracting(Sent::recipient)
        .isEqualTo("web@skovly-moebler.example");
    Sent mail = mails.getFirst();
    // Danish, the customer's language: subject, greeting, figures with the PDF's labels.
    assertThat(mail.subject()).isEqualTo("Serviceniveaurapport for 2025-03");
    assertThat(mail.body()).contains("Hej ", "Oppetid", "2:00:00").doesNotContain("{");

    byte[] pdf =
        jdbc.sql(
                "select content from notification_attachment where notification_id = :id"
                    + " and name = :name and content_type = 'application/pdf'")
            .param("id", mail.id())
            .param("name", CUSTOMER + "-sla-2025-03.pdf")
            .query(byte[].class)
            .single();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(doc)).contains(CUSTOMER, "2025-03-01");
    }

    // Looking again (every hour, or after a restart) sends nothing more.
    assertThat(reports.deliver(Instant.parse("2025-04-01T06:00:00Z"))).doesNotContain(CUSTOMER);
    assertThat(sent("2025-03")).hasSize(1);
    assertThat(
            http.get()
                .uri("/api/audit?entity=notice&id=sla-report-" + CUSTOMER + "-2025-03")
                .retrieve()
                .body(String.class))
        .contains(MonthlyReports.ACTOR);
  }

  @Test
  void aMonthWithNothingMonitoredIsNotSent() {
    // Before the example's services have any monitoring history: all of January 2024 unmonitored.
    assertThat(reports.deliver(Instant.parse("2024-02-01T12:00:00Z"))).doesNotContain(CUSTOMER);
    assertThat(sent("2024-01")).isEmpty();
  }

  @ParameterizedTest(name = "{0} in {1}, {2} after the month: {3}")
  @CsvSource({
    // The month ends at local midnight; the delay counts from there, across DST changes.
    "2026-11-01T05:00:00Z, Europe/Copenhagen, PT6H, 2026-10",
    "2026-11-01T04:59:59Z, Europe/Copenhagen, PT6H, 2026-09",
    "2026-03-31T22:00:00Z, Europe/Oslo, PT0S, 2026-03",
    "2026-03-31T21:59:59Z, Europe/Oslo, PT0S, 2026-02",
    "2026-01-01T00:00:00Z, UTC, PT0S, 2025-12",
    "2026-01-01T06:00:00Z, Europe/Berlin, P1D, 2025-11",
  })
  void theMonthDue(String now, String zone, String delay, String month) {
    assertThat(MonthlyReports.dueMonth(Instant.parse(now), ZoneId.of(zone), Duration.parse(delay)))
        .isEqualTo(YearMonth.parse(month));
  }
}
