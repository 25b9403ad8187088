package dev.spillway.plan;

import dev.spillway.pgbinary.InvalidValueException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The compiled plan functions (the text-shaping ones here; {@link PatternFunctions} and
 * {@link ConversionFunctions} hold the others) and {@code $#}: small immutable evaluators over already-bound
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
      case REPLACE -> new PatternFunctions.Replace(x, Pattern.compile(literal(args, 1)), literal(args, 2));
      case EXTRACT -> new PatternFunctions.Extract(x, Pattern.compile(literal(args, 1)));
      case SPLIT_PART -> new PatternFunctions.SplitPart(x, literal(args, 1), Integer.parseInt(literal(args, 2).strip()));
      case PARSE_INT -> new ConversionFunctions.ParseInt(x, args.size() < 2 ? 10 : Integer.parseInt(literal(args, 1).strip()));
      case TO_DATE -> new ConversionFunctions.ToDate(x, DatePatterns.formatter(literal(args, 1)), literal(args, 1));
      case TO_TIMESTAMP -> new ConversionFunctions.ToTimestamp(x, DatePatterns.formatter(literal(args, 1)), literal(args, 1));
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
