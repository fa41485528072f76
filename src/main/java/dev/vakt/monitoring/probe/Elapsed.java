package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One check's stopwatch and hard deadline, on the monotonic clock ({@link System#nanoTime}): wall
 * clock jumps (NTP steps, a VM resumed) must not turn into latency or into a missed deadline.
 */
final class Elapsed {

  private final long started = System.nanoTime();
  private final Duration timeout;

  private Elapsed(Duration timeout) {
    this.timeout = timeout;
  }

  /** Starts the stopwatch for a check that may take at most {@code timeout}. */
  static Elapsed start(Duration timeout) {
    return new Elapsed(timeout);
  }

  /**
   * Runs {@code body} on its own virtual thread and waits at most {@code timeout} for its verdict.
   * Socket and process timeouts alone do not bound a check: name lookups have none, and a server
   * that sends one byte a second never trips a read timeout. At the deadline the body's thread is
   * interrupted (which closes a socket it is blocked on) and the verdict is CRITICAL "timed out".
   * Anything the body throws becomes UNKNOWN: a probe bug must not read as an outage.
   */
  static CheckResult within(Duration timeout, Function<Elapsed, CheckResult> body) {
    Elapsed elapsed = start(timeout);
    CompletableFuture<CheckResult> verdict = new CompletableFuture<>();
    Thread worker =
        Thread.ofVirtual()
            .name("vakt-probe")
            .start(
                () -> {
                  try {
                    verdict.complete(body.apply(elapsed));
                  } catch (Throwable t) {
                    verdict.completeExceptionally(t);
                  }
                });
    try {
      return verdict.get(elapsed.remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      worker.interrupt();
      return elapsed.timedOut();
    } catch (ExecutionException e) {
      return CheckResult.unknown("probe error: " + oneLine(e.getCause()), elapsed.elapsed());
    } catch (InterruptedException e) {
      // The scheduler is shutting down: stop the work and keep the interrupt for the caller.
      worker.interrupt();
      Thread.currentThread().interrupt();
      return CheckResult.unknown("check interrupted", elapsed.elapsed());
    }
  }

  /** Time since the start. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Time left before the deadline, never negative. */
  Duration remaining() {
    Duration left = timeout.minus(elapsed());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The time left as a socket timeout: at least 1 ms, since 0 means "wait forever" there. */
  int remainingMillis() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining().toMillis()));
  }

  boolean expired() {
    return remaining().isZero();
  }

  Duration timeout() {
    return timeout;
  }

  /** CRITICAL "timed out after 2 s": the verdict {@code CheckSpec.timeout()} promises. */
  CheckResult timedOut() {
    return CheckResult.critical("timed out after " + human(timeout), elapsed());
  }

  /** CRITICAL "timed out after 2 s" followed by what the check was waiting for. */
  CheckResult timedOut(String waitingFor) {
    return CheckResult.critical("timed out after " + human(timeout) + " " + waitingFor, elapsed());
  }

  /** The elapsed time as the {@code time_ms} metric. */
  BigDecimal millis() {
    return millis(elapsed());
  }

  /** A duration in milliseconds with microsecond precision, for {@code *_ms} metrics. */
  static BigDecimal millis(Duration duration) {
    return BigDecimal.valueOf(duration.toNanos())
        .movePointLeft(6)
        .setScale(3, RoundingMode.HALF_UP);
  }

  /** A duration for people: "0.4 ms", "850 ms", "2 s", "1.5 s". */
  static String human(Duration duration) {
    long ms = duration.toMillis();
    if (ms < 1) {
      return millis(duration).stripTrailingZeros().toPlainString() + " ms";
    }
    if (ms < 1000) {
      return ms + " ms";
    }
    return BigDecimal.valueOf(ms).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
  }

  /** An exception as one short line: its message, or its type when it has none. */
  static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return firstLine(message, 200);
  }

  /** The first line of {@code text}, control characters replaced, cut at {@code max} chars. */
  static String firstLine(String text, int max) {
    String line = text.strip();
    int end = line.indexOf('\n');
    if (end >= 0) {
      line = line.substring(0, end).strip();
    }
    StringBuilder out = new StringBuilder(Math.min(line.length(), max));
    for (int i = 0; i < line.length() && out.length() < max; i++) {
      char c = line.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return line.length() > out.length() ? out + "..." : out.toString();
  }
}
