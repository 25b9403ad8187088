package dev.spillway.segment;

/**
 * What a complete, structurally valid read of one segment found.
 *
 * @param header  the segment's metadata
 * @param rows    tuples in the file
 * @param bytes   file size in bytes
 * @param crc32c  CRC32C of the whole file, 8 lowercase hex digits (see {@link Crc32c})
 */
public record SegmentScan(SegmentHeader header, long rows, long bytes, String crc32c) {}
