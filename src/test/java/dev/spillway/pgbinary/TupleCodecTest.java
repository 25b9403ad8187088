package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TupleCodecTest {
  private final CodecRegistry registry = CodecRegistry.standard();
  private final Codec[] codecs = {
      registry.codecFor(ColumnType.parse("bigint")),
      registry.codecFor(ColumnType.parse("text")),
      registry.codecFor(ColumnType.parse("numeric(6,2)")),
      registry.codecFor(ColumnType.parse("integer[]"))};
  private final TupleEncoder encoder = new TupleEncoder(codecs);
  private final TupleDecoder decoder = new TupleDecoder(codecs);

  @Test
  void writesFieldCountThenLengthPrefixedFieldsWithMinusOneForNull() {
    ByteSink sink = new ByteSink(4);
    int written = encoder.encode(new Object[] {7L, null, codecs[2].parse("1.5"), List.of()}, sink);
    byte[] expected = DecodeValidationTest.parseHex("0004"
        + "00000008 0000000000000007"
        + "ffffffff"
        + "0000000c 0002 0000 0000 0002 0001 1388"
        + "0000000c 00000000 00000000 00000017");
    assertArrayEquals(expected, sink.toByteArray());
    assertEquals(expected.length, written);
  }

  @Test
  void decodesWhatItEncodesBackToBack() {
    ByteSink sink = new ByteSink();
    Object[] first = {Long.MIN_VALUE, "é🎉", codecs[2].parse("-9999.99"), codecs[3].parse("{1,NULL,3}")};
    Object[] second = {null, "", null, null};
    encoder.encode(first, sink);
    encoder.encode(second, sink);
    Object[] out = new Object[4];
    int next = decoder.decode(sink.array(), 0, sink.size(), out);
    for (int i = 0; i < 4; i++) {
      assertEquals(codecs[i].format(first[i]), codecs[i].format(out[i]));
    }
    assertEquals(sink.size(), decoder.decode(sink.array(), next, sink.size(), out));
    assertNull(out[0]);
    assertEquals("", out[1]);
  }

  @Test
  void aFailingFieldLeavesTheSinkAsItWasAndNamesTheField() {
    ByteSink sink = new ByteSink();
    encoder.encode(new Object[] {1L, "a", null, null}, sink);
    int before = sink.size();
    InvalidValueException bad = assertThrows(InvalidValueException.class,
        () -> encoder.encode(new Object[] {2L, "b", new BigDecimal("1e-20000"), null}, sink));
    assertEquals("field 3 (numeric(6,2)): value overflows numeric format", bad.reason());
    assertEquals(before, sink.size());
    IllegalArgumentException wrongClass = assertThrows(IllegalArgumentException.class,
        () -> encoder.encode(new Object[] {2, "b", null, null}, sink));
    assertTrue(wrongClass.getMessage().startsWith("field 1 (bigint): bigint codec expects java.lang.Long"),
        wrongClass.getMessage());
    assertEquals(before, sink.size());
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(new Object[] {1L, "a", null}, sink));
  }

  @Test
  void malformedTuplesNameTheFieldAndOffset() {
    ByteSink sink = new ByteSink();
    sink.writeInt(0xDEADBEEF); // unrelated prefix: offsets are absolute
    encoder.encode(new Object[] {5L, "xyz", null, null}, sink);
    byte[] b = sink.toByteArray();
    Object[] out = new Object[4];

    MalformedTupleException count = assertThrows(MalformedTupleException.class,
        () -> new TupleDecoder(codecs[0], codecs[1]).decode(b, 4, b.length, new Object[2]));
    assertEquals("tuple at byte 4 at byte 4: expected 2 fields, found 4", count.getMessage());
    assertEquals(0, count.field());

    MalformedTupleException cut = assertThrows(MalformedTupleException.class, () -> decoder.decode(b, 4, b.length - 10, out));
    assertEquals(2, cut.field());
    assertEquals(18, cut.byteOffset());
    assertTrue(cut.getMessage().endsWith("field length 3 exceeds the 1 bytes left"), cut.getMessage());

    byte[] badInt = b.clone();
    badInt[9] = 7; // bigint length 8 -> 7
    MalformedTupleException field = assertThrows(MalformedTupleException.class,
        () -> decoder.decode(badInt, 4, badInt.length, out));
    assertEquals(1, field.field());
    assertInstanceOf(InvalidValueException.class, field.getCause());
    assertEquals("tuple at byte 4, field 1 at byte 10: bigint: invalid bigint payload: expected 8 bytes, got 7",
        field.getMessage());

    assertThrows(MalformedTupleException.class, () -> decoder.decode(b, 4, 5, out));
  }

  @Test
  void garbageNeverEscapesAsAnotherException() {
    Random random = new Random(42);
    Object[] out = new Object[4];
    ByteSink sink = new ByteSink();
    encoder.encode(new Object[] {5L, "xyz", codecs[2].parse("12.5"), codecs[3].parse("{1,2}")}, sink);
    byte[] valid = sink.toByteArray();
    for (int round = 0; round < 5000; round++) {
      byte[] b = Arrays.copyOf(valid, random.nextInt(valid.length + 8));
      for (int k = 0; k < 3; k++) {
        if (b.length > 0) {
          b[random.nextInt(b.length)] = (byte) random.nextInt();
        }
      }
      try {
        decoder.decode(b, 0, b.length, out);
      } catch (MalformedTupleException expected) {
        // fine
      }
    }
  }
}
