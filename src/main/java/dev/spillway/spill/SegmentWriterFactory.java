package dev.spillway.spill;

import dev.spillway.segment.SealListener;
import dev.spillway.segment.SegmentHeader;
import dev.spillway.segment.SegmentWriter;
import dev.spillway.segment.SpillDirectory;

/**
 * Makes the segment writer of each table. This is the hook for segment compression
 * ({@code --compress zstd}): a compressing writer is supplied here, stage one's pipeline does not
 * change. {@link #UNCOMPRESSED} writes spill-format.md's formatVersion 1 segments.
 */
@FunctionalInterface
public interface SegmentWriterFactory {
  SegmentWriter open(SpillDirectory dir, SegmentHeader firstHeader, long maxSegmentBytes, SealListener listener);

  SegmentWriterFactory UNCOMPRESSED = SegmentWriter::new;
}
