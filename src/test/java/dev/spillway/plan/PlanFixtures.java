package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

/** Parses plan text as if it were the file {@code plan.yaml} in a test's directory. */
final class PlanFixtures {
  private PlanFixtures() {}

  static Plan parse(Path dir, String yaml) {
    return Plan.parse(yaml, dir.resolve("plan.yaml"));
  }

  /** The problems of a plan that must be invalid. */
  static List<String> problems(Path dir, String yaml) {
    return assertThrows(PlanException.class, () -> parse(dir, yaml)).problems();
  }
}
