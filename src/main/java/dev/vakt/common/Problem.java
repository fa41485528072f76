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

  public Problem {
    file = file == null ? "<input>" : file;
    field = field == null || field.isEmpty() ? "/" : field;
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + field + ": " + reason;
  }
}
