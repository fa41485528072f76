package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.required;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Ids;
import dev.vakt.common.InvalidField;
import dev.vakt.common.ServiceType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A service a server runs (INV-2).
 *
 * @param id service id
 * @param server the server it runs on
 * @param type what it is
 * @param software the program, e.g. vsftpd, Apache, Postfix
 * @param host where to reach it; the server's address when absent
 * @param port the port; the type's standard port when absent
 * @param url for HTTP(S): the URL to check
 * @param installedBy who installed it: the provider patches and watches only its own (SWH 2, MNT-9)
 * @param monitored whether Vakt watches it; absent means "when the contract says so"
 * @param check how it is checked beyond type, host and port: banner, credentials, DNS name
 * @param packages the Debian packages of the software, each a name or a prefix ending in {@code *}
 *     ({@code php8.2-*}): with {@code installedBy}, what the provider's patching leaves out (MNT-9)
 * @param dependsOn the service this one needs to work (a database behind a web shop, say): while
 *     that one is down, this one's outage is part of the same incident and told no further (issue
 *     32). Absent: the server's ping service is its parent
 */
public record Service(
    String id,
    String server,
    ServiceType type,
    String software,
    String host,
    Integer port,
    String url,
    InstalledBy installedBy,
    Boolean monitored,
    ServiceCheck check,
    List<String> packages,
    String dependsOn) {

  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.\\-]*\\*?");

  /** A service without a package list. */
  public Service(
      String id,
      String server,
      ServiceType type,
      String software,
      String host,
      Integer port,
      String url,
      InstalledBy installedBy,
      Boolean monitored,
      ServiceCheck check) {
    this(id, server, type, software, host, port, url, installedBy, monitored, check, null, null);
  }

  /** A service without a declared dependency. */
  public Service(
      String id,
      String server,
      ServiceType type,
      String software,
      String host,
      Integer port,
      String url,
      InstalledBy installedBy,
      Boolean monitored,
      ServiceCheck check,
      List<String> packages) {
    this(
        id, server, type, software, host, port, url, installedBy, monitored, check, packages, null);
  }

  public Service {
    Ids.require("id", id);
    Ids.require("server", server);
    required("type", type);
    required("installedBy", installedBy);
    Ids.optional("dependsOn", dependsOn);
    InvalidField.check(!id.equals(dependsOn), "dependsOn", "a service cannot depend on itself");
    Endpoints.checkHost("host", host);
    Endpoints.checkPort("port", port);
    Endpoints.checkUrl("url", url);
    InvalidField.check(
        url == null || type == ServiceType.HTTP || type == ServiceType.HTTPS,
        "url",
        "only HTTP and HTTPS services have a URL");
    InvalidField.check(
        type != ServiceType.PLUGIN || (check != null && check.command() != null),
        "check/command",
        "a plugin service names the plugin to run");
    packages = packages == null ? null : List.copyOf(packages);
    if (packages != null) {
      for (String p : packages) {
        InvalidField.check(
            p != null && PACKAGE.matcher(p).matches(),
            "packages",
            "'" + p + "' is not a Debian package name, or a prefix ending in *");
      }
    }
    if (check != null) {
      try {
        check.checkAppliesTo(type);
      } catch (InvalidField e) {
        throw new InvalidField("check/" + e.field(), e.reason());
      }
    }
  }

  /**
   * The package patterns of this service's software: its {@code packages}, else its {@code
   * software} when that is itself a package name ({@code vsftpd}, {@code nginx}); empty otherwise.
   */
  public List<String> packagePatterns() {
    if (packages != null) {
      return packages;
    }
    if (software == null) {
      return List.of();
    }
    String name = software.strip().toLowerCase(java.util.Locale.ROOT);
    return PACKAGE.matcher(name).matches() && !name.endsWith("*") ? List.of(name) : List.of();
  }

  /** Who installed a service. */
  public enum InstalledBy {
    PROVIDER,
    CUSTOMER;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }
}
