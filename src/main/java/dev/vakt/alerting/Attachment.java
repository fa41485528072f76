package dev.vakt.alerting;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file sent with an e-mail notification, such as the monthly SLA report as PDF. Channels that
 * cannot carry files (SMS, webhooks) send the text alone.
 *
 * @param name the file name the recipient sees, e.g. {@code sla-2026-10.pdf}
 * @param contentType its media type, e.g. {@code application/pdf}
 * @param content the bytes
 */
public record Attachment(String name, String contentType, byte[] content) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}");

  public Attachment {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "attachment name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(content, "content");
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attachment a
        && name.equals(a.name)
        && contentType.equals(a.contentType)
        && java.util.Arrays.equals(content, a.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, contentType, java.util.Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "Attachment[" + name + ", " + contentType + ", " + content.length + " bytes]";
  }
}
