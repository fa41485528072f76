package dev.vakt.monitoring.probe;

import dev.vakt.common.CheckSettings;
import dev.vakt.common.InvalidField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * Finds a plugin by file name in the configured plugin directories (F1). The first directory that
 * has the name wins, as in a {@code PATH}. What runs is the real path: a symbolic link may point
 * elsewhere inside the directories (Debian links some plugins), never outside them. A plugin, or
 * its directory, that others than its owner may write is refused: anyone who could replace it would
 * run code as the plugin account.
 */
final class PluginLocation {

  private PluginLocation() {}

  /** The outcome of a search. */
  sealed interface Result permits Found, Refused {}

  /** The plugin to run, by its real path. */
  record Found(Path path) implements Result {}

  /** Why nothing runs. */
  record Refused(String reason) implements Result {}

  static Result find(List<Path> directories, String name) {
    try {
      CheckSettings.pluginName("command", name);
    } catch (InvalidField e) {
      return new Refused("plugin " + name + " refused: " + e.reason());
    }
    for (Path directory : directories) {
      Path candidate = directory.resolve(name);
      if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        return judge(directories, candidate);
      } catch (IOException e) {
        return new Refused("plugin " + name + " cannot be read: " + Elapsed.oneLine(e));
      }
    }
    return new Refused(
        "plugin not found: "
            + name
            + " is in none of the plugin directories "
            + directories
            + " (vakt.monitoring.plugin-directories)");
  }

  private static Result judge(List<Path> directories, Path candidate) throws IOException {
    if (!Files.exists(candidate)) {
      return new Refused("plugin not found: " + candidate + " is a broken link");
    }
    Path real = candidate.toRealPath();
    boolean inside = false;
    for (Path directory : directories) {
      if (Files.isDirectory(directory) && real.startsWith(directory.toRealPath())) {
        inside = true;
        break;
      }
    }
    if (!inside) {
      return new Refused(
          "plugin "
              + candidate
              + " leads to "
              + real
              + ", outside the plugin directories: refused");
    }
    if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
      return new Refused("plugin not executable: " + candidate);
    }
    for (Path p : List.of(real, real.getParent())) {
      if (writableByOthers(p)) {
        return new Refused(
            "plugin "
                + candidate
                + " refused: "
                + p
                + " may be written by others than its owner (chmod go-w)");
      }
    }
    return new Found(real);
  }

  private static boolean writableByOthers(Path path) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
    // Even a sticky world-writable directory (/tmp) lets others plant new names in it.
    return mode.contains(PosixFilePermission.GROUP_WRITE)
        || mode.contains(PosixFilePermission.OTHERS_WRITE);
  }
}
