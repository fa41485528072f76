package dev.vakt.common;

/**
 * Thrown by value-object constructors when one of their fields is invalid. The reader turns it into
 * a {@link Problem} that points at that field's line and column.
 */
public final class InvalidField extends IllegalArgumentException {

  private final String field;

  /**
   * @param field the field name relative to the object being built; nested fields may use {@code /}
   * @param reason what is wrong with it
   */
  public InvalidField(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public String reason() {
    String message = getMessage();
    return message.substring(field.length() + 2);
  }

  /** Throws when {@code value} is null: for the fields a record cannot do without. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidField(field, "is required");
    }
    return value;
  }

  /** Throws {@code InvalidField(field, reason)} unless {@code condition} holds. */
  public static void check(boolean condition, String field, String reason) {
    if (!condition) {
      throw new InvalidField(field, reason);
    }
  }
}
