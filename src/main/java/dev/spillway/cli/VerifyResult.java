package dev.spillway.cli;

import dev.spillway.segment.SpillProblem;
import dev.spillway.segment.VerifyReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code spillway verify --json} prints. Members: {@code directory}, {@code intact} (true when
 * clean; exit code 0, else 4), {@code segmentsChecked}, {@code segmentsIntact}, {@code rows},
 * {@code bytes}, {@code problems[]} with {@code file} (relative to the directory), {@code byteOffset}
 * (-1 when the problem is the whole file) and {@code problem}.
 */
public record VerifyResult(String directory, boolean intact, int segmentsChecked, int segmentsIntact, long rows, long bytes,
    List<Problem> problems) {

  /** One problem found. */
  public record Problem(String file, long byteOffset, String problem) {}

  public VerifyResult {
    problems = List.copyOf(problems);
  }

  static VerifyResult of(Path root, VerifyReport r) {
    return new VerifyResult(root.toString(), r.clean(), r.segmentsChecked(), r.segmentsIntact(), r.rows(), r.bytes(),
        r.problems().stream().map(p -> problem(root, p)).toList());
  }

  private static Problem problem(Path root, SpillProblem p) {
    Path file = p.file();
    String name = file == null ? "" : file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    return new Problem(name, p.byteOffset(), p.problem());
  }
}
