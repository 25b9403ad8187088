package dev.spillway.pgbinary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * {@code numeric} and {@code numeric(p,s)}: values are {@link BigDecimal} (display scale =
 * {@code max(0, scale)}) or {@link NumericSpecial}. Text rules in {@link NumericText}.
 *
 * <p>Payload (the server's {@code numeric_send}), all fields big-endian:
 * <pre>
 *   uint16 ndigits   number of base-10000 digits that follow
 *   int16  weight    power of 10000 of the first digit
 *   uint16 sign      0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity
 *   uint16 dscale    decimal digits shown after the point (0..16383)
 *   int16  digit[ndigits]  each 0..9999, no leading or trailing zero digits; zero has none
 * </pre>
 * The server sends dscale 0 for NaN and 32 for the infinities (bits of its short header leak
 * through); we send the same bytes. Decoding truncates digits hidden by dscale and applies the
 * typmod, as the server's {@code numeric_recv} does.
 */
final class NumericCodec implements Codec {
  private static final int POSITIVE = 0x0000;
  private static final int NEGATIVE = 0x4000;
  private static final int NAN = 0xC000;
  private static final int PINF = 0xD000;
  private static final int NINF = 0xF000;
  private static final int SPECIAL_INFINITY_DSCALE = 32;
  private static final int HEADER_BYTES = 8;

  private final ColumnType type;

  NumericCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return NumericText.applyTypmod(NumericText.parse(text), type.precision(), type.scale());
  }

  @Override
  public void encode(Object value, ByteSink out) {
    if (value instanceof NumericSpecial special) {
      out.writeShort(0).writeShort(0);
      switch (special) {
        case NAN -> out.writeShort(NAN).writeShort(0);
        case POSITIVE_INFINITY -> out.writeShort(PINF).writeShort(SPECIAL_INFINITY_DSCALE);
        case NEGATIVE_INFINITY -> out.writeShort(NINF).writeShort(SPECIAL_INFINITY_DSCALE);
      }
      return;
    }
    BigDecimal d = Values.as(BigDecimal.class, value, type);
    int dscale = Math.max(0, d.scale());
    if (dscale > NumericText.MAX_DISPLAY_SCALE) {
      throw NumericText.overflow();
    }
    if (d.signum() == 0) {
      out.writeShort(0).writeShort(0).writeShort(POSITIVE).writeShort(dscale);
      return;
    }
    // value = U * 10^e = (U * 10^r) * 10000^q with e = 4q + r, 0 <= r < 4
    long e = -(long) d.scale();
    int r = (int) Math.floorMod(e, 4L);
    long q = Math.floorDiv(e, 4L);
    String v = d.unscaledValue().abs().toString() + "000".substring(0, r);
    int lead = (4 - v.length() % 4) % 4;
    int groups = (v.length() + lead) / 4;
    long weight = groups - 1 + q;
    if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE) {
      throw NumericText.overflow();
    }
    int[] digits = new int[groups];
    for (int g = 0, pos = -lead; g < groups; g++, pos += 4) {
      int digit = 0;
      for (int k = pos; k < pos + 4; k++) {
        digit = digit * 10 + (k < 0 ? 0 : v.charAt(k) - '0');
      }
      digits[g] = digit;
    }
    int ndigits = groups;
    while (digits[ndigits - 1] == 0) {
      ndigits--;
    }
    out.writeShort(ndigits).writeShort((int) weight).writeShort(d.signum() < 0 ? NEGATIVE : POSITIVE).writeShort(dscale);
    for (int g = 0; g < ndigits; g++) {
      out.writeShort(digits[g]);
    }
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    if (length < HEADER_BYTES) {
      throw new InvalidValueException("invalid numeric payload: " + length + " bytes, header needs " + HEADER_BYTES);
    }
    int ndigits = Payload.readUnsignedShort(buf, offset);
    if (length != HEADER_BYTES + 2 * ndigits) {
      throw new InvalidValueException("invalid numeric payload: " + ndigits + " digits need "
          + (HEADER_BYTES + 2 * ndigits) + " bytes, got " + length);
    }
    int weight = Payload.readShort(buf, offset + 2);
    int sign = Payload.readUnsignedShort(buf, offset + 4);
    int dscale = Payload.readUnsignedShort(buf, offset + 6);
    Object special = switch (sign) {
      case POSITIVE, NEGATIVE -> null;
      case NAN -> NumericSpecial.NAN;
      case PINF -> NumericSpecial.POSITIVE_INFINITY;
      case NINF -> NumericSpecial.NEGATIVE_INFINITY;
      default -> throw new InvalidValueException("invalid sign in numeric payload: 0x" + Integer.toHexString(sign));
    };
    if (special != null) {
      return NumericText.applyTypmod(special, type.precision(), type.scale());
    }
    if (dscale > NumericText.MAX_DISPLAY_SCALE) {
      throw new InvalidValueException("invalid scale in numeric payload: " + dscale);
    }
    if (ndigits == 0) {
      return NumericText.applyTypmod(BigDecimal.ZERO.setScale(dscale), type.precision(), type.scale());
    }
    BigInteger unscaled = ndigits <= 4 ? BigInteger.valueOf(smallDigits(buf, offset, ndigits)) : digits(buf, offset, ndigits);
    BigDecimal value = new BigDecimal(sign == NEGATIVE ? unscaled.negate() : unscaled, 4 * (ndigits - 1 - weight));
    boolean keepNegativeScale = value.scale() < 0 && dscale == 0; // display scale 0 already; don't expand
    if (value.scale() != dscale && !keepNegativeScale) {
      value = value.setScale(dscale, RoundingMode.DOWN); // digits hidden by dscale are cut, as numeric_recv does
    }
    NumericText.checkIntegerDigits(value);
    return NumericText.applyTypmod(value, type.precision(), type.scale());
  }

  /** The base-10000 digits as one integer; at most 4 of them (< 10^16), the common case. */
  private static long smallDigits(byte[] buf, int offset, int ndigits) {
    long value = 0;
    for (int g = 0; g < ndigits; g++) {
      value = value * 10_000 + checkedDigit(buf, offset, g);
    }
    return value;
  }

  /** The base-10000 digits as one integer, any number of them. */
  private static BigInteger digits(byte[] buf, int offset, int ndigits) {
    StringBuilder digits = new StringBuilder(4 * ndigits + 1);
    for (int g = 0; g < ndigits; g++) {
      int digit = checkedDigit(buf, offset, g);
      digits.append(digit < 1000 ? (digit < 100 ? (digit < 10 ? "000" : "00") : "0") : "").append(digit);
    }
    return new BigInteger(digits.toString());
  }

  private static int checkedDigit(byte[] buf, int offset, int g) {
    int digit = Payload.readShort(buf, offset + HEADER_BYTES + 2 * g);
    if (digit < 0 || digit > 9999) {
      throw new InvalidValueException("invalid digit in numeric payload: " + digit);
    }
    return digit;
  }

  @Override
  public String format(Object value) {
    if (!(value instanceof NumericSpecial)) {
      Values.as(BigDecimal.class, value, type);
    }
    return NumericText.format(value);
  }

  /** Without display scale: {@code 100.50}, {@code 100.5} and {@code 1.005e2} are {@code 100.5}; {@code -0.00} is {@code 0}. */
  @Override
  public String keyText(Object value) {
    if (!(value instanceof NumericSpecial)) {
      Values.as(BigDecimal.class, value, type);
    }
    return NumericText.keyText(value);
  }
}
