package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.check;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks host names and URLs in the inventory. */
final class Endpoints {

  private Endpoints() {}

  static void checkHost(String field, String host) {
    check(
        host == null || host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[?[0-9a-fA-F:]+]?"),
        field,
        "'" + host + "' is not a host name or IP address");
  }

  static void checkUrl(String field, String url) {
    if (url == null) {
      return;
    }
    try {
      URI uri = new URI(url);
      check(
          uri.getScheme() != null && uri.getHost() != null,
          field,
          "'" + url + "' is not an absolute URL");
    } catch (URISyntaxException e) {
      throw new dev.vakt.common.InvalidField(field, "'" + url + "' is not a URL: " + e.getReason());
    }
  }

  static void checkPort(String field, Integer port) {
    check(port == null || (port >= 1 && port <= 65535), field, "must be a port from 1 to 65535");
  }
}
