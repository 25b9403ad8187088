package dev.spillway.spill;

import dev.spillway.segment.Compression;
import dev.spillway.segment.SealListener;
import dev.spillway.segment.SegmentHeader;
import dev.spillway.segment.SegmentWriter;
import dev.spillway.segment.SpillDirectory;

/**
 * Makes the segment writer of each table. This is the hook for segment compression
 * ({@code --compress zstd}): a compressing writer is supplied here, stage one's pipeline does not
 * change. {@link #UNCOMPRESSED} writes plain {@code .pgcopy} segments, {@link #of(Compression)} the
 * compressed ones of spill-format.md (manifest formatVersion 2).
 */
@FunctionalInterface
public interface SegmentWriterFactory {
  SegmentWriter open(SpillDirectory dir, SegmentHeader firstHeader, long maxSegmentBytes, SealListener listener);

  SegmentWriterFactory UNCOMPRESSED = SegmentWriter::new;

  /** Writers that store sealed segments with {@code compression}. */
  static SegmentWriterFactory of(Compression compression) {
    return (dir, header, maxSegmentBytes, listener) -> new SegmentWriter(dir, header, maxSegmentBytes, compression, listener);
  }
}
