package dev.vakt.sla;

import dev.vakt.common.Language;
import java.util.Properties;
import java.util.stream.Collectors;

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
    return report.total().figures().stream()
        .map(f -> line(labels, f))
        .collect(Collectors.joining("\n"));
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
