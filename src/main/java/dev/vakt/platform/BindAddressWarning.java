package dev.vakt.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warns when the API is reachable from beyond this machine: logins then cross the network, and need
 * TLS in front (ADR 0013).
 */
@Component
class BindAddressWarning {

  private static final Logger log = LoggerFactory.getLogger(BindAddressWarning.class);

  private final Environment env;

  BindAddressWarning(Environment env) {
    this.env = env;
  }

  @EventListener(ApplicationReadyEvent.class)
  void check() {
    String address = env.getProperty("server.address");
    if (!isLoopback(address)) {
      log.warn(
          "Vakt listens on {}: passwords, codes and session cookies cross the network. Serve it"
              + " only behind TLS (a reverse proxy with HTTPS), or bind to 127.0.0.1"
              + " (VAKT_BIND_ADDRESS).",
          address == null ? "all addresses" : address);
    }
  }

  /** Whether a Host header names this machine without a DNS look-up (none may be trusted here). */
  static boolean isLoopbackName(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")
        || h.equals("[::1]")
        || h.equals("::1");
  }

  static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
