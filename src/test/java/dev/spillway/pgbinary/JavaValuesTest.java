package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A Java value taken as it is encodes to the same bytes as its text form parsed by the same codec. */
class JavaValuesTest {
  private final CodecRegistry registry = CodecRegistry.standard();

  private record Case(String type, Object value) {}

  private static final List<Case> FITTING = List.of(
      new Case("bigint", 42L), new Case("bigint", Long.MIN_VALUE), new Case("bigint", 7), new Case("integer", -3),
      new Case("integer", 5L), new Case("smallint", (short) 12), new Case("smallint", 32767),
      new Case("double precision", 0.1), new Case("double precision", -0.0), new Case("double precision", 1e300),
      new Case("double precision", Double.NaN), new Case("double precision", Double.NEGATIVE_INFINITY),
      new Case("real", 1.1f), new Case("numeric", new BigDecimal("123.4500")), new Case("numeric", new BigDecimal("1E+5")),
      new Case("numeric(6,2)", new BigDecimal("3.14159")), new Case("numeric", 99L), new Case("boolean", true),
      new Case("boolean", false), new Case("date", LocalDate.of(2024, 2, 29)), new Case("date", LocalDate.of(-44, 3, 15)),
      new Case("timestamp", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)),
      new Case("timestamp", LocalDateTime.of(1, 1, 1, 0, 0)),
      new Case("timestamptz", Instant.parse("2024-01-02T03:04:05.000001Z")),
      new Case("timestamptz", OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))),
      new Case("uuid", UUID.fromString("0e5c5d2a-7c59-4c1e-9f5e-2b7a3c4d5e6f")),
      new Case("bytea", new byte[] {0, 1, (byte) 0xff, 0x7f}));

  @Test
  void aFittingValueEncodesAsItsTextFormParsed() {
    for (Case c : FITTING) {
      Codec codec = registry.codecFor(ColumnType.parse(c.type()));
      Object direct = JavaValues.toColumnValue(codec, c.value());
      assertNotNull(direct, c.toString());
      assertArrayEquals(encode(codec, codec.parse(JavaValues.text(c.value()))), encode(codec, direct), c.toString());
    }
  }

  @Test
  void aValueThatDoesNotFitIsLeftToItsTextForm() {
    assertNull(JavaValues.toColumnValue(registry.codecFor(ColumnType.parse("text")), 42L));
    assertNull(JavaValues.toColumnValue(registry.codecFor(ColumnType.parse("real")), 0.1));
    assertNull(JavaValues.toColumnValue(registry.codecFor(ColumnType.parse("timestamp")), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1)));
    assertNull(JavaValues.toColumnValue(registry.codecFor(ColumnType.parse("timestamptz")), Instant.ofEpochSecond(0, 500)));
    assertEquals("2024-01-01 00:00:00.000000001", JavaValues.text(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1)));
    assertEquals("0045-03-15 BC", JavaValues.text(LocalDate.of(-44, 3, 15)));
    assertEquals("2024-06-01 12:00:00+05:30", JavaValues.text(OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))));
    assertEquals("\\x0001ff", JavaValues.text(new byte[] {0, 1, (byte) 0xff}));
  }

  @Test
  void outOfRangeValuesGiveTheTextPathsReason() {
    for (Case c : List.of(new Case("integer", 1L << 40), new Case("smallint", 40_000), new Case("numeric(4,2)", new BigDecimal("100")),
        new Case("date", LocalDate.of(6_000_000, 1, 1)), new Case("timestamp", LocalDateTime.of(300_000, 1, 1, 0, 0)),
        new Case("timestamptz", Instant.parse("+300000-01-01T00:00:00Z")))) {
      Codec codec = registry.codecFor(ColumnType.parse(c.type()));
      InvalidValueException typed = assertThrows(InvalidValueException.class, () -> JavaValues.toColumnValue(codec, c.value()), c.toString());
      InvalidValueException text = assertThrows(InvalidValueException.class, () -> codec.parse(JavaValues.text(c.value())), c.toString());
      assertEquals(text.reason(), typed.reason(), c.toString());
    }
  }

  @Test
  void anUnsupportedClassIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JavaValues.text(new StringBuilder("x")));
    assertEquals(true, e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
  }

  private static byte[] encode(Codec codec, Object value) {
    ByteSink sink = new ByteSink(16);
    codec.encode(value, sink);
    return sink.toByteArray();
  }
}
