package dev.vakt.maintenance.runs;

import dev.vakt.proxmox.ProxmoxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Waits for something the Proxmox VE API will show (a task stopped, a guest on its target, a node
 * back): reads, and while not yet, sleeps the poll interval, until a deadline. A request that fails
 * for a passing reason (the node that answers the API is rebooting, a timeout, a 5xx) is read again
 * until the deadline; a refused token, a missing privilege, a changed certificate or an unknown
 * path fails at once, since waiting cannot fix them. Before each sleep it checks that the run is
 * still this process's, so a run marked interrupted is not continued.
 */
final class Poller {

  /** Failures that waiting does not cure. */
  static final Set<ProxmoxException.Kind> FATAL =
      Set.of(
          ProxmoxException.Kind.AUTHENTICATION,
          ProxmoxException.Kind.PERMISSION,
          ProxmoxException.Kind.PIN_MISMATCH,
          ProxmoxException.Kind.NOT_FOUND);

  /** Sleeps; tests pass a shorter one. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** One read: done with a value, or not yet and why. */
  record Poll<T>(T value, String notYet) {
    static <T> Poll<T> done(T value) {
      return new Poll<>(value, null);
    }

    static <T> Poll<T> notYet(String why) {
      return new Poll<>(null, why);
    }
  }

  /** A read of the API. */
  @FunctionalInterface
  interface Probe<T> {
    Poll<T> read() throws ProxmoxException, StepFailed;
  }

  /** The step cannot succeed; the reason is for the technician. */
  static final class StepFailed extends Exception {
    StepFailed(String reason) {
      super(reason);
    }
  }

  /** This process no longer owns the run (another marked it interrupted): stop, write nothing. */
  static final class Abandoned extends Exception {
    Abandoned() {
      super("the run is no longer owned by this process");
    }
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;
  private final BooleanSupplier owned;

  Instant now() {
    return clock.instant();
  }

  Poller(Clock clock, Sleeper sleeper, Duration interval, BooleanSupplier owned) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = interval;
    this.owned = owned;
  }

  /**
   * Reads until done or {@code timeout} passed.
   *
   * @param what what is awaited, for the failure, e.g. "pve2 back online"
   * @throws StepFailed on timeout (with the last reason) or a fatal API failure
   */
  <T> T await(Duration timeout, String what, Probe<T> probe)
      throws StepFailed, InterruptedException, Abandoned {
    return awaitUntil(clock.instant().plus(timeout), timeout, what, probe);
  }

  /** Reads until done or {@code deadline}; {@code budget} names the whole wait in the failure. */
  <T> T awaitUntil(Instant deadline, Duration budget, String what, Probe<T> probe)
      throws StepFailed, InterruptedException, Abandoned {
    String last = "nothing read yet";
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      try {
        Poll<T> p = probe.read();
        if (p.notYet() == null) {
          return p.value();
        }
        last = p.notYet();
      } catch (ProxmoxException e) {
        if (Thread.interrupted()) {
          throw new InterruptedException(); // the socket was closed by the interrupt
        }
        if (FATAL.contains(e.kind())) {
          throw new StepFailed(e.getMessage());
        }
        last = e.getMessage();
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new StepFailed(what + " did not happen within " + human(budget) + ": " + last);
      }
      pause();
    }
  }

  /** Sleeps one interval, after checking the run is still ours. */
  void pause() throws InterruptedException, Abandoned {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    checkOwned();
    sleeper.sleep(interval);
  }

  void checkOwned() throws Abandoned {
    if (!owned.getAsBoolean()) {
      throw new Abandoned();
    }
  }

  static String human(Duration d) {
    if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
      return d.toMinutes() + " min";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
