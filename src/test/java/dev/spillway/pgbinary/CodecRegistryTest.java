package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodecRegistryTest {
  @ParameterizedTest
  @EnumSource(PgType.class)
  void standardHasAScalarAndAnArrayCodecForEveryType(PgType type) {
    CodecRegistry registry = CodecRegistry.standard();
    ColumnType scalar = ColumnType.of(type);
    ColumnType array = new ColumnType(type, scalar.length(), -1, -1, true);
    assertEquals(scalar, registry.codecFor(scalar).type());
    Codec arrayCodec = registry.codecFor(array);
    assertInstanceOf(ArrayCodec.class, arrayCodec);
    assertEquals(array, arrayCodec.type());
  }

  @Test
  void modifiersReachTheCodec() {
    Codec codec = CodecRegistry.standard().codecFor(ColumnType.parse("numeric(4,1)[]"));
    assertEquals("{1.3,NULL}", codec.format(codec.parse("{1.25,NULL}")));
  }

  @Test
  void duplicateRegistrationIsAnError() {
    CodecRegistry.Builder builder = CodecRegistry.builder().register(PgType.TEXT, TextCodec::new);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder.register(PgType.TEXT, TextCodec::new));
    assertEquals("a codec for text is already registered", e.getMessage());
  }

  @Test
  void missingCodecNamesTheType() {
    CodecRegistry registry = CodecRegistry.builder().register(PgType.TEXT, TextCodec::new).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> registry.codecFor(ColumnType.parse("uuid[]")));
    assertTrue(e.getMessage().startsWith("no codec registered for type uuid[]"), e.getMessage());
  }

  @Test
  void timestamptzUsesTheGivenZoneForInputWithoutOffsetAndForOutput() {
    Codec kolkata = CodecRegistry.standard(java.time.ZoneId.of("Asia/Kolkata")).codecFor(ColumnType.parse("timestamptz"));
    Codec utc = CodecRegistry.standard().codecFor(ColumnType.parse("timestamptz"));
    Object v = kolkata.parse("2024-01-02 10:00:00");
    assertEquals("2024-01-02 04:30:00+00", utc.format(v));
    assertEquals("2024-01-02 10:00:00+05:30", kolkata.format(v));
  }

  @Test
  void readingInAZoneReadsInputWithoutOffsetThereAndRendersInUtc() {
    Codec berlin = CodecRegistry.readingIn(java.time.ZoneId.of("Europe/Berlin")).codecFor(ColumnType.parse("timestamptz"));
    assertEquals("2024-07-01 08:00:00+00", berlin.format(berlin.parse("2024-07-01 10:00:00")));
    assertEquals("2024-01-01 09:00:00+00", berlin.format(berlin.parse("2024-01-01 10:00:00")));
    assertEquals("2024-07-01 10:00:00+00", berlin.format(berlin.parse("2024-07-01 10:00:00+00")));
    // the gap: 02:30 does not exist and is read as 02:30 standard time; the overlap: the later 02:30 (standard time)
    assertEquals("2024-03-31 01:30:00+00", berlin.format(berlin.parse("2024-03-31 02:30:00")));
    assertEquals("2024-10-27 01:30:00+00", berlin.format(berlin.parse("2024-10-27 02:30:00")));
  }
}
