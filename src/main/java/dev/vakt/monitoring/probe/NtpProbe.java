package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeInfo;

/**
 * MON-6: an NTP server answers with a usable time. Reports the clock offset between this machine
 * and the server ({@code offset_ms}, rated against {@code warnOffset} / {@code criticalOffset}) and
 * the server's {@code stratum} (CRITICAL above {@code maxStratum}). A server that is not
 * synchronised (stratum 16 or leap indicator 3) or sends a kiss-o'-death (stratum 0, e.g. RATE or
 * DENY) is CRITICAL whatever its offset: its time must not be used. No answer within the timeout is
 * CRITICAL: UDP has no "connection refused" to tell a stopped server from a lost packet.
 */
public final class NtpProbe implements Probe<CheckSpec.Ntp> {

  /** NTP's "unsynchronised" stratum (RFC 5905). */
  private static final int UNSYNCHRONISED = 16;

  /** Tolerance when matching the echoed transmit time: NTP time to milliseconds may round. */
  private static final long ECHO_TOLERANCE_MS = 2;

  @Override
  public CheckResult check(CheckSpec.Ntp spec) {
    return Banners.converse(
        spec.timeout(), talk -> ask(spec, talk), (failure, talk) -> talk.failed(failure));
  }

  private CheckResult ask(CheckSpec.Ntp spec, Banners.Conversation talk) throws IOException {
    talk.step("resolving " + spec.host());
    InetAddress server = InetAddress.getByName(spec.host());
    try (NTPUDPClient client = new NTPUDPClient()) {
      client.setDefaultTimeout(talk.remaining().plusMillis(1));
      client.setVersion(NtpV3Packet.VERSION_4);
      client.open();
      talk.hangUpWith(client);
      talk.step("waiting for the NTP answer");
      long sent = System.currentTimeMillis();
      TimeInfo info = client.getTime(server, spec.port());
      info.computeDetails();
      return rate(spec, talk, info, sent);
    }
  }

  private static CheckResult rate(
      CheckSpec.Ntp spec, Banners.Conversation talk, TimeInfo info, long sent) {
    NtpV3Packet answer = info.getMessage();
    if (answer.getMode() != NtpV3Packet.MODE_SERVER) {
      return talk.critical("not an NTP server answer (mode " + answer.getModeName() + ")");
    }
    long echoed = answer.getOriginateTimeStamp().getTime();
    if (echoed < sent - ECHO_TOLERANCE_MS || echoed > info.getReturnTime() + ECHO_TOLERANCE_MS) {
      // RFC 5905: the server echoes our transmit time; anything else is a stale or forged answer.
      return talk.critical("the NTP answer does not match the request (origin time not echoed)");
    }
    int stratum = answer.getStratum();
    if (stratum == 0) {
      return talk.critical(
          "kiss-o'-death "
              + Banners.quote(answer.getReferenceIdString())
              + " (stratum 0): the server refuses to give the time");
    }
    if (stratum >= UNSYNCHRONISED || answer.getLeapIndicator() == NtpV3Packet.LI_ALARM_CONDITION) {
      return talk.critical(
          "the server's clock is not synchronised (stratum "
              + stratum
              + ", leap indicator "
              + answer.getLeapIndicator()
              + ")");
    }
    Long offset = info.getOffset();
    if (offset == null) {
      return talk.unknown("the NTP answer has no usable timestamps, stratum " + stratum);
    }
    Map<String, BigDecimal> metrics = new TreeMap<>();
    metrics.put("offset_ms", BigDecimal.valueOf(offset));
    metrics.put("stratum", BigDecimal.valueOf(stratum));
    if (info.getDelay() != null) {
      metrics.put("delay_ms", BigDecimal.valueOf(info.getDelay()));
    }
    String measured = "NTP offset " + signed(offset) + " ms";
    if (spec.maxStratum() != null && stratum > spec.maxStratum()) {
      return talk.result(
          CheckState.CRITICAL,
          "NTP stratum " + stratum + " above the maximum " + spec.maxStratum() + ", " + measured,
          metrics);
    }
    Duration distance = Duration.ofMillis(Math.abs(offset));
    if (spec.criticalOffset() != null && distance.compareTo(spec.criticalOffset()) > 0) {
      return talk.result(
          CheckState.CRITICAL,
          measured
              + " exceeds the critical "
              + Elapsed.human(spec.criticalOffset())
              + ", stratum "
              + stratum,
          metrics);
    }
    if (spec.warnOffset() != null && distance.compareTo(spec.warnOffset()) > 0) {
      return talk.result(
          CheckState.WARNING,
          measured
              + " exceeds the warning "
              + Elapsed.human(spec.warnOffset())
              + ", stratum "
              + stratum,
          metrics);
    }
    return talk.result(CheckState.OK, measured + ", stratum " + stratum, metrics);
  }

  private static String signed(long value) {
    return value > 0 ? "+" + value : Long.toString(value);
  }
}
