package dev.spillway.segment;

/**
 * What a complete, structurally valid read of one segment found.
 *
 * @param header  the segment's metadata
 * @param rows    tuples in the file
 * @param bytes   size of the binary COPY stream read (the file size for a plain file); the CRC32Cs
 *                are {@link StoredSegment#storedCrc32c()} and {@link StoredSegment#plainCrc32c()}
 */
public record SegmentScan(SegmentHeader header, long rows, long bytes) {}
