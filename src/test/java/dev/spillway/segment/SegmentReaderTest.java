package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentReaderTest {
  private static final Path FILE = Path.of("segments/0001-00000001.pgcopy");

  @TempDir
  Path tmp;

  private final List<byte[]> tuples = List.of(
      Tuples.idName(1, "alpha"), Tuples.idName(-2, null), Tuples.idName(Long.MAX_VALUE, ""),
      Tuples.idName(4, "x".repeat(70_000)), Tuples.idName(5, "ünïcødé 😀"));
  private final SegmentBytes seg = SegmentBytes.of(tuples);

  @Test
  void awkwardStreamsReadTheSameAsAWholeBuffer() {
    List<byte[]> whole = readAll(new ByteArrayInputStream(seg.bytes), seg.bytes.length);
    assertTuplesEqual(tuples, whole);
    assertTuplesEqual(tuples, readAll(AwkwardStreams.oneByteAtATime(seg.bytes), seg.bytes.length));
    for (long seed = 0; seed < 20; seed++) {
      assertTuplesEqual(tuples, readAll(AwkwardStreams.randomChunks(seg.bytes, seed), seg.bytes.length));
      assertTuplesEqual(tuples, readAll(AwkwardStreams.randomChunks(seg.bytes, seed), -1));
    }
  }

  @Test
  void scanReportsRowsBytesAndTheWholeFileCrc() throws Exception {
    Path file = tmp.resolve("s.pgcopy");
    Files.write(file, seg.bytes);
    CRC32C crc = new CRC32C();
    crc.update(seg.bytes);
    try (StoredSegment stored = StoredSegment.open(file); SegmentReader r = stored.reader()) {
      SegmentScan scan = r.scan();
      assertEquals(new SegmentScan(Tuples.header("package", 1), 5, seg.bytes.length), scan);
      assertEquals(Crc32c.hex((int) crc.getValue()), stored.plainCrc32c());
    }
    assertEquals(new SegmentScan(Tuples.header("package", 1), 5, seg.bytes.length), SegmentReader.scan(file));
  }

  @Test
  void fieldsAreAddressableInPlace() {
    try (SegmentReader r = new SegmentReader(FILE, new ByteArrayInputStream(seg.bytes), seg.bytes.length)) {
      RawTuple t = new RawTuple();
      assertTrue(r.next(t));
      assertEquals(2, t.fieldCount());
      assertEquals(8, t.payloadLength(0));
      assertEquals(1L, java.nio.ByteBuffer.wrap(t.array(), t.payloadOffset(0), 8).getLong());
      assertEquals("alpha", new String(t.array(), t.payloadOffset(1), t.payloadLength(1), StandardCharsets.UTF_8));
      assertTrue(r.next(t));
      assertTrue(t.isNull(1));
      assertEquals(-1, t.payloadLength(1));
      assertThrows(IndexOutOfBoundsException.class, () -> t.isNull(2));
    }
  }

  // ---- header ----

  @Test
  void refusesAWrongSignature() {
    byte[] b = seg.bytes.clone();
    b[7] = (byte) 0xFE;
    assertRefused(b, 0, "signature");
  }

  @Test
  void refusesAnyFlagBit() {
    assertRefused(seg.withInt(SegmentFormat.FLAGS_OFFSET, 1 << 16), 11, "flags field is 0x00010000");
    assertRefused(seg.withInt(SegmentFormat.FLAGS_OFFSET, 1), 11, "flags");
  }

  @Test
  void refusesExtensionLengthsOutOfBounds() {
    assertRefused(seg.withInt(SegmentFormat.EXTENSION_LENGTH_OFFSET, 0), 15, "header extension length 0");
    assertRefused(seg.withInt(SegmentFormat.EXTENSION_LENGTH_OFFSET, -1), 15, "header extension length -1");
    assertRefused(seg.withInt(SegmentFormat.EXTENSION_LENGTH_OFFSET, Integer.MAX_VALUE), 15, "outside");
    byte[] small = SegmentBytes.of(List.of(Tuples.idName(1, "a"))).bytes;
    byte[] tooLong = Arrays.copyOf(small, small.length);
    java.nio.ByteBuffer.wrap(tooLong).putInt(15, small.length);
    assertRefused(tooLong, 15, "exceeds the");
  }

  @Test
  void refusesAForeignChunkTag() {
    byte[] b = seg.bytes.clone();
    b[SegmentFormat.CHUNK_OFFSET] = 'X';
    assertRefused(b, 19, "SPILLWAY chunk tag");
  }

  @Test
  void refusesAnUnknownChunkVersionNamingBoth() {
    SpillFormatException e = assertRefused(seg.withShort(SegmentFormat.CHUNK_VERSION_OFFSET, 2), 27, "chunk version 2");
    assertTrue(e.getMessage().contains("reads chunk version 1"), e.getMessage());
    assertRefused(seg.withShort(SegmentFormat.CHUNK_VERSION_OFFSET, 0xFFFF), 27, "chunk version 65535");
  }

  @Test
  void refusesAMetadataLengthThatDisagreesWithTheExtension() {
    int m = seg.intAt(SegmentFormat.METADATA_LENGTH_OFFSET);
    assertRefused(seg.withInt(SegmentFormat.METADATA_LENGTH_OFFSET, m + 1), 29, "expected " + m + ", found " + (m + 1));
    assertRefused(seg.withInt(SegmentFormat.METADATA_LENGTH_OFFSET, -1), 29, "found -1");
  }

  @Test
  void refusesBadMetadataJson() {
    assertMetadataRefused("{\"spillId\":\"s\"", "segment metadata");
    assertMetadataRefused("{\"spillId\":\"s\",\"table\":\"t\",\"tableOrdinal\":1,\"sequence\":1,\"columns\":[{\"name\":\"a\","
        + "\"type\":\"bigint\"}],\"extra\":1}", "extra");
    assertMetadataRefused("{\"spillId\":\"s\",\"table\":\"t\",\"tableOrdinal\":1,\"columns\":[{\"name\":\"a\",\"type\":\"bigint\"}]}",
        "sequence");
    assertMetadataRefused("{\"spillId\":\"s\",\"table\":\"t\",\"tableOrdinal\":1,\"sequence\":1,\"columns\":[]}", "columns");
    assertMetadataRefused("{\"spillId\":\"s\",\"table\":\"t\",\"tableOrdinal\":1,\"sequence\":1,\"columns\":[{\"name\":\"a\","
        + "\"type\":\"bigintx\"}]}", "bigintx");
    assertMetadataRefused("{\"spillId\":\"s\",\"table\":\"t\",\"tableOrdinal\":0,\"sequence\":1,\"columns\":[{\"name\":\"a\","
        + "\"type\":\"bigint\"}]}", "tableOrdinal out of range");
    assertMetadataRefused("null", "JSON null");
  }

  // ---- tuples ----

  @Test
  void refusesAFieldCountOtherThanTheColumnCount() {
    int t2 = seg.tupleOffsets.get(1);
    assertRefused(seg.withShort(t2, 3), t2, "tuple 2 has 3 fields, expected 2");
    assertRefused(seg.withShort(t2, 0), t2, "tuple 2 has 0 fields");
    assertRefused(seg.withShort(t2, -2), t2, "tuple 2 has -2 fields");
  }

  @Test
  void refusesNegativeHugeAndTooLongFieldLengths() {
    int at = seg.lengthOffsets.get(3); // tuple 2, field 2
    assertRefused(seg.withInt(at, -2), at, "field 2 of tuple 2 has length -2");
    assertRefused(seg.withInt(at, Integer.MIN_VALUE), at, "has length -2147483648");
    assertRefused(seg.withInt(at, Integer.MAX_VALUE), at, "more than the maximum field size");
    assertRefused(seg.withInt(at, SegmentFormat.MAX_FIELD_BYTES), at, "bytes left before its trailer");
    int last = seg.lengthOffsets.get(seg.lengthOffsets.size() - 1);
    int len = seg.intAt(last);
    assertRefused(seg.withInt(last, len + 1), last, "bytes left before its trailer");
  }

  @Test
  void aHugeLengthInAStreamOfUnknownSizeAllocatesOnlyWhatArrives() {
    byte[] b = seg.withInt(seg.lengthOffsets.get(1), SegmentFormat.MAX_FIELD_BYTES);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> readAll(new ByteArrayInputStream(b), -1));
    assertEquals(b.length, e.byteOffset());
    assertTrue(e.getMessage().contains("file ends at byte " + b.length + " inside field 2 of tuple 1"), e.getMessage());
  }

  @Test
  void refusesASegmentCutAtATupleBoundary() {
    byte[] cut = Arrays.copyOf(seg.bytes, seg.bytes.length - 2);
    // Size unknown (a decompressing stream): found at the end of the input.
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> readAll(new ByteArrayInputStream(cut), -1));
    assertEquals(cut.length, e.byteOffset());
    assertTrue(e.getMessage().contains("after tuple 5 without the trailer"), e.getMessage());
    // Size known: the last field already leaves no room for the trailer.
    int last = seg.lengthOffsets.get(seg.lengthOffsets.size() - 1);
    assertRefused(cut, last, "bytes left before its trailer");
  }

  @Test
  void refusesBytesAfterTheTrailer() {
    byte[] extra = Arrays.copyOf(seg.bytes, seg.bytes.length + 1);
    assertRefused(extra, seg.bytes.length, "data after the trailer");
    byte[] twoTrailers = Arrays.copyOf(seg.bytes, seg.bytes.length + 2);
    twoTrailers[seg.bytes.length] = (byte) 0xFF;
    twoTrailers[seg.bytes.length + 1] = (byte) 0xFF;
    assertRefused(twoTrailers, seg.bytes.length, "data after the trailer");
  }

  @Test
  void refusesASegmentWithoutTuples() {
    SegmentBytes empty = SegmentBytes.of(List.of());
    assertRefused(empty.bytes, empty.headerBytes, "no tuples");
  }

  @Test
  void refusesAFileShorterThanItsDeclaredSize() {
    SpillFormatException e = assertThrows(SpillFormatException.class,
        () -> readAll(new ByteArrayInputStream(seg.bytes, 0, 100), seg.bytes.length));
    assertEquals(100, e.byteOffset());
  }

  @Test
  void refusesASymbolicLink() throws Exception {
    Path real = tmp.resolve("real.pgcopy");
    Files.write(real, seg.bytes);
    Path link = Files.createSymbolicLink(tmp.resolve("link.pgcopy"), real);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.open(link));
    assertTrue(e.getMessage().contains("is a symbolic link (refused"), e.getMessage());
  }

  @Test
  void closingAfterTheTrailerIsFineAndNextStaysFalse() throws Exception {
    Path file = tmp.resolve("s.pgcopy");
    Files.write(file, seg.bytes);
    try (StoredSegment stored = StoredSegment.open(file); SegmentReader r = stored.reader()) {
      RawTuple t = new RawTuple();
      assertThrows(IllegalStateException.class, stored::plainCrc32c);
      int n = 0;
      while (r.next(t)) {
        n++;
      }
      assertEquals(5, n);
      assertFalse(r.next(t));
      assertEquals(0, t.sizeBytes());
      assertEquals(seg.bytes.length, r.position());
    }
  }

  // ---- helpers ----

  private void assertMetadataRefused(String json, String expected) {
    byte[] meta = json.getBytes(StandardCharsets.UTF_8);
    byte[] header = SegmentHeaderCodec.encode(Tuples.header("package", 1));
    byte[] rest = Arrays.copyOfRange(seg.bytes, header.length, seg.bytes.length);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(header, 0, SegmentFormat.EXTENSION_LENGTH_OFFSET);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(14 + meta.length).array());
    out.write(header, SegmentFormat.CHUNK_OFFSET, 10);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(meta.length).array());
    out.writeBytes(meta);
    out.writeBytes(rest);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> readAll(new ByteArrayInputStream(out.toByteArray()), out.size()));
    assertTrue(e.byteOffset() >= SegmentFormat.METADATA_OFFSET && e.byteOffset() <= SegmentFormat.METADATA_OFFSET + meta.length,
        "offset " + e.byteOffset() + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(FILE, e.file());
  }

  private static SpillFormatException assertRefused(byte[] bytes, long offset, String expected) {
    for (int mode = 0; mode < 2; mode++) {
      InputStream in = mode == 0 ? new ByteArrayInputStream(bytes) : AwkwardStreams.oneByteAtATime(bytes);
      SpillFormatException e = assertThrows(SpillFormatException.class, () -> readAll(in, bytes.length));
      assertEquals(offset, e.byteOffset(), e.getMessage());
      assertEquals(FILE, e.file());
      assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
      assertTrue(e.getMessage().startsWith(FILE + " at byte " + offset + ": "), e.getMessage());
      if (mode == 1) {
        return e;
      }
    }
    throw new AssertionError("unreachable");
  }

  private static List<byte[]> readAll(InputStream in, long size) {
    List<byte[]> out = new ArrayList<>();
    try (SegmentReader r = new SegmentReader(FILE, in, size)) {
      RawTuple t = new RawTuple();
      while (r.next(t)) {
        out.add(t.toByteArray());
      }
    }
    return out;
  }

  private static void assertTuplesEqual(List<byte[]> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "tuple " + i);
    }
  }
}
