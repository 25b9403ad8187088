package dev.spillway.segment;

/**
 * The writer's check that an encoded tuple has the shape a reader demands (field count, lengths that
 * add up exactly to the tuple's size), so a codec bug fails the row being written instead of making
 * a segment no reader accepts. Walks the length words only: O(fields), no copying.
 */
final class TupleCheck {
  private TupleCheck() {}

  /** Throws IllegalArgumentException, naming the table and the defect, unless the tuple is well formed. */
  static void check(byte[] buf, int offset, int length, int columnCount, String table) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IllegalArgumentException("tuple range out of bounds: offset " + offset + ", length " + length
          + ", array " + buf.length);
    }
    if (length > SegmentFormat.MAX_TUPLE_BYTES) {
      throw bad(table, "is " + length + " bytes, more than the maximum tuple size " + SegmentFormat.MAX_TUPLE_BYTES);
    }
    if (length < 2) {
      throw bad(table, "is " + length + " bytes, too short for its field count");
    }
    int count = (short) (((buf[offset] & 0xFF) << 8) | (buf[offset + 1] & 0xFF));
    if (count != columnCount) {
      throw bad(table, "has " + count + " fields, expected " + columnCount);
    }
    int end = offset + length;
    int p = offset + 2;
    for (int field = 0; field < count; field++) {
      if (end - p < 4) {
        throw bad(table, "ends inside the length of field " + (field + 1));
      }
      int len = ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
      p += 4;
      if (len < SegmentFormat.NULL_LENGTH || len > SegmentFormat.MAX_FIELD_BYTES || (len > 0 && len > end - p)) {
        throw bad(table, "has field " + (field + 1) + " of length " + len + " with " + (end - p) + " bytes left in the tuple");
      }
      p += Math.max(len, 0);
    }
    if (p != end) {
      throw bad(table, "has " + (end - p) + " bytes after its last field");
    }
  }

  private static IllegalArgumentException bad(String table, String problem) {
    return new IllegalArgumentException("encoded tuple for table " + table + " " + problem);
  }
}
