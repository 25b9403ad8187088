package dev.spillway.segment;

import java.nio.charset.StandardCharsets;

/**
 * The byte layout of a segment file (normative text: spill-format.md, "Segment files"). A segment is
 * a PostgreSQL binary COPY stream whose header extension carries spillway's metadata chunk, so the
 * server loads it unmodified and spillway can describe it without the manifest. All integers are
 * big-endian, as in binary COPY.
 *
 * <pre>
 * offset   size  field
 * 0        11    signature  "PGCOPY\n\377\r\n\0"
 * 11       4     flags, int32: always 0 (a reader rejects any other value)
 * 15       4     header extension length L, int32 = 14 + M
 * 19       8     chunk tag  "SPILLWAY" (ASCII)
 * 27       2     chunk version, uint16 = {@value #CHUNK_VERSION}
 * 29       4     metadata length M, int32, 2 .. {@value #MAX_METADATA_BYTES}
 * 33       M     metadata: UTF-8 JSON object, see {@link SegmentHeader}
 * 33+M     ...   tuples, at least one, each:
 *                  int16 field count (= the metadata's column count)
 *                  per field: int32 length (-1 = NULL, else 0 .. {@value #MAX_FIELD_BYTES}), then that many payload bytes
 * size-2   2     trailer, int16 -1; nothing follows it
 * </pre>
 *
 * <p>A field holds at most {@value #MAX_FIELD_BYTES} bytes, PostgreSQL's MaxAllocSize (the server
 * cannot hold a larger value). A tuple (field count, length words and payloads) occupies at most
 * {@value #MAX_TUPLE_BYTES} bytes, the ceiling of a reader's tuple buffer (PostgreSQL cannot form
 * a row over 1 GiB either, so no loadable segment comes near it).
 */
public final class SegmentFormat {
  private SegmentFormat() {}

  /** The 11-byte binary COPY signature. */
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  /** The 8-byte tag opening spillway's chunk in the header extension. */
  private static final byte[] CHUNK_TAG = "SPILLWAY".getBytes(StandardCharsets.US_ASCII);

  public static final int SIGNATURE_BYTES = 11;
  public static final int FLAGS_OFFSET = 11;
  public static final int EXTENSION_LENGTH_OFFSET = 15;
  public static final int CHUNK_OFFSET = 19;
  public static final int CHUNK_VERSION_OFFSET = 27;
  public static final int METADATA_LENGTH_OFFSET = 29;
  public static final int METADATA_OFFSET = 33;
  /** Tag, version and metadata length: the extension bytes that are not metadata. */
  public static final int CHUNK_FIXED_BYTES = 14;
  /** The only chunk version this code reads and writes. */
  public static final int CHUNK_VERSION = 1;
  public static final int MAX_METADATA_BYTES = 1 << 20;
  /** PostgreSQL's MaxAllocSize (1 GiB - 1): no field may be larger. */
  public static final int MAX_FIELD_BYTES = 0x3FFF_FFFF;
  /** 2 GiB - 64 KiB: no tuple may be larger. */
  public static final int MAX_TUPLE_BYTES = 0x7FFF_0000;
  /** PostgreSQL's limit on the columns of a table. */
  public static final int MAX_COLUMNS = 1600;
  public static final short TRAILER = -1;
  public static final int TRAILER_BYTES = 2;
  public static final int NULL_LENGTH = -1;

  public static byte[] signature() {
    return SIGNATURE.clone();
  }

  public static byte[] chunkTag() {
    return CHUNK_TAG.clone();
  }

  static boolean isSignature(byte[] b) {
    return java.util.Arrays.equals(b, SIGNATURE);
  }

  static boolean isChunkTag(byte[] b) {
    return java.util.Arrays.equals(b, CHUNK_TAG);
  }
}
