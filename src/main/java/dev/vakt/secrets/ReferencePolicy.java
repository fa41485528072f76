package dev.vakt.secrets;

import dev.vakt.common.SecretRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which {@code env:} and {@code file:} references a document (an inventory written by a technician,
 * through the API or an import) may use. Without it a check's password could be {@code
 * file:/proc/self/environ} or {@code env:VAKT_MASTER_KEY}, and the check would send Vakt's own
 * secrets to a host of the author's choosing. References in the operator's own configuration
 * (alerting's SMTP password, for example) are trusted and not subject to it.
 */
final class ReferencePolicy {

  private final List<Path> directories;
  private final Path dataDir;
  private final List<String> deniedPrefixes;

  ReferencePolicy(List<Path> directories, Path dataDir, List<String> deniedPrefixes) {
    this.directories = directories.stream().map(ReferencePolicy::real).toList();
    this.dataDir = real(dataDir);
    this.deniedPrefixes = List.copyOf(deniedPrefixes);
  }

  /** Throws {@link IllegalStateException} with the reason when {@code ref} is not allowed. */
  void check(SecretRef ref) {
    switch (ref.scheme()) {
      case "env" -> {
        for (String prefix : deniedPrefixes) {
          if (ref.name().startsWith(prefix)) {
            throw new IllegalStateException(
                "env:" + ref.name() + " is Vakt's own configuration, not a secret for checks");
          }
        }
      }
      case "file" -> {
        Path file = real(Path.of(ref.name()));
        if (file.startsWith(dataDir)) {
          throw new IllegalStateException(
              "file:" + ref.name() + " lies in Vakt's data directory, which checks may not read");
        }
        if (directories.stream().noneMatch(file::startsWith)) {
          throw new IllegalStateException(
              "file:"
                  + ref.name()
                  + " is outside the secret directories (vakt.secrets.file-directories: "
                  + directories
                  + ")");
        }
      }
      default -> {
        // secret: names the encrypted store, which only admins write.
      }
    }
  }

  /** The path with symbolic links followed as far as it exists, so a link cannot lead out. */
  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null) {
      try {
        return existing.toRealPath().resolve(existing.relativize(absolute));
      } catch (IOException e) {
        existing = existing.getParent();
      }
    }
    return absolute;
  }
}
