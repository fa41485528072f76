package dev.vakt.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes of a stream and notes that more was discarded. */
final class Bounded extends OutputStream {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int limit;
  private boolean truncated;

  Bounded(int limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    if (kept.size() < limit) {
      kept.write(b);
    } else {
      truncated = true;
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int room = Math.max(0, limit - kept.size());
    kept.write(b, off, Math.min(room, len));
    truncated |= len > room;
  }

  synchronized String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }

  synchronized boolean truncated() {
    return truncated;
  }
}
