package dev.spillway.pgbinary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random codec values for property tests, drawn from a seeded {@link Random}: uniform bit patterns
 * and ranges mixed with edge values. Types with an invariant (char padding, typmods, canonical
 * jsonb) are produced by the codec's own {@code parse} of random text.
 */
final class RandomValues {
  private static final int[] CODE_POINTS = {'a', 'Z', '0', ' ', '\t', '\n', '\r', '\\', '"', '\'', ',', '{', '}', 0x01,
      0x1F, 0x7F, 0xE9, 0xF1, 0x301, 0x3B1, 0x65E5, 0x672C, 0xFFFD, 0xFFFF, 0x1F389, 0x1F600, 0x10FFFF, 0xE000};

  private final Random random;
  private final Codec codec;
  /** Generator for array elements; null for scalar types. */
  private final RandomValues elements;

  RandomValues(Random random, Codec codec) {
    this.random = random;
    this.codec = codec;
    ColumnType t = codec.type();
    this.elements = !t.array() ? null : new RandomValues(random,
        CodecRegistry.standard().codecFor(new ColumnType(t.base(), t.length(), t.precision(), t.scale(), false)));
  }

  Object next() {
    ColumnType type = codec.type();
    if (type.array()) {
      int n = random.nextInt(7);
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        values.add(random.nextInt(5) == 0 ? null : elements.next());
      }
      return Collections.unmodifiableList(values);
    }
    return switch (type.base()) {
      case BOOLEAN -> random.nextBoolean();
      case SMALLINT -> (short) random.nextInt();
      case INTEGER -> pick(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, random.nextInt());
      case BIGINT -> pick(Long.MIN_VALUE, Long.MAX_VALUE, 0L, random.nextLong() >> random.nextInt(64));
      case REAL -> random.nextBoolean() ? Float.intBitsToFloat(random.nextInt())
          : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
      case DOUBLE -> random.nextBoolean() ? Double.longBitsToDouble(random.nextLong())
          : random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
      case NUMERIC -> type.precision() > 0 ? parsed(decimalText(type.precision(), type.scale())) : numericOrSpecial();
      case TEXT, JSON -> type.base() == PgType.JSON ? json(0) : string(40);
      case VARCHAR, CHAR -> parsed(string(type.length() < 1 ? 30 : random.nextInt(type.length() + 1)));
      case BYTEA -> bytes(random.nextInt(65));
      case DATE -> pick(LocalDate.MIN, LocalDate.MAX, LocalDate.of(2000, 1, 1),
          PgTime.dateOf(between(PgTime.MIN_DATE_DAYS, PgTime.MAX_DATE_DAYS + 1)));
      case TIME -> pick(LocalTime.MAX, LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
          LocalTime.ofNanoOfDay(between(0, PgTime.MICROS_PER_DAY) * 1000));
      case TIMESTAMP -> pick(LocalDateTime.MIN, LocalDateTime.MAX, PgTime.localDateTimeOf(PgTime.MIN_TIMESTAMP),
          PgTime.localDateTimeOf(timestampMicros()));
      case TIMESTAMPTZ -> pick(Instant.MIN, Instant.MAX, PgTime.instantOf(PgTime.END_TIMESTAMP - 1),
          PgTime.instantOf(timestampMicros()));
      case INTERVAL -> new PgInterval(smallOrAny(), smallOrAny(),
          random.nextBoolean() ? random.nextLong() | 1 : random.nextInt() * 1000L + random.nextInt(1000));
      case UUID -> new UUID(random.nextLong(), random.nextLong());
      case JSONB -> parsed(json(0));
      case INET -> inet();
    };
  }

  private Object parsed(String text) {
    return codec.parse(text);
  }

  @SafeVarargs
  private <T> T pick(T... edgesThenRandom) {
    int i = random.nextInt(20);
    return i < edgesThenRandom.length - 1 ? edgesThenRandom[i] : edgesThenRandom[edgesThenRandom.length - 1];
  }

  private long between(long fromInclusive, long toExclusive) {
    long span = toExclusive - fromInclusive;
    if (span > 0) {
      return fromInclusive + Math.floorMod(random.nextLong(), span);
    }
    while (true) { // span overflowed: more than half the long range, so rejection is quick
      long v = random.nextLong();
      if (v >= fromInclusive && v < toExclusive) {
        return v;
      }
    }
  }

  private long timestampMicros() {
    return random.nextInt(3) == 0
        ? between(-3_000_000_000_000_000L, 3_000_000_000_000_000L) // 1905..2095
        : between(PgTime.MIN_TIMESTAMP, PgTime.END_TIMESTAMP);
  }

  private int smallOrAny() {
    return random.nextBoolean() ? random.nextInt(100) - 50 : random.nextInt();
  }

  private BigDecimal numeric() {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return BigDecimal.ZERO.setScale(random.nextInt(5));
    }
    int digits = 1 + random.nextInt(kind == 1 ? 400 : 40);
    BigInteger unscaled = new BigInteger(decimalDigits(digits));
    int scale = kind == 2 ? -random.nextInt(1000) : random.nextInt(60) - 10;
    return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
  }

  private Object numericOrSpecial() {
    return random.nextInt(20) == 0 ? NumericSpecial.values()[random.nextInt(3)] : numeric();
  }

  /** Decimal text that fits numeric(precision, scale) after rounding (sometimes NaN). */
  private String decimalText(int precision, int scale) {
    if (random.nextInt(20) == 0) {
      return "NaN";
    }
    int integerDigits = random.nextInt(precision - scale + 1);
    String integer = integerDigits == 0 ? "0" : String.valueOf(1 + random.nextInt(9)) + decimalDigits(integerDigits - 1);
    String fraction = decimalDigits(random.nextInt(scale + 4));
    if (integerDigits == precision - scale && !fraction.isEmpty()) {
      fraction = "0" + fraction; // keep clear of rounding up past the limit
      fraction = fraction.substring(0, Math.min(fraction.length(), scale));
    }
    return (random.nextBoolean() ? "-" : "") + integer + (fraction.isEmpty() ? "" : "." + fraction);
  }

  private String decimalDigits(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  private String string(int maxCodePoints) {
    int n = maxCodePoints == 0 ? 0 : random.nextInt(maxCodePoints + 1);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.appendCodePoint(random.nextInt(3) == 0 ? CODE_POINTS[random.nextInt(CODE_POINTS.length)] : 0x20 + random.nextInt(0x5F));
    }
    return s.toString();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Random JSON text with varied white space, escapes, numbers and nesting. */
  private String json(int depth) {
    int kind = random.nextInt(depth > 3 ? 4 : 7);
    String ws = new String[] {"", " ", "\n", "\t ", "\r\n"}[random.nextInt(5)];
    switch (kind) {
      case 0:
        return new String[] {"true", "false", "null"}[random.nextInt(3)];
      case 1: {
        String n = (random.nextBoolean() ? "-" : "") + (random.nextInt(4) == 0 ? "0" : String.valueOf(1 + random.nextInt(100000)));
        if (random.nextBoolean()) {
          n += "." + decimalDigits(1 + random.nextInt(6));
        }
        if (random.nextInt(4) == 0) {
          n += (random.nextBoolean() ? "e" : "E") + new String[] {"", "+", "-"}[random.nextInt(3)] + random.nextInt(30);
        }
        return n;
      }
      case 2:
      case 3:
        return jsonString();
      case 4:
      case 5: {
        StringBuilder s = new StringBuilder("[").append(ws);
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          s.append(i > 0 ? "," + ws : "").append(json(depth + 1));
        }
        return s.append(ws).append(']').toString();
      }
      default: {
        StringBuilder s = new StringBuilder("{").append(ws);
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          s.append(i > 0 ? "," : "").append(ws).append(random.nextInt(3) == 0 ? "\"k\"" : jsonString()).append(ws)
              .append(':').append(ws).append(json(depth + 1));
        }
        return s.append(ws).append('}').toString();
      }
    }
  }

  private String jsonString() {
    StringBuilder s = new StringBuilder("\"");
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0 -> s.append(new String[] {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"}[random.nextInt(8)]);
        case 1 -> s.append(String.format("\\u%04x", 1 + random.nextInt(0xD7FF)));
        case 2 -> s.append("\\ud83d\\ude00");
        default -> {
          int cp = random.nextInt(3) == 0 ? CODE_POINTS[random.nextInt(CODE_POINTS.length)] : 0x20 + random.nextInt(0x5F);
          if (cp >= 0x20 && cp != '"' && cp != '\\') {
            s.appendCodePoint(cp);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  private PgInet inet() {
    boolean v6 = random.nextBoolean();
    byte[] address = bytes(v6 ? 16 : 4);
    if (v6 && random.nextBoolean()) { // runs of zero groups, IPv4-mapped forms
      int from = random.nextInt(16);
      int to = from + random.nextInt(17 - from);
      java.util.Arrays.fill(address, from, to, (byte) 0);
      if (random.nextInt(4) == 0) {
        java.util.Arrays.fill(address, 0, 10, (byte) 0);
        address[10] = (byte) 0xFF;
        address[11] = (byte) 0xFF;
      }
    }
    int max = v6 ? 128 : 32;
    return new PgInet(address, random.nextBoolean() ? max : random.nextInt(max + 1));
  }
}
