package dev.vakt.common;

import java.util.regex.Pattern;

/**
 * The rules a check's free settings must follow wherever they come from (a document, the API, the
 * command line), so the inventory and the monitoring engine refuse the same values (issue 16: F1,
 * F2, F18).
 */
public final class CheckSettings {

  /** A plugin's file name: no directory part, nothing a path could climb with. */
  private static final Pattern PLUGIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}");

  /** A database name as PostgreSQL and MySQL write it unquoted (plus '-', common in MySQL). */
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");

  /** The longest query a check may run: a health query, not a report. */
  public static final int MAX_QUERY = 1000;

  private CheckSettings() {}

  /**
   * Refuses a plugin command that is not a bare file name: the plugin is looked up in the
   * directories the operator configured on the server, never at a path a document names (F1).
   */
  public static void pluginName(String field, String command) {
    InvalidField.check(
        command != null && PLUGIN.matcher(command).matches() && !command.contains(".."),
        field,
        "must be the file name of a plugin in the server's plugin directories (e.g. check_clamd),"
            + " without '/' or '..'; paths are refused");
  }

  /**
   * Refuses arguments a plugin could not be given as they are: missing ones, NUL characters, or
   * more or longer than any plugin needs. They reach the plugin without a shell, so quoting and
   * {@code $} are harmless and allowed.
   */
  public static void pluginArguments(String field, java.util.List<String> arguments) {
    if (arguments == null) {
      return;
    }
    InvalidField.check(arguments.size() <= 64, field, "at most 64 arguments");
    for (String a : arguments) {
      InvalidField.check(
          a != null && a.length() <= 1000 && a.indexOf('\0') < 0,
          field,
          "each argument is a text of at most 1000 characters without NUL");
    }
  }

  /** Refuses a database name that could carry driver parameters into a connection (F18). */
  public static void databaseName(String field, String database) {
    InvalidField.check(
        database == null || DATABASE.matcher(database).matches(),
        field,
        "must be a database name: letters, digits, '_', '$' or '-', at most 63, not starting with a"
            + " digit");
  }

  /**
   * Refuses a query that is more than one statement (F2): the query runs in a read-only
   * transaction, and a second statement is where a {@code COMMIT} or a write would hide. One
   * trailing {@code ;} is allowed; a {@code ;} anywhere else is refused, even inside a string.
   */
  public static void singleStatement(String field, String query) {
    if (query == null) {
      return;
    }
    InvalidField.check(query.length() <= MAX_QUERY, field, "must be at most 1000 characters");
    String body = query.strip();
    if (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1);
    }
    InvalidField.check(
        body.indexOf(';') < 0, field, "must be exactly one statement: ';' is not allowed in it");
  }
}
