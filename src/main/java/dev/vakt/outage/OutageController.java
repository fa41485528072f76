package dev.vakt.outage;

import dev.vakt.access.Tenancy;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Language;
import dev.vakt.common.Paging;
import dev.vakt.common.Requests;
import dev.vakt.contract.OutageCategory;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.sla.SlaEvent;
import dev.vakt.sla.SlaEvents;
import dev.vakt.sla.SlaPdf;
import dev.vakt.sla.SlaReport;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Outages and SLA reports per customer: the report, its events as JSON Lines (what {@code vakt sla
 * --events} reads, so a customer can recompute it), fault reports, reclassification with history.
 */
@RestController
@RequestMapping("/api/customers/{customer}")
class OutageController {

  private final OutageService outages;
  private final InventoryService inventory;
  private final Tenancy tenancy;

  /**
   * The longest report a customer's user may ask for at once (F20): two years, twice the longest
   * measurement period of the agreements (a year), so a year-on-year comparison is one request.
   */
  static final int CUSTOMER_MAX_DAYS = 731;

  /** The longest report staff may ask for at once: ten years, far beyond any contract's term. */
  static final int STAFF_MAX_DAYS = 3_653;

  OutageController(OutageService outages, InventoryService inventory, Tenancy tenancy) {
    this.outages = outages;
    this.inventory = inventory;
    this.tenancy = tenancy;
  }

  /** The SLA report for whole days [from, to); the last 30 days by default. */
  @GetMapping("/sla")
  SlaReport report(
      @PathVariable String customer,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String contract,
      @RequestParam(required = false) String service) {
    Period p = period(customer, from, to);
    return outages.report(customer, p.from(), p.to(), contract, service);
  }

