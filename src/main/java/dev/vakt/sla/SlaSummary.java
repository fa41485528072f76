package dev.vakt.sla;

import dev.vakt.common.Language;
import java.util.Properties;

/**
 * A report's figures for all services together as a few lines of plain text in the customer's
 * language, for the body of the monthly report e-mail. The labels and numbers are the PDF's ({@link
 * SlaPdf}), so the mail and its attachment read alike.
 */
public final class SlaSummary {

  private SlaSummary() {}

  /**
   * One line per figure: name and basis, achieved against the guarantee, verdict, and counted
   * downtime; e.g. {@code Uptime (all hours): 99.9512 % (Guarantee 99.9 %), met; Counted downtime
   * 0:21:05}. Labels keep their own capitals (German nouns).
   */
  public static String of(SlaReport report, Language language) {
    Properties labels = SlaPdf.labels(language == null ? Language.EN : language);
    SlaReport.Total total = report.total();
    StringBuilder out = new StringBuilder(label(labels, "scope." + total.scope().code()) + ":");
    for (int i = 0; i < total.figures().size(); i++) {
      out.append('\n').append(line(labels, total.figures().get(i)));
      if (!total.decidedBy().isEmpty() && total.services().size() > 1) {
        out.append(" (").append(format(labels, "decided-by", total.decidedBy().get(i))).append(')');
      }
    }
    SlaReport.TroubleshootingTotal ts = total.troubleshooting();
    if (ts != null && ts.judged() > 0) {
      out.append("\n- ")
          .append(
              format(
                  labels,
                  "troubleshooting",
                  SlaPdf.duration(ts.within()),
                  ts.missed(),
                  ts.judged()))
          .append(", ")
          .append(label(labels, "verdict." + ts.verdict().code()));
    }
    return out.toString();
  }

  private static String format(Properties labels, String key, Object... args) {
    return new java.text.MessageFormat(label(labels, key), java.util.Locale.ROOT).format(args);
  }

  private static String line(Properties labels, SlaReport.Figure f) {
    String achieved = f.achieved() == null ? "–" : f.achieved().toPlainString() + " %";
    String guarantee =
        f.target() == null ? "" : " (" + label(labels, "guarantee") + " " + f.target() + ")";
    return "- "
        + label(labels, "figure." + f.name())
        + " ("
        + label(labels, "basis." + f.basis().code())
        + "): "
        + achieved
        + guarantee
        + ", "
        + label(labels, "verdict." + f.verdict().code())
        + (f.target() != null && f.time().unmonitored().isPositive()
            ? " ("
                + format(labels, "unmonitored-judged", SlaPdf.duration(f.time().unmonitored()))
                + ")"
            : "")
        + "; "
        + label(labels, "downtime")
        + " "
        + SlaPdf.duration(f.time().downtime());
  }

  private static String label(Properties labels, String key) {
    String text = labels.getProperty(key);
    return text == null ? key : text;
  }
}
