package dev.vakt.monitoring;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.CheckSettings;
import dev.vakt.common.Codes;
import dev.vakt.common.Percent;
import dev.vakt.common.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The typed settings of one check, one record per kind of check (MON-1, MON-4, MON-6). Each
 * validates in its constructor; {@code timeout} bounds every check.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CheckSpec.Tcp.class, name = "tcp"),
  @JsonSubTypes.Type(value = CheckSpec.Http.class, name = "http"),
  @JsonSubTypes.Type(value = CheckSpec.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = CheckSpec.Ssh.class, name = "ssh"),
  @JsonSubTypes.Type(value = CheckSpec.Mail.class, name = "mail"),
  @JsonSubTypes.Type(value = CheckSpec.Ftp.class, name = "ftp"),
  @JsonSubTypes.Type(value = CheckSpec.Ntp.class, name = "ntp"),
  @JsonSubTypes.Type(value = CheckSpec.Sql.class, name = "sql"),
  @JsonSubTypes.Type(value = CheckSpec.Dns.class, name = "dns"),
  @JsonSubTypes.Type(value = CheckSpec.Plugin.class, name = "plugin"),
  @JsonSubTypes.Type(value = CheckSpec.Host.class, name = "host"),
  @JsonSubTypes.Type(value = CheckSpec.Access.class, name = "access"),
  @JsonSubTypes.Type(value = CheckSpec.Proxmox.class, name = "proxmox")
})
public sealed interface CheckSpec {

  /** The longest the check may take; then it is CRITICAL ("timed out after ..."). */
  Duration timeout();

  /** What is checked, for messages: {@code host:port} or a URL. */
  String target();

  /** Transport security of a connection. */
  enum Tls {
    /** Plain text. */
    NONE,
    /** Plain connection upgraded with STARTTLS / STLS / AUTH TLS. */
    STARTTLS,
    /** TLS from the first byte (SMTPS 465, POP3S 995, IMAPS 993, FTPS 990, HTTPS). */
    IMPLICIT;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** A TCP port accepts connections; optionally send a line and expect a text in the answer. */
  record Tcp(
      String host, int port, Duration timeout, Duration warnAfter, String send, String expect)
      implements CheckSpec {
    public Tcp {
      Specs.endpoint(host, port, timeout);
    }

    @Override
    public String target() {
      return host + ":" + port;
    }
  }

  /**
   * An HTTP(S) URL answers with an expected status (any 2xx/3xx when none is given), optionally
   * containing a text, within latency thresholds; for HTTPS, days until the certificate expires.
   */
  record Http(
      URI url,
      Duration timeout,
      Set<Integer> expectStatus,
      String bodyContains,
      Duration warnAfter,
      Duration criticalAfter,
      Integer certWarnDays,
      Integer certCriticalDays,
      Boolean followRedirects)
      implements CheckSpec {
    public Http {
      required("url", url);
      check(
          "http".equals(url.getScheme()) || "https".equals(url.getScheme()),
          "url",
          "must be an http:// or https:// URL");
      Specs.timeout(timeout);
      expectStatus = expectStatus == null ? Set.of() : Set.copyOf(expectStatus);
      expectStatus.forEach(
          s -> check(s >= 100 && s <= 599, "expectStatus", s + " is not an HTTP status"));
      Specs.certDays(certWarnDays, certCriticalDays);
    }

    @Override
    public String target() {
      return url.toString();
    }
  }

  /** ICMP echo through the system's {@code ping} (real ICMP, never a TCP fallback: MON-1). */
  record Ping(
      String host,
      Duration timeout,
      int packets,
      Duration warnRtt,
      Duration criticalRtt,
      Percent warnLoss,
      Percent criticalLoss)
      implements CheckSpec {
    public Ping {
      required("host", host);
      Specs.timeout(timeout);
      check(packets >= 1 && packets <= 20, "packets", "must be 1 to 20");
    }

    @Override
    public String target() {
      return host;
    }
  }