  /**
   * The same report as {@link #report}, from the same call, as a PDF for the customer in its
   * language ("SLA report delivery"), or in {@code lang} (nb, da, sv, de, en) when a user asks for
   * another one; the footer says where its events are to recompute it.
   */
  @GetMapping(value = "/sla.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> reportPdf(
      @PathVariable String customer,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String contract,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String lang) {
    Language language = language(lang);
    Period p = period(customer, from, to);
    // The report first: it confines customer roles to their own customer (404 for another's).
    SlaReport report = outages.report(customer, p.from(), p.to(), contract, service);
    Customer c =
        inventory
            .customer(customer)
            .orElseThrow(() -> new ApiErrors.NotFound("customer " + customer));
    String events =
        "/api/customers/" + customer + "/sla/events?from=" + report.from() + "&to=" + report.to();
    byte[] pdf =
        SlaPdf.render(report, language != null ? language : c.language(), c.name(), events);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + customer + "-sla-" + p.from() + "-" + p.to() + ".pdf\"")
        .body(pdf);
  }

  private static Language language(String lang) {
    if (lang == null || lang.isBlank()) {
      return null;
    }
    for (Language l : Language.values()) {
      if (l.code().equalsIgnoreCase(lang.strip())) {
        return l;
      }
    }
    throw new ApiErrors.InvalidInput("lang", "must be one of nb, da, sv, de, en");
  }

  /** Whole days [from, to) as asked; the last 30 days up to and including today by default. */
  private record Period(LocalDate from, LocalDate to) {}

  private Period period(String customer, String from, String to) {
    // "Today" is the customer's local day (its provider's zone), not UTC's (issue 18, K-1).
    LocalDate t = to == null ? outages.today(customer).plusDays(1) : Requests.date("to", to);
    LocalDate f = from == null ? t.minusDays(30) : Requests.date("from", from);
    if (!f.isBefore(t)) {
      throw new ApiErrors.InvalidInput("to", "must be after from (" + f + ")");
    }
    checkLength(java.time.temporal.ChronoUnit.DAYS.between(f, t));
    return new Period(f, t);
  }

  /** A report's days within the reader's bound (F20), or a 400 naming {@code from}. */
  private void checkLength(long days) {
    boolean customer = tenancy.onlyCustomer().isPresent();
    int max = customer ? CUSTOMER_MAX_DAYS : STAFF_MAX_DAYS;
    if (days > max) {
      throw new ApiErrors.InvalidInput(
          "from",
          "a report covers at most "
              + max
              + " days"
              + (customer ? " (two years)" : " (ten years)")
              + "; ask for "
              + days
              + " days in parts");
    }
  }

  /** The customer's ledger as JSON Lines, for {@code vakt sla --events}. */
  @GetMapping(value = "/sla/events", produces = "application/x-ndjson")
  ResponseEntity<String> events(
      @PathVariable String customer, @RequestParam String from, @RequestParam String to)
      throws IOException {
    java.time.Instant f = Requests.instant("from", from);
    java.time.Instant t = Requests.instant("to", to);
    if (!f.isBefore(t)) {
      throw new ApiErrors.InvalidInput("to", "must be after from (" + f + ")");
    }
    checkLength(java.time.Duration.between(f, t).toDays());
    StringWriter out = new StringWriter();
    SlaEvents.write(outages.events(customer, f, t), out);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-ndjson"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + customer + "-events.jsonl\"")
        .body(out.toString());
  }

  /** Every change people made to the ledger: who, when, what (nothing is ever deleted). */
  @GetMapping("/sla/history")
  ResponseEntity<List<OutageService.HistoryEntry>> history(
      @PathVariable String customer,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return Paging.page(outages.history(customer), Paging.PageRequest.of(page, size));
  }

  record FaultReport(String service, String reason) {}

  /** A customer reports a fault (SLA-1). */
  @PostMapping("/reports")
  SlaEvent.Report reportFault(
      @PathVariable String customer,
      @RequestBody JsonNode body,
      java.security.Principal principal) {
    FaultReport r = Requests.bind(body, FaultReport.class);
    required("service", r.service());
    return outages.reportFault(
        customer, r.service(), r.reason(), dev.vakt.common.Requests.actor(principal));
  }

  /** The reported fault is fixed. */
  @PostMapping("/reports/{report}/fixed")
  SlaEvent.Report fixed(
      @PathVariable String customer,
      @PathVariable String report,
      java.security.Principal principal) {
    return outages.fixReport(customer, report, dev.vakt.common.Requests.actor(principal));
  }

  record Reclassification(
      String service, String from, String to, OutageCategory category, String reason) {}

  /** Staff reclassify a service's down time, with a reason. */
  @PostMapping("/reclassifications")
  SlaEvent.Reclassify reclassify(
      @PathVariable String customer,
      @RequestBody JsonNode body,
      java.security.Principal principal) {
    Reclassification r = Requests.bind(body, Reclassification.class);
    required("service", r.service());
    required("from", r.from());
    required("to", r.to());
    return outages.reclassify(
        customer,
        r.service(),
        Requests.instant("/from", r.from()),
        Requests.instant("/to", r.to()),
        r.category(),
        r.reason(),
        dev.vakt.common.Requests.actor(principal));
  }

  /** A period of lost access, maintenance or another category, as a ledger event. */
  @PostMapping("/periods")
  SlaEvent period(
      @PathVariable String customer,
      @RequestBody JsonNode body,
      java.security.Principal principal) {
    return outages.recordPeriod(
        customer, Requests.bind(body, SlaEvent.class), dev.vakt.common.Requests.actor(principal));
  }

  record ActionTaken(String service, SlaEvent.ActionKind kind) {}

  /** Acknowledged, or troubleshooting started (ALR-4). */
  @PostMapping("/actions")
  SlaEvent.Action action(
      @PathVariable String customer,
      @RequestBody JsonNode body,
      java.security.Principal principal) {
    ActionTaken a = Requests.bind(body, ActionTaken.class);
    required("service", a.service());
    return outages.action(
        customer, a.service(), a.kind(), dev.vakt.common.Requests.actor(principal));
  }

  private static void required(String field, Object value) {
    if (value == null) {
      throw new dev.vakt.common.ApiErrors.InvalidInput("/" + field, "is required");
    }
  }
}
