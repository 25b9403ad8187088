package dev.spillway.segment;

import java.nio.file.Path;

/**
 * One defect {@link SpillVerifier} found: the file it concerns, the byte offset of the first defect
 * in it (-1 when the problem is not at one place: a missing or unexpected file, a checksum), and
 * what is wrong.
 *
 * @param file       absolute path of the file concerned (for a path the manifest refers to, the manifest)
 * @param byteOffset offset of the first defect, or -1
 * @param problem    what is wrong, without the file and offset
 */
public record SpillProblem(Path file, long byteOffset, String problem) {

  static SpillProblem of(SpillFormatException e) {
    return new SpillProblem(e.file(), e.byteOffset(), e.problem());
  }

  /**
   * One line for people and scripts: {@code segments/0001-00000002.pgcopy: byte 4711: problem}, the
   * path relative to {@code root} when it lies inside it, the offset part left out when unknown.
   */
  public String describe(Path root) {
    Path shown = file.startsWith(root) && !file.equals(root) ? root.relativize(file) : file;
    return shown + ": " + (byteOffset >= 0 ? "byte " + byteOffset + ": " : "") + problem;
  }
}
