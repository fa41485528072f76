package dev.vakt.alerting;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a notification reaches its recipient. */
public enum ChannelKind {
  /** E-mail over SMTP; the address is an e-mail address. */
  EMAIL,
  /** SMS through the configured HTTP gateway; the address is a phone number (+47 ...). */
  SMS,
  /** A configured webhook (Slack, Teams, Matrix, JSON); the address is its name. */
  WEBHOOK;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ChannelKind of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
