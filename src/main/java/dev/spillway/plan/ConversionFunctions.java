package dev.spillway.plan;

import dev.spillway.pgbinary.InvalidValueException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The compiled plan functions that convert text for a typed column: {@code parse_int},
 * {@code to_date}, {@code to_timestamp}. Each yields text in the column codec's input syntax (the
 * codec then parses it as it parses any input); text it cannot convert throws
 * {@link InvalidValueException} carrying that text (rejects.csv's raw value), which rejects the row
 * naming the column. NULL in, NULL out.
 * Immutable.
 */
final class ConversionFunctions {
  private ConversionFunctions() {}

  /** A whole number in the radix (ASCII digits, sign allowed, surrounding white space ignored) as decimal text. */
  record ParseInt(BoundValue.Text x, int radix) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        return null;
      }
      String digits = v.strip();
      try {
        for (int i = 0; i < digits.length(); i++) {
          if (digits.charAt(i) > 0x7f) {
            throw new NumberFormatException("not an ASCII digit"); // Long.parseLong takes any Unicode digit
          }
        }
        return Long.toString(Long.parseLong(digits, radix));
      } catch (NumberFormatException e) {
        throw InvalidValueException.refusing(v,
            "parse_int: '" + v + "' is not a base-" + radix + " integer (or is out of range)");
      }
    }
  }

  /** A date in the pattern, as ISO text ({@code 2024-02-29}, {@code 0044-03-15 BC}) for the column's codec. */
  record ToDate(BoundValue.Text x, DateTimeFormatter format, String pattern) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        return null;
      }
      try {
        return isoDate(LocalDate.from(format.parse(v)));
      } catch (java.time.DateTimeException e) {
        throw InvalidValueException.refusing(v,
            "to_date: '" + v + "' does not match pattern '" + pattern + "': " + e.getMessage());
      }
    }
  }

  /**
   * A timestamp in the pattern as ISO text ({@code 2024-02-29 13:05:00}, with {@code +01:00} when
   * the pattern reads an offset); a pattern with only a date gives midnight.
   */
  record ToTimestamp(BoundValue.Text x, DateTimeFormatter format, String pattern) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        return null;
      }
      try {
        TemporalAccessor t = format.parseBest(v, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof OffsetDateTime o) {
          return isoDate(o.toLocalDate()) + " " + o.toLocalTime() + " " + o.getOffset().getId().replace("Z", "+00:00");
        }
        if (t instanceof LocalDateTime l) {
          return isoDate(l.toLocalDate()) + " " + l.toLocalTime();
        }
        return isoDate((LocalDate) t) + " 00:00:00";
      } catch (java.time.DateTimeException e) {
        throw InvalidValueException.refusing(v,
            "to_timestamp: '" + v + "' does not match pattern '" + pattern + "': " + e.getMessage());
      }
    }
  }

  /** {@code yyyy-MM-dd}, years before 1 as {@code yyyy-MM-dd BC} (the codec's input syntax). */
  static String isoDate(LocalDate d) {
    int year = d.getYear();
    String md = String.format(Locale.ROOT, "-%02d-%02d", d.getMonthValue(), d.getDayOfMonth());
    return year > 0 ? String.format(Locale.ROOT, "%04d", year) + md : String.format(Locale.ROOT, "%04d", 1 - year) + md + " BC";
  }

}
