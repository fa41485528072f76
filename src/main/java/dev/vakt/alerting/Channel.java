package dev.vakt.alerting;

/**
 * A way to send a message. Implementations are plain Java (no Spring) and never throw: every
 * failure is a {@link Delivery} with a reason that names no secret.
 */
interface Channel {

  Delivery send(Message message);

  /**
   * A run of sends one after another (one recipient's queue): a channel may keep its connection
   * open between them (SMTP). Each send's outcome is as {@link #send}'s.
   */
  default Run run() {
    return new Run() {
      @Override
      public Delivery send(Message message) {
        return Channel.this.send(message);
      }

      @Override
      public void close() {}
    };
  }

  /** Sends of a run; closing ends the run (and its connection). */
  interface Run extends AutoCloseable {
    Delivery send(Message message);

    @Override
    void close();
  }

  /**
   * Whether this channel can ask its server if a message already arrived ({@link #lookUp}). Asked
   * before sending again after an attempt whose outcome is unknown (its sender died), so a message
   * the server had already accepted is not sent twice.
   */
  default boolean canLookUp() {
    return false;
  }

  /** Whether the server already has {@code message}; only called when {@link #canLookUp()}. */
  default Lookup lookUp(Message message) {
    return new Lookup.Unavailable("this channel cannot look messages up");
  }

  /** What the server said about an earlier send of a message. */
  sealed interface Lookup {
    /** The server has the message: it is not sent again. */
    record Received(String detail) implements Lookup {}

    /** The server does not know the message: it is sent. */
    record NotReceived() implements Lookup {}

    /** The server could not say now: the attempt is retried later. */
    record Unavailable(String reason) implements Lookup {}
  }
}
