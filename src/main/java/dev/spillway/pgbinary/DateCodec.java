package dev.spillway.pgbinary;

import java.time.LocalDate;

/**
 * {@code date}: values are {@link LocalDate} ({@link LocalDate#MAX}/{@link LocalDate#MIN} are
 * {@code infinity}/{@code -infinity}); payload is int32 days since 2000-01-01, with
 * {@code Integer.MAX_VALUE}/{@code MIN_VALUE} for the infinities. Valid range 4714-11-24 BC to
 * 5874897-12-31, else {@code date out of range}. Input per {@link DateTimeText}; a time part is
 * validated and ignored, as the server does.
 */
final class DateCodec implements Codec {
  private final ColumnType type;

  DateCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    DateTimeText.Parsed p = DateTimeText.parseDateTime(text, "date");
    switch (p.special()) {
      case INFINITY:
        return LocalDate.MAX;
      case NEGATIVE_INFINITY:
        return LocalDate.MIN;
      case EPOCH:
        return LocalDate.EPOCH;
      default:
        if (!PgTime.isValidDate(PgTime.pgDays(p.date()))) {
          throw new InvalidValueException("date out of range");
        }
        return p.date();
    }
  }

  @Override
  public void encode(Object value, ByteSink out) {
    LocalDate date = Values.as(LocalDate.class, value, type);
    if (date.equals(LocalDate.MAX)) {
      out.writeInt(Integer.MAX_VALUE);
    } else if (date.equals(LocalDate.MIN)) {
      out.writeInt(Integer.MIN_VALUE);
    } else {
      out.writeInt((int) PgTime.pgDays(date));
    }
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("date", 4, length);
    int days = Payload.readInt(buf, offset);
    if (days == Integer.MAX_VALUE) {
      return LocalDate.MAX;
    }
    if (days == Integer.MIN_VALUE) {
      return LocalDate.MIN;
    }
    if (!PgTime.isValidDate(days)) {
      throw new InvalidValueException("date out of range");
    }
    return PgTime.dateOf(days);
  }

  @Override
  public String format(Object value) {
    LocalDate date = Values.as(LocalDate.class, value, type);
    if (date.equals(LocalDate.MAX)) {
      return "infinity";
    }
    if (date.equals(LocalDate.MIN)) {
      return "-infinity";
    }
    StringBuilder out = new StringBuilder(13);
    if (DateTimeFormat.appendDate(out, date)) {
      out.append(" BC");
    }
    return out.toString();
  }
}
