package dev.vakt.monitoring.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (a plugin, or {@code ping}) under a hard deadline: no shell, a clean
 * environment, output kept up to a limit, and at the deadline the whole process tree killed.
 */
final class PluginProbeProcess {

  /** Most output kept per stream; the rest is read and dropped so the child never blocks. */
  static final int MAX_OUTPUT = 64 * 1024;

  /**
   * The environment a command gets: a fixed PATH and locale, nothing of Vakt's own. Vakt's
   * environment may hold secrets (database passwords, tokens) that no plugin needs, and the C
   * locale keeps numbers with a decimal point, so output parses the same everywhere.
   */
  static final Map<String, String> ENVIRONMENT =
      Map.of("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LC_ALL", "C", "LANG", "C");

  private PluginProbeProcess() {}

  /**
   * What the command did.
   *
   * @param timedOut true when the deadline passed and the process tree was killed
   * @param exitCode the exit code, or -1 when it timed out
   * @param stdout what it wrote to standard output (up to {@link #MAX_OUTPUT} bytes)
   * @param stderr what it wrote to standard error (up to {@link #MAX_OUTPUT} bytes)
   */
  record Outcome(boolean timedOut, int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code command} in {@code directory} and waits until it exits or {@code deadline} passes.
   *
   * @throws IOException when the command cannot be started at all (missing, not executable)
   */
  static Outcome run(List<String> command, Path directory, Elapsed deadline) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(ENVIRONMENT);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    Capture stdout = Capture.of(process.getInputStream());
    Capture stderr = Capture.of(process.getErrorStream());
    try {
      if (!process.waitFor(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
        killTree(process);
        return new Outcome(true, -1, stdout.text(), stderr.text());
      }
      // The readers end at EOF, which a grandchild holding the pipe may delay: wait only until
      // the deadline, then judge by what arrived.
      stdout.awaitEnd(deadline.remaining());
      stderr.awaitEnd(deadline.remaining());
      return new Outcome(false, process.exitValue(), stdout.text(), stderr.text());
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      return new Outcome(true, -1, stdout.text(), stderr.text());
    }
  }

  /**
   * Kills the process and everything it started: a shell script's {@code sleep} would otherwise
   * live on, and keep the output pipe open. Children are listed before the parent dies, since an
   * orphan is no longer its descendant.
   */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** Reads one output stream on a virtual thread, keeping the first {@link #MAX_OUTPUT} bytes. */
  private static final class Capture {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread reader;

    private Capture(InputStream in) {
      this.reader =
          Thread.ofVirtual()
              .name("vakt-plugin-output")
              .start(
                  () -> {
                    byte[] buffer = new byte[8192];
                    try (in) {
                      for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (kept) {
                          kept.write(buffer, 0, Math.min(n, MAX_OUTPUT - kept.size()));
                        }
                      }
                    } catch (IOException e) {
                      // The pipe closed under us (process killed): keep what was read.
                    }
                  });
    }

    static Capture of(InputStream in) {
      return new Capture(in);
    }

    void awaitEnd(Duration limit) throws InterruptedException {
      reader.join(limit); // a zero limit does not wait
    }

    String text() {
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
