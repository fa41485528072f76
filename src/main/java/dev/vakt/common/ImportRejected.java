package dev.vakt.common;

import java.util.List;

/** An import that was refused as a whole; nothing of it was stored. */
public final class ImportRejected extends RuntimeException {

  private final transient List<Problem> problems;

  public ImportRejected(List<Problem> problems) {
    super(problems.size() + " problem(s): " + (problems.isEmpty() ? "" : problems.getFirst()));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
