package dev.vakt.monitoring;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Vakt's own endpoints, which no check may reach whatever the allowed networks (F2): its database
 * (the embedded PostgreSQL or the external one of {@code spring.datasource.url}), its HTTP port and
 * its management port on every local address, and its data directory in a plugin's arguments. A
 * check aimed at one is refused before a packet is sent: a check is a request Vakt makes with its
 * own network position, and must not become a way into Vakt itself.
 */
final class SelfEndpoints {

  /**
   * One protected endpoint.
   *
   * @param what a name for messages ("Vakt's database")
   * @param addresses the addresses it listens on; empty means every local address
   * @param port its port
   */
  record Endpoint(String what, List<InetAddress> addresses, int port) {}

  private final List<Endpoint> endpoints;
  private final List<String> dataDirectories;

  SelfEndpoints(List<Endpoint> endpoints, List<Path> dataDirectories) {
    this.endpoints = List.copyOf(endpoints);
    this.dataDirectories =
        dataDirectories.stream()
            .flatMap(SelfEndpoints::spellings)
            .filter(s -> s.length() > 1)
            .distinct()
            .toList();
  }

  static SelfEndpoints none() {
    return new SelfEndpoints(List.of(), List.of());
  }

  /** Why {@code address:port} is refused, or empty when it is not one of Vakt's own. */
  Optional<String> refusal(InetAddress address, int port) {
    for (Endpoint e : endpoints) {
      if (e.port() != port) {
        continue;
      }
      boolean hit =
          e.addresses().isEmpty()
              ? isLocal(address)
              : e.addresses().contains(address) || bothLocal(e, address);
      if (hit) {
        return Optional.of(
            "target "
                + address.getHostAddress()
                + ":"
                + port
                + " is "
                + e.what()
                + ": checks never reach Vakt itself, whatever the allowed networks");
      }
    }
    return Optional.empty();
  }

  /**
   * Why a plugin's arguments are refused: a word that is one of Vakt's own ports, or a path in its
   * data directory. Plugins reach what their arguments name; only these are read here, so the check
   * is conservative (a threshold that happens to equal the port is refused too).
   */
  Optional<String> refusal(List<String> arguments) {
    for (String argument : arguments) {
      for (String dir : dataDirectories) {
        if (argument.contains(dir)) {
          return Optional.of(
              "a plugin argument names Vakt's data directory: checks never reach Vakt itself");
        }
      }
      for (String word : argument.split("[^0-9]+")) {
        for (Endpoint e : endpoints) {
          if (word.equals(Integer.toString(e.port()))) {
            return Optional.of(
                "a plugin argument names port "
                    + e.port()
                    + ", "
                    + e.what()
                    + ": checks never reach Vakt itself, whatever the allowed networks");
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The endpoint listens on a local address and so does the target: same machine. */
  private static boolean bothLocal(Endpoint e, InetAddress address) {
    return isLocal(address) && e.addresses().stream().anyMatch(SelfEndpoints::isLocal);
  }

  /** An address of this machine: loopback, the wildcard, or one of its interfaces'. */
  static boolean isLocal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return true; // cannot tell: treat as local, refusing rather than risking Vakt itself
    }
  }

  /**
   * The endpoint a JDBC URL names ({@code jdbc:postgresql://host:port/db}, {@code
   * jdbc:mariadb://...}); the first host of a list. Empty for a URL without a host.
   */
  static Optional<Endpoint> database(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(jdbcUrl.substring(5).replaceFirst(",[^/]*", ""));
      String host = uri.getHost();
      if (host == null) {
        return Optional.empty();
      }
      int port =
          uri.getPort() > 0 ? uri.getPort() : "postgresql".equals(uri.getScheme()) ? 5432 : 3306;
      List<InetAddress> addresses = new ArrayList<>(List.of(InetAddress.getAllByName(host)));
      return Optional.of(new Endpoint("Vakt's own database", addresses, port));
    } catch (IllegalArgumentException | UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static java.util.stream.Stream<String> spellings(Path dir) {
    List<String> s = new ArrayList<>();
    Path absolute = dir.toAbsolutePath().normalize();
    s.add(absolute.toString());
    try {
      s.add(absolute.toRealPath().toString());
    } catch (java.io.IOException e) {
      // not there yet: the absolute spelling is all there is
    }
    return s.stream();
  }
}
