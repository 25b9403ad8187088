package dev.spillway.segment;

import java.nio.file.Path;
import java.util.List;

/**
 * The contents of a spill directory's {@code segments/}, each list sorted.
 *
 * @param sealed     regular files whose names match {@link SegmentFileName#FILE_NAME} (either compression)
 * @param tmp        regular files named {@code *.pgcopy.tmp} or {@code *.pgcopy.zst.tmp}: being written, or torn by a crash
 * @param unexpected everything else, symbolic links included
 */
public record SegmentListing(List<SegmentFileName> sealed, List<Path> tmp, List<Path> unexpected) {
  public SegmentListing {
    sealed = List.copyOf(sealed);
    tmp = List.copyOf(tmp);
    unexpected = List.copyOf(unexpected);
  }
}