  /** An SSH server's banner, and optionally a key login (MON-1). */
  record Ssh(
      String host, int port, Duration timeout, String expectBanner, String user, SecretRef key)
      implements CheckSpec {
    public Ssh {
      Specs.endpoint(host, port, timeout);
      check(key == null || user != null, "user", "a key login needs a user");
    }

    @Override
    public String target() {
      return host + ":" + port;
    }
  }

  /** SMTP (banner, EHLO, STARTTLS), POP3 or IMAP, plain or TLS (MON-6). */
  record Mail(
      Protocol protocol,
      String host,
      int port,
      Tls tls,
      Duration timeout,
      String expectBanner,
      Integer certWarnDays,
      Integer certCriticalDays)
      implements CheckSpec {
    public Mail {
      required("protocol", protocol);
      Specs.endpoint(host, port, timeout);
      tls = tls == null ? Tls.NONE : tls;
      Specs.certDays(certWarnDays, certCriticalDays);
    }

    @Override
    public String target() {
      return protocol.code() + "://" + host + ":" + port;
    }

    /** The mail protocols. */
    public enum Protocol {
      SMTP,
      POP3,
      IMAP;

      @JsonValue
      public String code() {
        return Codes.of(this);
      }
    }
  }

  /** An FTP server's greeting, optionally a login (MON-6). */
  record Ftp(
      String host,
      int port,
      Duration timeout,
      Tls tls,
      String expectBanner,
      String user,
      SecretRef password)
      implements CheckSpec {
    public Ftp {
      Specs.endpoint(host, port, timeout);
      tls = tls == null ? Tls.NONE : tls;
      check(password == null || user != null, "user", "a login needs a user");
    }

    @Override
    public String target() {
      return host + ":" + port;
    }
  }

  /** An NTP server's clock offset and stratum (MON-6). */
  record Ntp(
      String host,
      int port,
      Duration timeout,
      Duration warnOffset,
      Duration criticalOffset,
      Integer maxStratum)
      implements CheckSpec {
    public Ntp {
      Specs.endpoint(host, port, timeout);
      check(
          warnOffset == null || criticalOffset == null || warnOffset.compareTo(criticalOffset) <= 0,
          "warnOffset",
          "must not exceed criticalOffset");
      check(
          maxStratum == null || (maxStratum >= 1 && maxStratum <= 15),
          "maxStratum",
          "must be 1 to 15");
    }

    @Override
    public String target() {
      return host + ":" + port;
    }
  }

  /** A PostgreSQL or MySQL/MariaDB server accepts a login, optionally answering a query (MON-6). */
  record Sql(
      Engine engine,
      String host,
      int port,
      String database,
      String user,
      SecretRef password,
      String query,
      Duration timeout)
      implements CheckSpec {
    public Sql {
      required("engine", engine);
      Specs.endpoint(host, port, timeout);
      required("user", user);
      CheckSettings.databaseName("database", database);
      CheckSettings.singleStatement("query", query);
    }

    @Override
    public String target() {
      return engine.code() + "://" + host + ":" + port + (database == null ? "" : "/" + database);
    }

    /** Database engines. */
    public enum Engine {
      POSTGRESQL,
      MYSQL;

      @JsonValue
      public String code() {
        return Codes.of(this);
      }
    }
  }

  /** A DNS server answers a query for a name, optionally with an expected value. */
  record Dns(
      String server, int port, String name, String recordType, String expect, Duration timeout)
      implements CheckSpec {
    public Dns {
      Specs.endpoint(server, port, timeout);
      required("name", name);
      recordType = recordType == null ? "A" : recordType;
    }

    @Override
    public String target() {
      return name + " @" + server + ":" + port;
    }
  }

