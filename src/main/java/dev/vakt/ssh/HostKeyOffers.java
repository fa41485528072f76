package dev.vakt.ssh;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host keys servers showed that are not the approved one, by server: what an administrator sees
 * before approving a first key, or when investigating a changed one. Kept in memory: the next check
 * records the offer again after a restart.
 */
public final class HostKeyOffers {

  /**
   * A key a server showed.
   *
   * @param approved the fingerprint the inventory holds, or null before the first approval
   * @param offered the fingerprint the server showed
   * @param at when it was last seen
   */
  public record Offer(String server, String approved, String offered, Instant at) {
    /** Whether the server changed its key since approval: possibly an impostor. */
    public boolean changed() {
      return approved != null;
    }
  }

  private final Clock clock;
  private final Map<String, Offer> byServer = new ConcurrentHashMap<>();

  public HostKeyOffers(Clock clock) {
    this.clock = clock;
  }

  /** A server offered a host key other than the approved one. */
  public void offered(String server, String approved, String offered) {
    byServer.put(server, new Offer(server, approved, offered, clock.instant()));
  }

  /** The server connected with its approved key: no offer is pending any more. */
  public void matched(String server) {
    byServer.remove(server);
  }

  public Optional<Offer> of(String server) {
    return Optional.ofNullable(byServer.get(server));
  }
}
