package dev.vakt.monitoring.probe;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where a redirect leads, as the JDK client's {@code Redirect.NORMAL} would follow it (never from
 * HTTPS down to HTTP, at most five hops), for {@link HttpProbe} to follow itself: each hop then
 * passes the guard the check's own URL passed, so a redirect cannot lead a check outside the
 * allowed networks or to Vakt itself (issue 16, F2).
 */
final class HttpRedirects {

  /** The JDK client's own default limit ({@code jdk.httpclient.redirects.retrylimit}). */
  static final int MAX_HOPS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private HttpRedirects() {}

  /**
   * The URL a response with {@code status} and {@code location} redirects to, or empty when it is
   * not a redirect to follow.
   */
  static Optional<URI> next(URI from, int status, Optional<String> location) {
    if (!REDIRECTS.contains(status)) {
      return Optional.empty();
    }
    if (location.isEmpty()) {
      return Optional.empty();
    }
    URI to;
    try {
      to = from.resolve(location.get().strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a malformed Location: judged as the 3xx it is
    }
    String scheme = to.getScheme();
    boolean web = "http".equals(scheme) || "https".equals(scheme);
    boolean downgrade = "https".equals(from.getScheme()) && "http".equals(scheme);
    return web && !downgrade && to.getHost() != null ? Optional.of(to) : Optional.empty();
  }
}
