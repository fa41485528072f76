package dev.vakt.monitoring.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who plugins run as (F1). When Vakt runs as root, a plugin runs as an unprivileged account through
 * util-linux's {@code setpriv} (user and group changed, supplementary groups dropped), so it cannot
 * read Vakt's data directory (0700, the master key) nor act as root. When Vakt runs as another
 * user, plugins run as that user: it cannot switch user, and it owns nothing root does. Running as
 * root without the account or without {@code setpriv} refuses every plugin rather than run one as
 * root.
 *
 * @param prefix the words put before the plugin's path; empty when no switch is needed
 * @param refusal why no plugin may run, or null
 */
public record PluginAccount(List<String> prefix, String refusal) {

  static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  public PluginAccount {
    prefix = List.copyOf(prefix);
  }

  /** The account for this process: {@code user} when running as root, else Vakt's own. */
  public static PluginAccount forThisProcess(String user) {
    return of(isRoot(), user, Path.of("/etc/passwd"));
  }

  static PluginAccount of(boolean root, String user, Path passwd) {
    if (!root) {
      return new PluginAccount(List.of(), null);
    }
    if (!Files.isExecutable(SETPRIV)) {
      return new PluginAccount(
          List.of(), "Vakt runs as root and " + SETPRIV + " is missing: plugins refused");
    }
    Optional<int[]> ids = ids(user, passwd);
    if (ids.isEmpty() || ids.get()[0] == 0) {
      return new PluginAccount(
          List.of(),
          "the plugin account '"
              + user
              + "' (vakt.monitoring.plugin-user) does not exist or is root: plugins refused");
    }
    return new PluginAccount(
        List.of(
            SETPRIV.toString(),
            "--reuid=" + ids.get()[0],
            "--regid=" + ids.get()[1],
            "--clear-groups",
            "--"),
        null);
  }

  /** The user id and group id of {@code user} in the passwd file. */
  static Optional<int[]> ids(String user, Path passwd) {
    try {
      for (String line : Files.readAllLines(passwd)) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && f[0].equals(user)) {
          return Optional.of(new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])});
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether this process runs as root: {@code /proc/self} belongs to the effective user. */
  static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
