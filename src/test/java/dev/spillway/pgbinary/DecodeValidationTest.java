package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding treats payloads as untrusted: wrong lengths, truncation, trailing bytes, forged counts
 * and garbage end in {@link InvalidValueException}, never in another exception or a large
 * allocation.
 */
class DecodeValidationTest {
  /** Types whose every truncation or extension of a valid payload is invalid. */
  private static final Set<String> STRICT = Set.of("boolean", "smallint", "integer", "bigint", "real",
      "double precision", "numeric", "numeric(5,2)", "numeric(3,3)", "numeric(10,0)", "numeric(30,10)", "date", "time",
      "timestamp", "timestamptz", "interval", "uuid", "inet");

  private final CodecRegistry registry = CodecRegistry.standard();

  static Stream<Arguments> types() {
    return EdgeValues.TABLE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  private Codec codec(String type) {
    return registry.codecFor(ColumnType.parse(type));
  }

  private static byte[] encode(Codec codec, String literal) {
    ByteSink sink = new ByteSink(8);
    codec.encode(codec.parse(literal), sink);
    return sink.toByteArray();
  }

  @ParameterizedTest
  @CsvSource({"boolean,1", "smallint,2", "integer,4", "bigint,8", "real,4", "double precision,8", "date,4", "time,8",
      "timestamp,8", "timestamptz,8", "interval,16", "uuid,16"})
  void fixedWidthPayloadsMustHaveExactlyTheirWidth(String type, int width) {
    Codec codec = codec(type);
    for (int length : new int[] {0, width - 1, width + 1, 2 * width}) {
      InvalidValueException e = assertThrows(InvalidValueException.class, () -> codec.decode(new byte[32], 0, length));
      assertEquals("invalid " + type + " payload: expected " + width + " bytes, got " + length, e.reason());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void truncatedOrExtendedPayloadsFailCleanly(String type, List<String> literals) {
    Codec codec = codec(type);
    List<String> failures = new ArrayList<>();
    for (String literal : literals) {
      byte[] valid = encode(codec, literal);
      for (int cut = 0; cut <= valid.length + 1; cut++) {
        if (cut == valid.length) {
          continue;
        }
        byte[] damaged = Arrays.copyOf(valid, cut); // cut == length + 1 appends a zero byte
        try {
          codec.decode(damaged, 0, damaged.length);
          if (STRICT.contains(type) || type.endsWith("[]")) {
            failures.add("'" + literal + "' cut to " + cut + " of " + valid.length + " bytes was accepted");
          }
        } catch (InvalidValueException expected) {
          // the point
        } catch (RuntimeException e) {
          failures.add("'" + literal + "' cut to " + cut + " bytes: " + e);
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(type + "\n  " + String.join("\n  ", failures.subList(0, Math.min(20, failures.size()))));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void randomlyCorruptedPayloadsFailCleanly(String type, List<String> literals) {
    Codec codec = codec(type);
    Random random = new Random(type.hashCode());
    for (String literal : literals) {
      byte[] valid = encode(codec, literal);
      for (int round = 0; round < 100; round++) {
        byte[] damaged = corrupt(valid, random);
        try {
          codec.decode(damaged, 0, damaged.length);
        } catch (InvalidValueException expected) {
          // fine: refused with a reason
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
          throw new AssertionError(type + " '" + literal + "' corrupted to " + ServerCopy.hex(damaged) + ": " + e, e);
        }
      }
    }
  }

  private static byte[] corrupt(byte[] valid, Random random) {
    byte[] b = valid.length == 0 || random.nextInt(8) == 0 ? new byte[random.nextInt(40)] : valid.clone();
    switch (random.nextInt(4)) {
      case 0 -> random.nextBytes(b);
      case 1 -> {
        for (int i = 0; i < 1 + random.nextInt(3) && b.length > 0; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 2 -> {
        if (b.length > 0) {
          b[random.nextInt(b.length)] = (byte) (random.nextBoolean() ? 0xFF : 0x7F);
        }
      }
      default -> b = Arrays.copyOf(b, Math.max(0, b.length + random.nextInt(9) - 4));
    }
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void decodesAtAnOffsetInsideALargerBuffer(String type, List<String> literals) {
    Codec codec = codec(type);
    for (String literal : literals) {
      byte[] valid = encode(codec, literal);
      byte[] padded = new byte[valid.length + 10];
      Arrays.fill(padded, (byte) 0x5A);
      System.arraycopy(valid, 0, padded, 7, valid.length);
      assertEquals(codec.format(codec.decode(valid, 0, valid.length)), codec.format(codec.decode(padded, 7, valid.length)));
    }
  }

  @Test
  void sliceOutsideTheBufferIsRefused() {
    for (String type : EdgeValues.TABLE.keySet()) {
      Codec codec = codec(type);
      assertThrows(InvalidValueException.class, () -> codec.decode(new byte[8], 6, 4), type);
      assertThrows(InvalidValueException.class, () -> codec.decode(new byte[8], -1, 4), type);
      assertThrows(InvalidValueException.class, () -> codec.decode(new byte[8], 0, -1), type);
    }
  }

  /** Hand-made hostile payloads, with the reason each must give. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "integer[]|00000001 00000000 00000017 7fffffff 00000001|invalid array length 2147483647: 0 bytes left hold at most 0 elements",
      "integer[]|00000001 00000000 00000017 00000002 00000001 00000004 00000001|array element 2 length missing at byte 28",
      "integer[]|00000001 00000000 00000017 00000001 00000001 7ffffff0|array element 1 length 2147483632 exceeds the 0 bytes left",
      "integer[]|00000001 00000000 00000017 00000001 00000001 fffffffe|array element 1 length -2 exceeds the 0 bytes left",
      "integer[]|00000001 00000000 00000017 00000001 00000001 00000003 000001|array element 1: invalid integer payload: expected 4 bytes, got 3",
      "integer[]|00000002 00000000 00000017 00000001 00000001 00000001 00000001|multidimensional arrays are not supported: 2 dimensions",
      "integer[]|ffffffff 00000000 00000017|invalid number of array dimensions: -1",
      "integer[]|00000000 00000002 00000017|invalid array flags: 2",
      "integer[]|00000000 00000000 00000019|array element type OID 25 instead of 23 (integer)",
      "integer[]|00000000 00000000 00000017 00|invalid empty array payload: expected 12 bytes, got 13",
      "integer[]|00000001 00000000 00000017 00000001 00000000 00000004 00000001|array lower bound 0 is not supported (only 1)",
      "integer[]|00000001 00000000 00000017 00000001 00000001 00000004 00000001 00|invalid array payload: 1 bytes after the last element",
      "numeric|ffff 0000 0000 0000|invalid numeric payload: 65535 digits need 131078 bytes, got 8",
      "numeric|0001 0000 0000 0000 2710|invalid digit in numeric payload: 10000",
      "numeric|0000 0000 1234 0000|invalid sign in numeric payload: 0x1234",
      "numeric|0000 0000 0000 4000|invalid scale in numeric payload: 16384",
      "numeric(5,2)|0001 0001 0000 0000 0001|numeric field overflow (a field with precision 5, scale 2 must round to an absolute value less than 10^3)",
      "jsonb|02 7b7d|unsupported jsonb version number 2",
      "jsonb||invalid jsonb payload: empty, expected a version byte",
      "jsonb|01 7b|invalid input syntax for type json (unexpected end of input at character 2)",
      "json|5b 31 2c 5d|invalid input syntax for type json (unexpected token at character 4)",
      "text|c3 28|invalid byte sequence for encoding UTF8",
      "text|c0 80|invalid byte sequence for encoding UTF8",
      "text|ed a0 80|invalid byte sequence for encoding UTF8",
      "text|f4 90 80 80|invalid byte sequence for encoding UTF8",
      "text|61 00 62|NUL byte in text",
      "varchar(2)|61 62 63|value too long for type character varying(2)",
      "char(2)|61 62 63|value too long for type character(2)",
      "inet|09 20 00 04 01020304|invalid address family in inet payload: 9",
      "inet|02 21 00 04 01020304|invalid bits in inet payload: 33",
      "inet|02 20 00 10 01020304|invalid length in inet payload: address 16 bytes, payload 8 bytes, family needs 4",
      "inet|03 80 00 10 01020304|invalid length in inet payload: address 16 bytes, payload 8 bytes, family needs 16",
      "date|7ffffffe|date out of range",
      "date|80000001|date out of range",
      "time|ffffffffffffffff|time out of range",
      "time|000000141dd76001|time out of range",
      "timestamp|7ffffffffffffffe|timestamp out of range",
      "timestamptz|8000000000000001|timestamp out of range"})
  void hostilePayloadsAreRefusedWithAReason(String type, String hex, String reason) {
    byte[] payload = hex == null ? new byte[0] : parseHex(hex);
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> codec(type).decode(payload, 0, payload.length));
    assertEquals(reason, e.reason());
  }

  @Test
  void specialValuesDecode() {
    assertEquals("infinity", codec("date").format(codec("date").decode(parseHex("7fffffff"), 0, 4)));
    assertEquals("-infinity", codec("timestamp").format(codec("timestamp").decode(parseHex("8000000000000000"), 0, 8)));
    assertEquals("24:00:00", codec("time").format(codec("time").decode(parseHex("000000141dd76000"), 0, 8)));
    // the server truncates digits hidden by dscale; so do we: 1.2345 with dscale 2 is 1.23
    assertEquals("1.23", codec("numeric").format(codec("numeric").decode(parseHex("0002 0000 0000 0002 0001 0929"), 0, 12)));
    assertTrue((Boolean) codec("boolean").decode(new byte[] {2}, 0, 1), "boolrecv: any non-zero byte is true");
  }

  static byte[] parseHex(String hex) {
    String h = hex.replace(" ", "");
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
