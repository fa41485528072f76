package dev.vakt.monitoring;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses checks may reach. Loopback only by default, so that a demo, a test or a benchmark
 * never sends traffic to another machine; production widens it explicitly. A target outside the
 * policy is reported UNKNOWN without a single packet sent.
 */
final class TargetPolicy {

  private record Block(byte[] network, int prefix) {}

  private final List<Block> blocks;
  private final List<String> text;

  TargetPolicy(List<String> cidrs) {
    this.text = List.copyOf(cidrs);
    this.blocks = cidrs.stream().map(TargetPolicy::parse).toList();
  }

  /** Whether every address {@code host} resolves to lies in an allowed block. */
  boolean allows(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(strip(host));
      for (InetAddress a : addresses) {
        if (!allows(a)) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether {@code address} lies in an allowed block. */
  boolean allows(InetAddress address) {
    return blocks.stream().anyMatch(b -> contains(b, address.getAddress()));
  }

  String describe() {
    return String.join(", ", text);
  }

  static String strip(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Block parse(String cidr) {
    int slash = cidr.indexOf('/');
    String address = (slash < 0 ? cidr : cidr.substring(0, slash)).trim();
    if (!address.matches("[0-9.]+|[0-9a-fA-F:.]+") || !address.matches(".*[.:].*")) {
      // Literals only: a name here would be resolved through DNS at start-up.
      throw new IllegalArgumentException(
          "vakt.monitoring.allowed-targets: '" + cidr + "' is not a CIDR block");
    }
    try {
      byte[] net = InetAddress.getByName(address).getAddress();
      int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
      if (prefix < 0 || prefix > net.length * 8) {
        throw new IllegalArgumentException("prefix out of range");
      }
      return new Block(net, prefix);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "vakt.monitoring.allowed-targets: '" + cidr + "' is not a CIDR block");
    }
  }

  private static boolean contains(Block b, byte[] address) {
    if (address.length != b.network().length) {
      return false;
    }
    int bits = address.length * 8;
    BigInteger mask =
        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(b.prefix()).not();
    BigInteger a = new BigInteger(1, address).and(mask);
    BigInteger n = new BigInteger(1, b.network()).and(mask);
    return a.equals(n);
  }
}
