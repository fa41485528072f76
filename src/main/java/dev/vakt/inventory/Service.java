package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.required;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Ids;
import dev.vakt.common.InvalidField;
import dev.vakt.common.ServiceType;

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
    ServiceCheck check) {

  public Service {
    Ids.require("id", id);
    Ids.require("server", server);
    required("type", type);
    required("installedBy", installedBy);
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
    if (check != null) {
      try {
        check.checkAppliesTo(type);
      } catch (InvalidField e) {
        throw new InvalidField("check/" + e.field(), e.reason());
      }
    }
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
