package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.InvalidAttributeIdentifierException;

/**
 * DNS check: asks one server (not the system resolver) for a record of a name, optionally expecting
 * a value among the answers. Uses the JDK's own DNS client (the JNDI DNS provider), so no library
 * and no hand-written protocol code. NXDOMAIN, no record of the type, a missing expected value, a
 * server failure and no answer in time are CRITICAL.
 */
public final class DnsProbe implements Probe<CheckSpec.Dns> {

  private static final String FACTORY = "com.sun.jndi.dns.DnsContextFactory";

  /** Retries after the first query: UDP loses packets, so one lost datagram is not an outage. */
  private static final int RETRIES = 2;

  @Override
  public CheckResult check(CheckSpec.Dns spec) {
    return Elapsed.within(spec.timeout(), elapsed -> query(spec, elapsed));
  }

  private static CheckResult query(CheckSpec.Dns spec, Elapsed elapsed) {
    String type = spec.recordType().toUpperCase(Locale.ROOT);
    DirContext context = null;
    try {
      context = new InitialDirContext(environment(spec, elapsed));
      Attributes answer = context.getAttributes(spec.name(), new String[] {type});
      List<String> values = values(answer.get(type));
      Duration latency = elapsed.elapsed();
      if (values.isEmpty()) {
        return CheckResult.critical("no " + type + " record for " + spec.name(), latency);
      }
      String shown = Elapsed.firstLine(String.join(", ", values), 160);
      if (spec.expect() != null
          && !spec.expect().isBlank()
          && values.stream().noneMatch(v -> matches(v, spec.expect()))) {
        return CheckResult.critical(
            spec.name() + " " + type + " is " + shown + ", expected " + spec.expect(), latency);
      }
      return new CheckResult(
          CheckState.OK,
          spec.name() + " " + type + " " + shown + " in " + Elapsed.human(latency),
          latency,
          Map.of("time_ms", Elapsed.millis(latency)));
    } catch (NameNotFoundException e) {
      return CheckResult.critical(
          "NXDOMAIN: " + spec.name() + " does not exist", elapsed.elapsed());
    } catch (InvalidAttributeIdentifierException e) {
      return CheckResult.unknown("unsupported record type " + type, elapsed.elapsed());
    } catch (ServiceUnavailableException e) {
      return CheckResult.critical(
          "server failure (SERVFAIL) from " + spec.server() + ":" + spec.port(), elapsed.elapsed());
    } catch (CommunicationException e) {
      if (e.getRootCause() instanceof java.net.PortUnreachableException) {
        return CheckResult.critical(
            "no DNS server at " + spec.server() + ":" + spec.port() + " (port unreachable)",
            elapsed.elapsed());
      }
      // The JNDI client reports "no answer after all retries" as a CommunicationException.
      return elapsed.expired() || timedOut(e)
          ? elapsed.timedOut("waiting for " + spec.server() + ":" + spec.port())
          : CheckResult.critical("DNS query failed: " + reason(e), elapsed.elapsed());
    } catch (NoInitialContextException e) {
      return CheckResult.unknown(
          "the JDK's DNS client (module jdk.naming.dns) is not available", elapsed.elapsed());
    } catch (NamingException e) {
      return CheckResult.critical("DNS query failed: " + reason(e), elapsed.elapsed());
    } finally {
      close(context);
    }
  }

  /**
   * The JNDI environment: this server only, and a first wait of a third of the time left; the
   * provider doubles it per retry, so the first try and two retries just fit in the timeout.
   */
  private static Hashtable<String, Object> environment(CheckSpec.Dns spec, Elapsed elapsed) {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, FACTORY);
    String host = spec.server().contains(":") ? "[" + spec.server() + "]" : spec.server();
    env.put(Context.PROVIDER_URL, "dns://" + host + ":" + spec.port());
    long firstWait = Math.max(1, elapsed.remaining().toMillis() / ((1L << (RETRIES + 1)) - 1));
    env.put("com.sun.jndi.dns.timeout.initial", String.valueOf(firstWait));
    env.put("com.sun.jndi.dns.timeout.retries", String.valueOf(RETRIES + 1));
    return env;
  }

  private static List<String> values(Attribute attribute) throws NamingException {
    List<String> values = new ArrayList<>();
    if (attribute == null) {
      return values;
    }
    NamingEnumeration<?> all = attribute.getAll();
    while (all.hasMore()) {
      values.add(String.valueOf(all.next()));
    }
    return values;
  }

  /**
   * Whether an answer is the expected value: equal ignoring case, a trailing dot and TXT quotes, or
   * its last field (the host of an MX "10 mx.example.com." or SRV answer).
   */
  static boolean matches(String answer, String expected) {
    String a = normalise(answer);
    String e = normalise(expected);
    return a.equals(e) || a.endsWith(" " + e);
  }

  private static String normalise(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
  }

  private static boolean timedOut(NamingException e) {
    Throwable root = e.getRootCause();
    return root instanceof java.net.SocketTimeoutException
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out");
  }

  private static String reason(NamingException e) {
    Throwable root = e.getRootCause();
    return root != null ? Elapsed.oneLine(root) : Elapsed.oneLine(e);
  }

  private static void close(DirContext context) {
    if (context != null) {
      try {
        context.close();
      } catch (NamingException ignored) {
        // Nothing is held open between queries; closing is a formality.
      }
    }
  }
}
