package dev.vakt.cli;

import java.io.PrintStream;

/** Commands that need the application context and its database. */
final class ServerCommands {

  private ServerCommands() {}

  static int serve(String[] args, boolean demo) {
    throw new UnsupportedOperationException("serve");
  }

  static int importFiles(String[] args, PrintStream out, PrintStream err) {
    throw new UnsupportedOperationException("import");
  }

  static int export(String[] args, PrintStream out, PrintStream err) {
    throw new UnsupportedOperationException("export");
  }

  static int terms(String[] args, PrintStream out, PrintStream err) {
    throw new UnsupportedOperationException("terms");
  }
}
