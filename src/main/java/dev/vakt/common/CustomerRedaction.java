package dev.vakt.common;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one rule for what a customer may see of provider-internal data (issue 16, item 7; F11): the
 * provider's access paths and references to secrets are never shown to a customer's user, in any
 * answer or download. Used by the audit log for customer readers (the entries' before and after),
 * the customer's data export (DPA-5) and the inventory's customer-facing reads.
 *
 * <p>Fields are removed by name at any depth, so a new place that carries, say, an SSH login (an
 * Inventory document in an import's audit entry, a server inside a cluster) is covered without
 * anyone remembering to: a server's {@code access} (SSH user, port, key reference, sudo, pinned
 * host key) and out-of-band console (IPMI, iDRAC, iLO: address, user, password reference), a
 * cluster's API address, token reference and certificate fingerprint, a service check's login,
 * password and key references and the plugin command it runs, and anything called token or secret.
 */
public final class CustomerRedaction {

  /** Field names whose values customers never see, wherever they appear. */
  public static final Set<String> PROVIDER_INTERNAL =
      Set.of(
          "access",
          "outOfBand",
          "hostKey",
          "sudo",
          "user",
          "password",
          "key",
          "apiUrl",
          "apiToken",
          "apiFingerprint",
          "command",
          "arguments",
          "token",
          "secret");

  private CustomerRedaction() {}

  /** {@code node} without {@link #PROVIDER_INTERNAL} fields at any depth, changed in place. */
  public static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode o) {
      PROVIDER_INTERNAL.forEach(o::remove);
      o.values().forEach(CustomerRedaction::redact);
    } else if (node instanceof ArrayNode a) {
      a.values().forEach(CustomerRedaction::redact);
    }
    return node;
  }

  /** A copy of {@code node} as a customer may see it; the original is left alone. */
  public static JsonNode redacted(JsonNode node) {
    return node == null ? null : redact(node.deepCopy());
  }

  /** {@code value} written as JSON, as a customer may see it. */
  public static JsonNode redacted(Object value) {
    return redact(Binder.MAPPER.valueToTree(value));
  }
}
