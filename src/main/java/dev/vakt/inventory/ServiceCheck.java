package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.CheckSettings;
import dev.vakt.common.Codes;
import dev.vakt.common.InvalidField;
import dev.vakt.common.SecretRef;
import dev.vakt.common.ServiceType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a service is checked beyond its type, host and port (MON-1, MON-6): what its banner says,
 * which credentials log in, which name a DNS server must resolve. Interval, timeout and thresholds
 * come from the contract; these are facts about the one service. A setting on a type it does not
 * apply to is refused, so a typo never silently checks less than intended.
 *
 * @param tls plain, STARTTLS or TLS from the first byte (mail, FTP)
 * @param expectBanner a text the greeting must contain (SSH, mail, FTP)
 * @param send a line to send after connecting (TCP, antispam, antivirus)
 * @param expect a text the answer must contain (TCP, antispam, antivirus)
 * @param expectStatus the HTTP statuses that are OK; any 2xx or 3xx when absent
 * @param bodyContains a text the HTTP answer must contain
 * @param user login name (databases, FTP, SSH key login)
 * @param password password by reference (databases, FTP); never the password itself
 * @param key private key by reference for an SSH login
 * @param database database to connect to, a plain database name
 * @param query one statement that must succeed in a read-only transaction, e.g. {@code select 1}
 * @param name the name a DNS server is asked for
 * @param recordType the DNS record type, A when absent
 * @param expectAnswer a text one DNS answer must contain
 * @param command a Nagios/Monitoring-Plugins executable by file name ({@code check_clamd}), looked
 *     up in the server's configured plugin directories; never a path (plugin, antispam, antivirus)
 * @param arguments its arguments
 */
public record ServiceCheck(
    Tls tls,
    String expectBanner,
    String send,
    String expect,
    List<Integer> expectStatus,
    String bodyContains,
    String user,
    SecretRef password,
    SecretRef key,
    String database,
    String query,
    String name,
    String recordType,
    String expectAnswer,
    String command,
    List<String> arguments) {

  private static final Set<ServiceType> MAIL =
      EnumSet.of(ServiceType.SMTP, ServiceType.POP3, ServiceType.IMAP);
  private static final Set<ServiceType> DATABASES =
      EnumSet.of(ServiceType.MYSQL, ServiceType.POSTGRESQL);
  private static final Set<ServiceType> RUNS_PLUGINS =
      EnumSet.of(ServiceType.PLUGIN, ServiceType.ANTISPAM, ServiceType.ANTIVIRUS);
  private static final Set<ServiceType> LINE_PROTOCOLS =
      EnumSet.of(ServiceType.TCP, ServiceType.ANTISPAM, ServiceType.ANTIVIRUS);

  public ServiceCheck {
    expectStatus = expectStatus == null ? null : List.copyOf(expectStatus);
    if (expectStatus != null) {
      expectStatus.forEach(
          s ->
              check(
                  s != null && s >= 100 && s <= 599, "expectStatus", s + " is not an HTTP status"));
    }
    CheckSettings.pluginArguments("arguments", arguments);
    arguments = arguments == null ? null : List.copyOf(arguments);
    if (command != null) {
      CheckSettings.pluginName("command", command);
    }
    CheckSettings.databaseName("database", database);
    CheckSettings.singleStatement("query", query);
    check(arguments == null || command != null, "arguments", "are the arguments of a command");
    check(password == null || user != null, "user", "a password needs a user");
    check(key == null || user != null, "user", "a key login needs a user");
    check(
        recordType == null || recordType.matches("[A-Z]{1,10}"),
        "recordType",
        "is a DNS record type such as A, AAAA, MX, TXT");
  }

  /** Transport security of a mail or FTP service. */
  public enum Tls {
    NONE,
    STARTTLS,
    IMPLICIT;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * Refuses settings that do not apply to {@code type}, naming the setting and the types it is for.
   */
  void checkAppliesTo(ServiceType type) {
    applies(type, "tls", tls, union(MAIL, EnumSet.of(ServiceType.FTP)));
    applies(
        type,
        "expectBanner",
        expectBanner,
        union(MAIL, EnumSet.of(ServiceType.SSH, ServiceType.FTP)));
    applies(type, "send", send, LINE_PROTOCOLS);
    applies(type, "expect", expect, LINE_PROTOCOLS);
    applies(type, "expectStatus", expectStatus, EnumSet.of(ServiceType.HTTP, ServiceType.HTTPS));
    applies(type, "bodyContains", bodyContains, EnumSet.of(ServiceType.HTTP, ServiceType.HTTPS));
    applies(type, "user", user, union(DATABASES, EnumSet.of(ServiceType.FTP, ServiceType.SSH)));
    applies(type, "password", password, union(DATABASES, EnumSet.of(ServiceType.FTP)));
    applies(type, "key", key, EnumSet.of(ServiceType.SSH));
    applies(type, "database", database, DATABASES);
    applies(type, "query", query, DATABASES);
    applies(type, "name", name, EnumSet.of(ServiceType.DNS));
    applies(type, "recordType", recordType, EnumSet.of(ServiceType.DNS));
    applies(type, "expectAnswer", expectAnswer, EnumSet.of(ServiceType.DNS));
    applies(type, "command", command, RUNS_PLUGINS);
    check(query == null || user != null, "query", "runs after a login: set user too");
  }

  private static void applies(ServiceType type, String field, Object value, Set<ServiceType> to) {
    if (value != null && !to.contains(type)) {
      throw new InvalidField(
          field,
          "does not apply to a "
              + type.code()
              + " service; it is for "
              + String.join(", ", to.stream().map(ServiceType::code).toList()));
    }
  }

  private static Set<ServiceType> union(Set<ServiceType> a, Set<ServiceType> b) {
    Set<ServiceType> all = EnumSet.copyOf(a);
    all.addAll(b);
    return all;
  }
}
