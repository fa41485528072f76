package dev.vakt.common;

import java.util.List;

/** Failures that the API reports as RFC 9457 problem details. */
public final class ApiErrors {

  private ApiErrors() {}

  /** The request is invalid: the problems say where and why (400). */
  public static final class InvalidInput extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidInput(List<Problem> problems) {
      super(problems.isEmpty() ? "invalid input" : problems.getFirst().reason());
      this.problems = List.copyOf(problems);
    }

    public InvalidInput(String field, String reason) {
      this(List.of(new Problem("request", 0, 0, field, reason)));
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** Nothing by that id (404). */
  public static final class NotFound extends RuntimeException {
    public NotFound(String what) {
      super(what + " does not exist");
    }
  }

  /** The change conflicts with stored data (409). */
  public static final class Conflict extends RuntimeException {
    private final transient List<String> reasons;

    public Conflict(String reason) {
      this(reason, List.of());
    }

    /** A conflict with several reasons a client can show, each on its own line. */
    public Conflict(String reason, List<String> reasons) {
      super(reason);
      this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
      return reasons;
    }
  }
}
