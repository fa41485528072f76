package dev.vakt.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a secret (SSH key, console password, API token) is kept. Documents and the database hold
 * only this reference, never the secret: {@code env:NAME} (an environment variable), {@code
 * file:/path} (a file readable by Vakt), or {@code secret:name} (Vakt's own store, encrypted at
 * rest).
 *
 * @param scheme env, file or secret
 * @param name the variable, path or stored name
 */
public record SecretRef(String scheme, String name) {

  public SecretRef {
    if (!("env".equals(scheme) || "file".equals(scheme) || "secret".equals(scheme))) {
      throw new IllegalArgumentException(
          "a secret is given by reference, never in plain text: write env:VARIABLE, file:/path or"
              + " secret:name");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "the secret reference names nothing after '" + scheme + ":'");
    }
    if ("env".equals(scheme) && !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
    }
    if ("file".equals(scheme) && !name.startsWith("/")) {
      throw new IllegalArgumentException(
          "file: secrets need an absolute path, e.g. file:/etc/vakt/keys/id_ed25519");
    }
    if ("secret".equals(scheme)) {
      Ids.require("secret", name);
    }
  }

  @JsonCreator
  public static SecretRef parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "a secret is given by reference, never in plain text: write env:VARIABLE, file:/path or"
              + " secret:name");
    }
    return new SecretRef(text.substring(0, colon), text.substring(colon + 1));
  }

  @JsonValue
  @Override
  public String toString() {
    return scheme + ":" + name;
  }
}
