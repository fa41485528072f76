package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Ids;
import dev.vakt.common.SecretRef;

/**
 * A server the provider operates or watches (INV-1, ACC-1).
 *
 * @param id server id
 * @param customer the customer it belongs to
 * @param cluster the cluster it is a node of, for Proxmox VE nodes
 * @param kind what sort of machine
 * @param ownership who owns the hardware (STW 3.0)
 * @param address the address Vakt reaches it at
 * @param role primary or secondary node, for patch order (BDN SLA 1.1.1.3)
 * @param access how the provider gets in (STW 6.0)
 * @param guest for a VPS: the cluster and guest id it runs as, so Vakt can restart it through the
 *     Proxmox VE API (MNT-12); the cluster must belong to the same customer
 * @param dependsOn the server this one is reached through (a switch, an uplink, a firewall): while
 *     that one's ping is down, this server's outages are part of its incident (issue 32)
 */
public record Server(
    String id,
    String customer,
    String cluster,
    Kind kind,
    Ownership ownership,
    String address,
    Role role,
    Access access,
    Guest guest,
    String dependsOn) {

  public Server {
    Ids.require("id", id);
    Ids.require("customer", customer);
    Ids.optional("cluster", cluster);
    Ids.optional("dependsOn", dependsOn);
    check(!id.equals(dependsOn), "dependsOn", "a server cannot depend on itself");
    required("kind", kind);
    required("ownership", ownership);
    required("address", address);
    Endpoints.checkHost("address", address);
    check(
        cluster == null || kind == Kind.PROXMOX_NODE,
        "cluster",
        "only Proxmox VE nodes belong to a cluster");
    check(
        guest == null || kind == Kind.VPS,
        "guest",
        "only a VPS runs as a guest of a Proxmox VE cluster");
  }

  /**
   * This server with {@code fingerprint} as its approved SSH host key (ACC-1).
   *
   * @throws IllegalStateException when the inventory records no SSH access path for it
   */
  public Server withHostKey(String fingerprint) {
    if (access == null || access.ssh() == null) {
      throw new IllegalStateException("server '" + id + "' has no SSH access path");
    }
    Ssh s = access.ssh();
    return new Server(
        id,
        customer,
        cluster,
        kind,
        ownership,
        address,
        role,
        new Access(new Ssh(s.user(), s.port(), s.key(), s.sudo(), fingerprint), access.outOfBand()),
        guest,
        dependsOn);
  }

  /**
   * Where a VPS runs: a guest of an inventory cluster.
   *
   * @param cluster the inventory cluster's id
   * @param vmid the guest's id in Proxmox VE (100 to 999999999)
   */
  public record Guest(String cluster, Integer vmid) {
    public Guest {
      Ids.require("cluster", cluster);
      required("vmid", vmid);
      check(
          vmid >= 100 && vmid <= 999_999_999,
          "vmid",
          "a Proxmox VE guest id is from 100 to 999999999, not " + vmid);
    }
  }

  /** Machine kinds. */
  public enum Kind {
    PROXMOX_NODE,
    VPS,
    DEDICATED,
    COLOCATION;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** Who owns the hardware: "kundeeide, leid fra leverandøren ... eller leid fra tredjepart". */
  public enum Ownership {
    CUSTOMER,
    PROVIDER,
    THIRD_PARTY;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** Node role for patch order. */
  public enum Role {
    PRIMARY,
    SECONDARY,
    STANDALONE;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * The provider's access path.
   *
   * @param ssh SSH login, preferably a dedicated user with sudo
   * @param outOfBand out-of-band console for hardware failures
   */
  public record Access(Ssh ssh, OutOfBand outOfBand) {}

  /**
   * @param user login user
   * @param port SSH port, 22 when absent
   * @param key reference to the private key
   * @param sudo whether commands run through sudo
   * @param hostKey the pinned host key fingerprint (SHA256:...), once approved
   */
  public record Ssh(String user, Integer port, SecretRef key, Boolean sudo, String hostKey) {
    public Ssh {
      required("user", user);
      check(
          user.matches("[a-z_][a-z0-9_.-]{0,31}"),
          "user",
          "'" + user + "' is not a Unix user name");
      Endpoints.checkPort("port", port);
      required("key", key);
      sudo = Boolean.TRUE.equals(sudo);
      check(
          hostKey == null || hostKey.startsWith("SHA256:"),
          "hostKey",
          "must be an OpenSSH SHA256: fingerprint");
    }
  }

  /**
   * @param kind IP-KVM, iDRAC, iLO or IPMI
   * @param address console address
   * @param user console user
   * @param password reference to the console password
   */
  public record OutOfBand(ConsoleKind kind, String address, String user, SecretRef password) {
    public OutOfBand {
      required("kind", kind);
      required("address", address);
      Endpoints.checkHost("address", address);
    }
  }

  /** Out-of-band consoles. */
  public enum ConsoleKind {
    IPKVM,
    IDRAC,
    ILO,
    IPMI;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }
}
