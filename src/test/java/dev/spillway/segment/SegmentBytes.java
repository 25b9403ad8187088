package dev.spillway.segment;

import dev.spillway.pgbinary.ByteSink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: a segment's bytes built in memory, plus the offsets of its elements, for surgery. */
final class SegmentBytes {
  final byte[] bytes;
  /** Offset of each tuple's field count. */
  final List<Integer> tupleOffsets = new ArrayList<>();
  /** Offset of every field length word, in file order. */
  final List<Integer> lengthOffsets = new ArrayList<>();
  final int headerBytes;

  SegmentBytes(SegmentHeader header, List<byte[]> tuples) {
    ByteSink out = new ByteSink();
    out.write(SegmentHeaderCodec.encode(header));
    headerBytes = out.size();
    for (byte[] t : tuples) {
      tupleOffsets.add(out.size());
      int p = 2;
      for (int f = 0; f < header.columns().size(); f++) {
        lengthOffsets.add(out.size() + p);
        int len = ByteBuffer.wrap(t, p, 4).getInt();
        p += 4 + Math.max(len, 0);
      }
      out.write(t);
    }
    out.writeShort(-1);
    bytes = out.toByteArray();
  }

  static SegmentBytes of(List<byte[]> tuples) {
    return new SegmentBytes(Tuples.header("package", 1), tuples);
  }

  byte[] withInt(int offset, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putInt(offset, value);
    return copy;
  }

  byte[] withShort(int offset, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putShort(offset, (short) value);
    return copy;
  }

  int intAt(int offset) {
    return ByteBuffer.wrap(bytes).getInt(offset);
  }
}
