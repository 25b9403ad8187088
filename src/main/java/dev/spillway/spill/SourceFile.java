package dev.spillway.spill;

import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One input file of one source, in reading order, with the name reports give it: relative to the
 * plan file's directory when it lies below it ({@code data/packages.csv}), else the absolute path;
 * standard input ({@code file: "-"}) is {@value #STDIN_NAME}, of unknown size (0).
 *
 * @param source      the plan's source
 * @param file        the file, absolute, or {@link SourceSpec#STDIN}
 * @param displayName how rejects.csv and the manifest's {@code sources[].file} name it
 * @param sizeBytes   its size on disk (compressed size for .gz), for progress
 */
record SourceFile(SourceSpec source, Path file, String displayName, long sizeBytes) {
  /** How reports and the manifest name standard input. */
  static final String STDIN_NAME = "stdin";

  /** Every matched file of every source, sources in plan order, files in match order. */
  static List<SourceFile> list(Plan plan, List<List<Path>> matched) {
    Path base = plan.planFile().toAbsolutePath().normalize().getParent();
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < plan.sources().size(); i++) {
      for (Path p : matched.get(i)) {
        if (p.equals(SourceSpec.STDIN)) {
          files.add(new SourceFile(plan.sources().get(i), p, STDIN_NAME, 0));
          continue;
        }
        Path file = p.toAbsolutePath().normalize();
        String display = base != null && file.startsWith(base) ? base.relativize(file).toString() : file.toString();
        files.add(new SourceFile(plan.sources().get(i), file, display, size(file)));
      }
    }
    return files;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of input file " + file, e);
    }
  }
}