  /**
   * Any Nagios/Monitoring-Plugins compatible executable: exit codes 0/1/2/3 and performance data
   * after {@code |} (MON-4). {@code command} is the plugin's file name, found in the configured
   * plugin directories ({@code vakt.monitoring.plugin-directories}); a path is refused (F1).
   */
  record Plugin(String command, List<String> arguments, Duration timeout) implements CheckSpec {
    public Plugin {
      required("command", command);
      CheckSettings.pluginName("command", command);
      CheckSettings.pluginArguments("arguments", arguments);
      arguments = arguments == null ? List.of() : List.copyOf(arguments);
      Specs.timeout(timeout);
    }

    @Override
    public String target() {
      return command;
    }
  }

  /**
   * A host-level check run over SSH with no agent (MON-2, MON-3, MON-5, MON-6, MON-12): the reader
   * for {@code check} says which read-only commands to run and judges their output.
   *
   * @param ssh where and as whom; the host key must be approved before anything runs
   * @param thresholds the contract's levels; null for Vakt's defaults
   * @param proxmox the contract's Proxmox VE policy (MON-12); null requires both
   * @param zone the contract's time zone, for the day end-of-life dates are judged on
   */
  record Host(
      dev.vakt.ssh.SshCommands.Target ssh,
      dev.vakt.contract.MonitoringTerms.HostCheck check,
      Duration timeout,
      dev.vakt.contract.MonitoringTerms.Thresholds thresholds,
      dev.vakt.contract.MonitoringTerms.ProxmoxPolicy proxmox,
      java.time.ZoneId zone)
      implements CheckSpec {
    public Host {
      required("ssh", ssh);
      required("check", check);
      Specs.timeout(timeout);
      zone = zone == null ? java.time.ZoneOffset.UTC : zone;
    }

    @Override
    public String target() {
      return check.code() + " on " + ssh.user() + "@" + ssh.host() + ":" + ssh.port();
    }
  }

  /**
   * The provider's access path works (ACC-1): the SSH login, and {@code sudo -n} where the
   * inventory says so. A server that does not answer is UNKNOWN here (it is down, which its service
   * checks count); one that answers and refuses the provider is CRITICAL: access lost.
   */
  record Access(dev.vakt.ssh.SshCommands.Target ssh, Duration timeout) implements CheckSpec {
    public Access {
      required("ssh", ssh);
      Specs.timeout(timeout);
    }

    @Override
    public String target() {
      return ssh.user() + "@" + ssh.host() + ":" + ssh.port() + (ssh.sudo() ? " with sudo" : "");
    }
  }

  /**
   * A host check of a Proxmox VE node through the cluster's API (MON-2, MON-3, MON-5, MON-12), with
   * the same verdicts as over SSH; used where the provider has no SSH access to the node.
   *
   * @param apiUrl the cluster's API, e.g. {@code https://10.0.0.5:8006/api2/json}
   * @param token the API token's secret reference; resolved only when the check runs
   * @param fingerprint the API certificate's pinned SHA-256, or null to trust the JVM's CAs
   * @param server the inventory's server id; the node is the cluster member with {@code address} as
   *     its IP, else the one named like the server
   */
  record Proxmox(
      String apiUrl,
      dev.vakt.common.SecretRef token,
      String fingerprint,
      String server,
      String address,
      dev.vakt.contract.MonitoringTerms.HostCheck check,
      Duration timeout,
      dev.vakt.contract.MonitoringTerms.Thresholds thresholds,
      dev.vakt.contract.MonitoringTerms.ProxmoxPolicy proxmox,
      java.time.ZoneId zone)
      implements CheckSpec {
    public Proxmox {
      required("apiUrl", apiUrl);
      required("token", token);
      required("server", server);
      required("address", address);
      required("check", check);
      Specs.timeout(timeout);
      zone = zone == null ? java.time.ZoneOffset.UTC : zone;
    }

    @Override
    public String target() {
      return check.code() + " of " + server + " via " + apiUrl;
    }
  }
}
