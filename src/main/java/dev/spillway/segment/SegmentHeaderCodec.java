package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spillway.pgbinary.ByteSink;
import dev.spillway.segment.SegmentInput.EndOfInput;
import java.util.HexFormat;

/**
 * Encodes and decodes the file header of a segment: signature, flags, header extension with the
 * SPILLWAY chunk (layout in {@link SegmentFormat}). Decoding validates every field of untrusted input
 * in file order and reports the first defect with its byte offset.
 */
final class SegmentHeaderCodec {
  private SegmentHeaderCodec() {}

  /** Immutable, thread-safe Jackson reader and writer: constants, not state. */
  private static final ObjectReader READER = SpillJson.strictMapper().readerFor(SegmentHeader.class);
  private static final ObjectWriter WRITER =
      SpillJson.strictMapper().writerFor(SegmentHeader.class).without(SerializationFeature.INDENT_OUTPUT);

  /** The complete file header (bytes 0 .. 33+M) for {@code header}. */
  static byte[] encode(SegmentHeader header) {
    byte[] json;
    try {
      json = WRITER.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise segment header " + header, e);
    }
    checkArgument(json.length <= SegmentFormat.MAX_METADATA_BYTES,
        "segment metadata of table %s is %s bytes, more than the maximum %s", header.table(), json.length,
        SegmentFormat.MAX_METADATA_BYTES);
    ByteSink out = new ByteSink(SegmentFormat.METADATA_OFFSET + json.length);
    out.write(SegmentFormat.signature())
        .writeInt(0)
        .writeInt(SegmentFormat.CHUNK_FIXED_BYTES + json.length)
        .write(SegmentFormat.chunkTag())
        .writeShort(SegmentFormat.CHUNK_VERSION)
        .writeInt(json.length)
        .write(json);
    return out.toByteArray();
  }

  /** Reads and validates the header; on return the input is at the first tuple. */
  static SegmentHeader decode(SegmentInput in) {
    try {
      return decodeFields(in);
    } catch (EndOfInput e) {
      throw in.error(e.endOffset, "file ends at byte " + e.endOffset + " inside the segment header (the header with its "
          + "metadata chunk takes at least " + (SegmentFormat.METADATA_OFFSET + 2) + " bytes)");
    }
  }

  private static SegmentHeader decodeFields(SegmentInput in) throws EndOfInput {
    byte[] signature = new byte[SegmentFormat.SIGNATURE_BYTES];
    in.readFully(signature, 0, signature.length);
    if (!SegmentFormat.isSignature(signature)) {
      throw in.error(0, "not a PostgreSQL binary COPY file: signature is " + HexFormat.ofDelimiter(" ").formatHex(signature)
          + ", expected 50 47 43 4f 50 59 0a ff 0d 0a 00 (PGCOPY\\n\\377\\r\\n\\0)");
    }
    int flags = in.readInt();
    if (flags != 0) {
      throw in.error(SegmentFormat.FLAGS_OFFSET, String.format("flags field is 0x%08x, expected 0x00000000 (bits 16-31 are "
          + "critical in binary COPY; spillway writes no flags at all)", flags));
    }
    int extensionBytes = in.readInt();
    checkExtensionLength(in, extensionBytes);
    byte[] tag = new byte[8];
    in.readFully(tag, 0, tag.length);
    if (!SegmentFormat.isChunkTag(tag)) {
      throw in.error(SegmentFormat.CHUNK_OFFSET, "header extension does not start with the SPILLWAY chunk tag: found "
          + HexFormat.ofDelimiter(" ").formatHex(tag) + " (not a spillway segment)");
    }
    int version = in.readShort() & 0xFFFF;
    if (version != SegmentFormat.CHUNK_VERSION) {
      throw in.error(SegmentFormat.CHUNK_VERSION_OFFSET, "segment chunk version " + version
          + " is not supported: this spillway reads chunk version " + SegmentFormat.CHUNK_VERSION);
    }
    int metadataBytes = in.readInt();
    int expected = extensionBytes - SegmentFormat.CHUNK_FIXED_BYTES;
    if (metadataBytes != expected) {
      throw in.error(SegmentFormat.METADATA_LENGTH_OFFSET, "metadata length does not match the header extension length "
          + extensionBytes + ": expected " + expected + ", found " + metadataBytes);
    }
    byte[] json = new byte[metadataBytes];
    in.readFully(json, 0, json.length);
    return parseMetadata(in, json);
  }

  private static void checkExtensionLength(SegmentInput in, int extensionBytes) {
    long min = SegmentFormat.CHUNK_FIXED_BYTES + 2L;
    long max = SegmentFormat.CHUNK_FIXED_BYTES + (long) SegmentFormat.MAX_METADATA_BYTES;
    if (extensionBytes < min || extensionBytes > max) {
      throw in.error(SegmentFormat.EXTENSION_LENGTH_OFFSET, "header extension length " + extensionBytes
          + " is outside " + min + ".." + max + " (the SPILLWAY chunk: 14 bytes plus 2 to "
          + SegmentFormat.MAX_METADATA_BYTES + " bytes of metadata)");
    }
    long room = in.bytesLeft() - SegmentFormat.TRAILER_BYTES;
    if (extensionBytes > room) {
      throw in.error(SegmentFormat.EXTENSION_LENGTH_OFFSET, "header extension length " + extensionBytes
          + " exceeds the " + Math.max(room, 0) + " bytes the file has left before its trailer (file size " + in.sizeBytes() + ")");
    }
  }

  private static SegmentHeader parseMetadata(SegmentInput in, byte[] json) {
    if (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF) {
      throw in.error(SegmentFormat.METADATA_OFFSET, "segment metadata starts with a UTF-8 byte order mark (EF BB BF); "
          + "spill JSON has none");
    }
    SegmentHeader header;
    try {
      header = READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toFormatException(in.file(), SegmentFormat.METADATA_OFFSET, "segment metadata", e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("reading from a byte array cannot fail", e);
    }
    if (header == null) {
      throw in.error(SegmentFormat.METADATA_OFFSET, "segment metadata is JSON null, expected an object");
    }
    return header;
  }
}
