package dev.spillway.plan;

import java.util.List;

/**
 * An invalid plan: carries every problem found, each prefixed with its YAML path
 * ({@code tables.package.key[1]: unknown column 'nam'}). Exit code 2.
 */
public final class PlanException extends RuntimeException {
  private final List<String> problems;

  public PlanException(String planFile, List<String> problems) {
    super(message(planFile, problems));
    this.problems = List.copyOf(problems);
  }

  /** An invalid plan whose problem came from an exception (an unreadable file). */
  public PlanException(String planFile, List<String> problems, Throwable cause) {
    super(message(planFile, problems), cause);
    this.problems = List.copyOf(problems);
  }

  private static String message(String planFile, List<String> problems) {
    return "invalid plan " + planFile + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems);
  }

  public List<String> problems() {
    return problems;
  }
}
