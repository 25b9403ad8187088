package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkElementIndex;

import dev.spillway.pgbinary.ByteSink;
import java.util.Arrays;

/**
 * One tuple as read from a segment, reused from row to row: its bytes exactly as in the file (int16
 * field count, then per field the int32 length and payload) and where each field's payload lies in
 * them, so {@code cat} decodes fields in place and a copier writes the tuple back unchanged. Filled
 * by {@link SegmentReader#next(RawTuple)}; valid until the next call. Not thread-safe.
 */
public final class RawTuple {
  /** The tuple's bytes, [0, sizeBytes()), as in the file. */
  private final ByteSink bytes = new ByteSink(1024);
  /** payloadOffsets[i]: index in array() of field i's first payload byte. */
  private int[] payloadOffsets = new int[16];
  /** lengths[i]: field i's length word, -1 for NULL. */
  private int[] lengths = new int[16];
  /** Fields filled so far. */
  private int fieldCount;

  public int fieldCount() {
    return fieldCount;
  }

  public boolean isNull(int field) {
    return lengths[checkElementIndex(field, fieldCount, "field")] == SegmentFormat.NULL_LENGTH;
  }

  /** Payload length in bytes, or -1 for NULL. */
  public int payloadLength(int field) {
    return lengths[checkElementIndex(field, fieldCount, "field")];
  }

  /** Index in {@link #array()} of the field's first payload byte (meaningless for NULL). */
  public int payloadOffset(int field) {
    return payloadOffsets[checkElementIndex(field, fieldCount, "field")];
  }

  /** The backing array; the tuple is bytes [0, sizeBytes()). Do not keep it across reads. */
  public byte[] array() {
    return bytes.array();
  }

  public int sizeBytes() {
    return bytes.size();
  }

  /** A copy of the tuple's bytes. */
  public byte[] toByteArray() {
    return bytes.toByteArray();
  }

  ByteSink sink() {
    return bytes;
  }

  void reset(int expectedFields) {
    bytes.reset();
    fieldCount = 0;
    if (payloadOffsets.length < expectedFields) {
      payloadOffsets = Arrays.copyOf(payloadOffsets, expectedFields);
      lengths = Arrays.copyOf(lengths, expectedFields);
    }
  }

  /** Records a field whose length word has just been appended and whose payload follows. */
  void addField(int length) {
    payloadOffsets[fieldCount] = bytes.size();
    lengths[fieldCount] = length;
    fieldCount++;
  }
}
