package dev.vakt.common;

/**
 * One thing wrong with an input document, with the place a person needs to fix it.
 *
 * <p>Printed like a compiler diagnostic ({@code file:line:column: field: reason}) so that editors
 * and terminals can jump to it.
 *
 * @param file the file name as the user gave it
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param field the field as a JSON pointer into the document (e.g. {@code
 *     /terms/sla/uptime/target})
 * @param reason what is wrong, in words a contract administrator understands
 */
public record Problem(String file, int line, int column, String field, String reason) {

  /** Quoted input longer than this is shortened in a reason: the place is what matters. */
  static final int MAX_QUOTED = 60;

  /** A reason this short is kept as it is. */
  static final int SHORT_ENOUGH = 300;

  /** The longest reason kept, so an error never echoes a document back at its own size. */
  static final int MAX_REASON = 1_000;

  private static final java.util.regex.Pattern LONG_QUOTE =
      java.util.regex.Pattern.compile("'([^']{" + (MAX_QUOTED + 1) + ",})'");

  public Problem {
    file = file == null ? "<input>" : file;
    field = field == null || field.isEmpty() ? "/" : field;
    reason = shortened(reason);
  }

  static String shortened(String reason) {
    if (reason == null || reason.length() <= SHORT_ENOUGH) {
      // Quotes pair up ambiguously ("token 'null', 'true'"): only a long reason is touched.
      return reason;
    }
    String s =
        LONG_QUOTE
            .matcher(reason)
            .replaceAll(
                m ->
                    java.util.regex.Matcher.quoteReplacement(
                        "'"
                            + m.group(1).substring(0, MAX_QUOTED)
                            + "…' ("
                            + m.group(1).length()
                            + " characters)"));
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + field + ": " + reason;
  }
}
