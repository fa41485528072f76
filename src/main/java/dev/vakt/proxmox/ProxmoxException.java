package dev.vakt.proxmox;

import java.util.Objects;

/**
 * A Proxmox VE API request that gave no usable answer, with a one-line reason a technician can act
 * on. The message never holds the API token.
 */
public final class ProxmoxException extends Exception {

  /**
   * What went wrong, for callers that react differently (e.g. a refused token alerts Vakt's own).
   */
  public enum Kind {
    /** HTTP 401: the token is unknown, expired, or its secret wrong. */
    AUTHENTICATION,
    /** HTTP 403: the token lacks a privilege on the path. */
    PERMISSION,
    /** HTTP 404 or 501: no such node, or the endpoint does not exist in this release. */
    NOT_FOUND,
    /**
     * Other HTTP error statuses, including 595/596 (the answering node cannot reach the target).
     */
    HTTP,
    /** TCP connection refused, host unreachable, name not resolved. */
    CONNECTION,
    /** Connect or read timeout. */
    TIMEOUT,
    /** The server's certificate does not match the pinned fingerprint. */
    PIN_MISMATCH,
    /** Any other TLS failure (untrusted certificate, wrong host name, handshake). */
    TLS,
    /** 200, but not the {@code {"data": ...}} JSON the API answers. */
    BAD_RESPONSE
  }

  private final Kind kind;
  private final int status;

  ProxmoxException(Kind kind, int status, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
  }

  ProxmoxException(Kind kind, String message) {
    this(kind, -1, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or -1 when there was no HTTP answer. */
  public int status() {
    return status;
  }
}
