package dev.vakt.access;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * At most {@code vakt.access.logins-per-minute} login attempts per client address and minute, so
 * one client cannot try passwords across many accounts (each account's own lock-out stops guessing
 * at one). Kept in memory: a restart forgets it, the lock-out in the database does not.
 */
@Component
class LoginThrottle {

  private record Window(long minute, int count) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final AccessProperties properties;
  private final Clock clock;

  LoginThrottle(AccessProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Counts an attempt from {@code address}; false when it is over the limit. */
  boolean tryAcquire(String address) {
    long minute = clock.millis() / 60_000;
    if (windows.size() > 10_000) {
      windows.entrySet().removeIf(e -> e.getValue().minute() < minute);
    }
    Window w =
        windows.compute(
            address,
            (k, old) ->
                old == null || old.minute() != minute
                    ? new Window(minute, 1)
                    : new Window(minute, old.count() + 1));
    return w.count() <= properties.loginsPerMinute();
  }
}
