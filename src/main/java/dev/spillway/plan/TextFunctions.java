package dev.spillway.plan;

import dev.spillway.pgbinary.InvalidValueException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiled plan functions and {@code $#}: small immutable evaluators over already-bound
 * arguments, built once per file by {@link SourceBinder} (regexes compiled, radixes and patterns
 * resolved), so the row loop calls them without any lookup. A function of NULL is NULL except
 * {@code concat} and {@code coalesce}. A value a function cannot convert ({@code parse_int} of a
 * bad digit, {@code to_date} of a non-date) throws {@link InvalidValueException}: stage one rejects
 * the row naming the column, like a value its type refuses.
 */
final class TextFunctions {
  private TextFunctions() {}

  /** The evaluator of {@code function} over bound {@code args} (literal ones as constants). */
  static BoundValue.Computed of(ValueFunction function, List<BoundValue.Text> args) {
    BoundValue.Text x = args.get(0);
    return switch (function) {
      case TRIM -> new Trim(x);
      case LOWER -> new Lower(x);
      case UPPER -> new Upper(x);
      case CONCAT -> new Concat(args.toArray(BoundValue.Text[]::new));
      case COALESCE -> new Coalesce(args.toArray(BoundValue.Text[]::new));
      case NULLIF -> new NullIf(x, args.get(1));
      case REPLACE -> new Replace(x, Pattern.compile(literal(args, 1)), literal(args, 2));
      case EXTRACT -> new Extract(x, Pattern.compile(literal(args, 1)));
      case SPLIT_PART -> new SplitPart(x, literal(args, 1), Integer.parseInt(literal(args, 2).strip()));
      case PARSE_INT -> new ParseInt(x, args.size() < 2 ? 10 : Integer.parseInt(literal(args, 1).strip()));
      case TO_DATE -> new ToDate(x, DatePatterns.formatter(literal(args, 1)), literal(args, 1));
      case TO_TIMESTAMP -> new ToTimestamp(x, DatePatterns.formatter(literal(args, 1)), literal(args, 1));
    };
  }

  private static String literal(List<BoundValue.Text> args, int index) {
    return ((BoundValue.Constant) args.get(index)).value();
  }

  /** {@code $#}. */
  record Position(ElementPosition cell) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      return Integer.toString(cell.get());
    }
  }

  /** Leading and trailing white space removed ({@link String#strip}). */
  record Trim(BoundValue.Text x) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      return v == null ? null : v.strip();
    }
  }

  record Lower(BoundValue.Text x) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      return v == null ? null : v.toLowerCase(Locale.ROOT);
    }
  }

  record Upper(BoundValue.Text x) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      return v == null ? null : v.toUpperCase(Locale.ROOT);
    }
  }

  /** The non-NULL parts joined; the empty string when every part is NULL (as Postgres's concat). */
  record Concat(BoundValue.Text[] parts) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      StringBuilder s = new StringBuilder();
      for (BoundValue.Text part : parts) {
        String v = part.text(fields, element);
        if (v != null) {
          s.append(v);
        }
      }
      return s.toString();
    }
  }

  /** The first non-NULL argument, or NULL. Also how a table's {@code defaults:} apply. */
  record Coalesce(BoundValue.Text[] parts) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      for (BoundValue.Text part : parts) {
        String v = part.text(fields, element);
        if (v != null) {
          return v;
        }
      }
      return null;
    }
  }

  /** NULL when x equals y, else x. */
  record NullIf(BoundValue.Text x, BoundValue.Text y) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      return v != null && v.equals(y.text(fields, element)) ? null : v;
    }
  }

  /** Every match of the regex replaced ({@code $1} refers to a group). */
  record Replace(BoundValue.Text x, Pattern regex, String replacement) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      return v == null ? null : regex.matcher(v).replaceAll(replacement);
    }
  }

  /** The first match's first group (or the whole match when the regex has no group); NULL when none. */
  record Extract(BoundValue.Text x, Pattern regex) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        return null;
      }
      Matcher m = regex.matcher(v);
      if (!m.find()) {
        return null;
      }
      return m.groupCount() >= 1 ? m.group(1) : m.group();
    }
  }

  /**
   * Postgres's {@code split_part}: the n-th field split at a literal separator (n from 1; negative
   * counts from the end); the empty string when there are fewer fields. An empty separator leaves
   * the whole text as one field.
   */
  record SplitPart(BoundValue.Text x, String separator, int n) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        return null;
      }
      if (separator.isEmpty() || v.isEmpty()) {
        return n == 1 || n == -1 ? v : "";
      }
      return n > 0 ? forward(v) : backward(v);
    }

    private String forward(String v) {
      int from = 0;
      for (int field = 1; field < n; field++) {
        int at = v.indexOf(separator, from);
        if (at < 0) {
          return "";
        }
        from = at + separator.length();
      }
      int to = v.indexOf(separator, from);
      return v.substring(from, to < 0 ? v.length() : to);
    }

    private String backward(String v) {
      int to = v.length();
      for (int field = -1; field > n; field--) {
        int at = v.lastIndexOf(separator, to - separator.length());
        if (at < 0 || to - separator.length() < 0) {
          return "";
        }
        to = at;
      }
      int at = to - separator.length() < 0 ? -1 : v.lastIndexOf(separator, to - separator.length());
      return v.substring(at < 0 ? 0 : at + separator.length(), to);
    }
  }

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
        throw new InvalidValueException("parse_int: '" + v + "' is not a base-" + radix + " integer (or is out of range)");
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
        throw new InvalidValueException("to_date: '" + v + "' does not match pattern '" + pattern + "': " + e.getMessage());
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
        throw new InvalidValueException("to_timestamp: '" + v + "' does not match pattern '" + pattern + "': " + e.getMessage());
      }
    }
  }

  /** {@code yyyy-MM-dd}, years before 1 as {@code yyyy-MM-dd BC} (the codec's input syntax). */
  static String isoDate(LocalDate d) {
    int year = d.getYear();
    String md = String.format(Locale.ROOT, "-%02d-%02d", d.getMonthValue(), d.getDayOfMonth());
    return year > 0 ? String.format(Locale.ROOT, "%04d", year) + md : String.format(Locale.ROOT, "%04d", 1 - year) + md + " BC";
  }

  /** A column of a table's {@code not_null:} list: NULL is refused like a value its type refuses. */
  record NotNull(BoundValue.Text x, String column) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        throw new InvalidValueException("null value in column \"" + column + "\" violates not-null constraint (not_null)");
      }
      return v;
    }
  }
}
