package dev.vakt.common;

import com.fasterxml.jackson.annotation.JsonValue;

/** The network services a server runs and Vakt can watch (INV-2, MON-6). */
public enum ServiceType {
  PING,
  TCP,
  HTTP,
  HTTPS,
  SSH,
  SMTP,
  POP3,
  IMAP,
  FTP,
  NTP,
  MYSQL,
  POSTGRESQL,
  DNS,
  ANTISPAM,
  ANTIVIRUS,
  PLUGIN;

  @JsonValue
  public String code() {
    return Codes.of(this);
  }
}
