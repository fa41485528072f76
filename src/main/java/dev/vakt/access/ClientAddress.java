package dev.vakt.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client's address for login throttling and the audit log (F9; ADR 0017). {@code
 * X-Forwarded-For} is believed only when the direct peer is one of {@code
 * vakt.access.trusted-proxies}; then the right-most address in it that is not a trusted proxy is
 * the client (the left part of the header is whatever the client chose to send). Without trusted
 * proxies, or from any other peer, the peer's own address is the client: a forged header changes
 * nothing.
 */
@Component
class ClientAddress {

  private final List<IpAddressMatcher> trusted;

  ClientAddress(AccessProperties properties) {
    this.trusted = properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
  }

  String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops = new java.util.ArrayList<>();
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!isTrusted(hop)) {
        return validAddress(hop) ? hop : peer;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    if (!validAddress(address)) {
      return false;
    }
    return trusted.stream().anyMatch(m -> m.matches(address));
  }

  /** A literal IPv4 or IPv6 address only: never a name to resolve, never garbage to store. */
  private static boolean validAddress(String s) {
    return s != null
        && s.length() <= 45
        && (s.matches("[0-9.]+") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+")));
  }
}
