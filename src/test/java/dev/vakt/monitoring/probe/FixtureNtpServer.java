package dev.vakt.monitoring.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;

/**
 * A small NTP server on 127.0.0.1 (UDP) built from commons-net's {@link NtpV3Impl}: answers each
 * request with the given stratum and leap indicator and a clock deliberately off by {@code
 * offsetMillis}. It can also stay silent, send a kiss-o'-death, or fail to echo the client's
 * transmit time.
 */
final class FixtureNtpServer implements AutoCloseable {

  private final DatagramSocket socket;
  private final int stratum;
  private final int leap;
  private final long offsetMillis;
  private final String kissCode;
  private final boolean echo;
  private final boolean silent;

  private FixtureNtpServer(
      int stratum, int leap, long offsetMillis, String kissCode, boolean echo, boolean silent)
      throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.stratum = stratum;
    this.leap = leap;
    this.offsetMillis = offsetMillis;
    this.kissCode = kissCode;
    this.echo = echo;
    this.silent = silent;
    Thread.ofVirtual().name("fixture-ntp").start(this::serve);
  }

  /** A synchronised server at {@code stratum} whose clock is {@code offsetMillis} ahead. */
  static FixtureNtpServer synced(int stratum, long offsetMillis) throws IOException {
    return new FixtureNtpServer(
        stratum, NtpV3Packet.LI_NO_WARNING, offsetMillis, null, true, false);
  }

  /** A server with an arbitrary stratum and leap indicator. */
  static FixtureNtpServer with(int stratum, int leap) throws IOException {
    return new FixtureNtpServer(stratum, leap, 0, null, true, false);
  }

  /** A kiss-o'-death: stratum 0 and a four-letter code such as RATE or DENY. */
  static FixtureNtpServer kissOfDeath(String code) throws IOException {
    return new FixtureNtpServer(0, NtpV3Packet.LI_ALARM_CONDITION, 0, code, true, false);
  }

  /** Answers, but without echoing the client's transmit time (a stale or forged answer). */
  static FixtureNtpServer notEchoing() throws IOException {
    return new FixtureNtpServer(2, NtpV3Packet.LI_NO_WARNING, 0, null, false, false);
  }

  /** Receives and never answers. */
  static FixtureNtpServer silent() throws IOException {
    return new FixtureNtpServer(2, NtpV3Packet.LI_NO_WARNING, 0, null, true, true);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        NtpV3Impl request = new NtpV3Impl();
        DatagramPacket in = request.getDatagramPacket();
        socket.receive(in);
        if (silent) {
          continue;
        }
        TimeStamp now = TimeStamp.getNtpTime(System.currentTimeMillis() + offsetMillis);
        NtpV3Impl answer = new NtpV3Impl();
        answer.setMode(NtpV3Packet.MODE_SERVER);
        answer.setVersion(request.getVersion());
        answer.setLeapIndicator(leap);
        answer.setStratum(stratum);
        answer.setPoll(request.getPoll());
        answer.setPrecision(-20);
        answer.setReferenceId(kissCode == null ? 0x7f000001 : ascii(kissCode));
        answer.setReferenceTime(now);
        if (echo) {
          answer.setOriginateTimeStamp(request.getTransmitTimeStamp());
        }
        answer.setReceiveTimeStamp(now);
        answer.setTransmitTime(TimeStamp.getNtpTime(System.currentTimeMillis() + offsetMillis));
        DatagramPacket out = answer.getDatagramPacket();
        out.setSocketAddress(in.getSocketAddress());
        socket.send(out);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static int ascii(String code) {
    byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
    int id = 0;
    for (int i = 0; i < 4; i++) {
      id = (id << 8) | (i < bytes.length ? bytes[i] & 0xff : ' ');
    }
    return id;
  }

  @Override
  public void close() {
    socket.close();
  }
}
