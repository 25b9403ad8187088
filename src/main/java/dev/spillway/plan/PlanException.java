package dev.spillway.plan;

import java.util.List;

/**
 * An invalid plan: carries every problem found, each prefixed with its YAML path
 * ({@code tables.package.key[1]: unknown column 'nam'}). Exit code 2.
 */
public final class PlanException extends RuntimeException {
  private final List<String> problems;

  public PlanException(String planFile, List<String> problems) {
    super("invalid plan " + planFile + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
