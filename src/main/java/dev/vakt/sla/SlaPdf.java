package dev.vakt.sla;

import dev.vakt.common.Language;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * An {@link SlaReport} as a PDF for a customer ("SLA report delivery"): the same report the JSON
 * answer and {@link SlaText} show, laid out on A4, with times in the contract's zone and the fixed
 * labels in the customer's language. The labels are data ({@code sla/pdf/<language>.properties}),
 * so a translation is corrected without touching code. Nothing is computed here beyond formatting:
 * every number is the report's own, so the PDF never disagrees with {@code /sla} or {@code vakt
 * sla}.
 */
public final class SlaPdf {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Map<Language, Properties> LABELS = new ConcurrentHashMap<>();

  // Helvetica with WinAnsi (Cp1252), the PDF standard font: it covers æøå, äöü, ß and the quotes
  // of all five languages, and needs no font file in the jar.
  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
  private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
  private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
  private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
  private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8);

  private final Properties labels;
  private final ZoneId zone;
  private final Document doc;

  private SlaPdf(Properties labels, ZoneId zone, Document doc) {
    this.labels = labels;
    this.zone = zone;
    this.doc = doc;
  }

  /**
   * The report as a PDF document.
   *
   * @param report the report, exactly as {@code OutageService.report} returned it
   * @param language the language of the fixed labels; English when null
   * @param customerName the customer's name to show beside its id, or null
   * @param eventsPath where the customer downloads the events the figures were computed from
   */
  public static byte[] render(
      SlaReport report, Language language, String customerName, String eventsPath) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
    PdfWriter.getInstance(doc, out);
    doc.addTitle("SLA " + report.customer());
    doc.addCreator("Vakt");
    doc.open();
    try {
      new SlaPdf(labels(language == null ? Language.EN : language), report.zone(), doc)
          .write(report, customerName, eventsPath);
    } catch (RuntimeException e) {
      // Closing a document without pages throws too: keep the cause, not "no pages".
      try {
        doc.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    doc.close();
    return out.toByteArray();
  }

  /** The labels of a language, from its resource; missing keys fall back to English. */
  static Properties labels(Language language) {
    // English first and outside the computation: a ConcurrentHashMap must not be changed from
    // within computeIfAbsent ("Recursive update" when both keys share a bin, which depends on the
    // enums' identity hashes, so it failed only in some runs).
    Properties english = language == Language.EN ? null : labels(Language.EN);
    return LABELS.computeIfAbsent(
        language,
        l -> {
          Properties p = new Properties(english);
          String name = "/sla/pdf/" + l.code() + ".properties";
          try (InputStream in = SlaPdf.class.getResourceAsStream(name)) {
            if (in == null) {
              throw new IllegalStateException("no SLA report labels at " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return p;
        });
  }

  private String label(String key, Object... args) {
    String text = labels.getProperty(key);
    if (text == null) {
      return key; // an unknown code shows as itself rather than failing the whole report
    }
    return args.length == 0 ? text : new MessageFormat(text, java.util.Locale.ROOT).format(args);
  }

  private void write(SlaReport r, String customerName, String eventsPath) {
    add(new Paragraph(label("title"), TITLE));
    PdfPTable head = table(new float[] {1, 3});
    head.setHeaderRows(0);
    row(
        head,
        label("customer"),
        customerName == null ? r.customer() : customerName + " (" + r.customer() + ")");
    if (r.contract() != null) {
      row(head, label("contract"), r.contract());
    }
    String period = time(r.from()) + " – " + time(r.to());
    if (!r.until().equals(r.to())) {
      period += " (" + label("until", time(r.until())) + ")";
    }
    row(head, label("period"), period);
    row(head, label("zone"), r.zone().getId());
    row(head, label("evaluated"), time(r.now()));
    head.setSpacingBefore(8);
    add(head);

    heading(label("figures"));
    PdfPTable figures = table(new float[] {2.2f, 2.2f, 1.4f, 1.2f, 1.2f, 1.4f, 1.5f});
    header(
        figures,
        label("service"),
        label("figure"),
        label("basis"),
        label("achieved"),
        label("guarantee"),
        label("verdict"),
        label("downtime"));
    for (SlaReport.ServiceReport s : r.services()) {
      s.figures().forEach(f -> figureRow(figures, s.service(), f));
    }
    // The total as the contract reads it (sla.scope): never an average of service time.
    String all = label("scope." + r.total().scope().code());
    for (int i = 0; i < r.total().figures().size(); i++) {
      String who = all;
      if (!r.total().decidedBy().isEmpty() && r.services().size() > 1) {
        who += " (" + label("decided-by", r.total().decidedBy().get(i)) + ")";
      }
      figureRow(figures, who, r.total().figures().get(i));
    }
    add(figures);
    SlaReport.TroubleshootingTotal ts = r.total().troubleshooting();
    if (ts != null && ts.judged() > 0) {
      add(
          new Paragraph(
              label("troubleshooting", duration(ts.within()), ts.missed(), ts.judged())
                  + ": "
                  + label("verdict." + ts.verdict().code()),
              BODY));
    }

    heading(label("categories"));
    PdfPTable categories = table(new float[] {2.5f, 3, 1.5f, 2.5f});
    header(categories, label("service"), label("category"), label("time"), label("counts"));
    for (SlaReport.ServiceReport s : r.services()) {
      for (SlaReport.CategoryTime c : s.period().categories()) {
        row(
            categories,
            s.service(),
            category(c.category()),
            duration(c.time()),
            c.excluded() ? label("no") : label("yes"));
      }
    }
    add(categories);

    List<String[]> credits = new ArrayList<>();
    for (SlaReport.ServiceReport s : r.services()) {
      s.figures().forEach(f -> credit(credits, s.service(), f));
    }
    r.total().figures().forEach(f -> credit(credits, all, f));
    if (!credits.isEmpty()) {
      heading(label("credits"));
      PdfPTable table = table(new float[] {2, 2, 5});
      header(table, label("service"), label("figure"), label("credit"));
      credits.forEach(c -> row(table, c));
      add(table);
    }

    heading(label("outages"));
    List<SlaReport.Outage> outages =
        r.services().stream().flatMap(s -> s.outages().stream()).toList();
    if (outages.isEmpty()) {
      add(new Paragraph(label("no-outages"), BODY));
    } else {
      PdfPTable table = table(new float[] {2.2f, 2, 2, 1.1f, 1.1f, 3.2f});
      header(
          table,
          label("service"),
          label("start"),
          label("end"),
          label("duration"),
          label("downtime"),
          label("explanation"));
      for (SlaReport.Outage o : outages) {
        row(
            table,
            o.service(),
            time(o.start()),
            o.open() ? label("open") : time(o.end()),
            duration(o.duration()),
            duration(o.downtime()),
            explanation(o));
      }
      add(table);
    }

    if (!r.notes().isEmpty()) {
      heading(label("notes"));
      r.notes().forEach(n -> add(new Paragraph("– " + n, BODY)));
    }
    Paragraph footer = new Paragraph(label("footer", eventsPath), SMALL);
    footer.setSpacingBefore(14);
    add(footer);
  }

  private void figureRow(PdfPTable t, String service, SlaReport.Figure f) {
    row(
        t,
        service,
        label("figure." + f.name()),
        label("basis." + f.basis().code()),
        percent(f.achieved()),
        f.target() == null ? "–" : f.target().toString(),
        label("verdict." + f.verdict().code())
            + (f.target() != null && f.time().unmonitored().isPositive()
                ? " (" + label("unmonitored-judged", duration(f.time().unmonitored())) + ")"
                : ""),
        duration(f.time().downtime()));
  }

  private void credit(List<String[]> out, String service, SlaReport.Figure f) {
    if (f.credit() != null) {
      String amount = f.credit().amount() == null ? "" : f.credit().amount() + ": ";
      out.add(
          new String[] {service, label("figure." + f.name()), amount + f.credit().explanation()});
    }
  }

  /** The categories of an outage's time and the events behind it: why it counts as it does. */
  private String explanation(SlaReport.Outage o) {
    String categories =
        o.categories().stream()
            .map(c -> category(c.category()) + " " + duration(c.time()))
            .collect(Collectors.joining(", "));
    String sources = o.sources().isEmpty() ? "" : "; " + String.join(", ", o.sources());
    String incident = o.incident() == null ? "" : " [" + o.incident() + "]";
    return categories + incident + sources;
  }

  private String category(dev.vakt.contract.OutageCategory c) {
    return label("category." + c.code());
  }

  /** As the JSON report writes it, so a reader finds the same figure in both. */
  private static String percent(BigDecimal p) {
    return p == null ? "–" : p.toPlainString() + " %";
  }

  private String time(Instant t) {
    return MINUTE.format(t.atZone(zone));
  }

  /** Days, hours, minutes and seconds: exact, since a credit can hinge on a minute. */
  static String duration(Duration d) {
    if (d == null) {
      return "–";
    }
    long s = d.toSeconds();
    long days = s / 86_400;
    String hms = "%d:%02d:%02d".formatted((s % 86_400) / 3600, (s % 3600) / 60, s % 60);
    return days > 0 ? days + "d " + hms : hms;
  }

  private void heading(String text) {
    Paragraph p = new Paragraph(text, HEADING);
    p.setSpacingBefore(12);
    p.setSpacingAfter(4);
    add(p);
  }

  private static PdfPTable table(float[] widths) {
    PdfPTable t = new PdfPTable(widths);
    t.setWidthPercentage(100);
    t.setHeaderRows(1);
    return t;
  }

  private static void header(PdfPTable t, String... cells) {
    for (String c : cells) {
      PdfPCell cell = new PdfPCell(new Phrase(c, BOLD));
      cell.setGrayFill(0.9f);
      t.addCell(cell);
    }
  }

  private static void row(PdfPTable t, String... cells) {
    for (String c : cells) {
      PdfPCell cell = new PdfPCell(new Phrase(c, BODY));
      cell.setVerticalAlignment(Element.ALIGN_TOP);
      t.addCell(cell);
    }
  }

  private void add(Element e) {
    doc.add(e);
  }
}
