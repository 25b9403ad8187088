package dev.spillway.plan;

import dev.spillway.plan.YamlNode.YamlScalar;
import java.nio.charset.Charset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a source's {@code format: {type, header, delimiter, quote, escape, null, encoding,
 * max_record_chars, comment, skip_lines, missing_fields, extra_fields, skip_blank_lines}} into a {@link CsvFormat},
 * starting from the defaults of its type. The text type takes no quote or escape and COPY's
 * delimiter rule; jsonl takes only encoding (UTF-8), max_record_chars, comment and skip_lines.
 * {@code quote: null} (or {@code ~}) turns quoting off; so does {@code escape: null} for the escape.
 * An escape is refused where nothing is quoted (tsv, {@code quote: null}): COPY's ESCAPE applies only
 * inside quotes.
 * {@code max_record_chars} is a whole number with an optional binary unit: {@code 1000000},
 * {@code 256Ki}, {@code 64Mi}, {@code 1Gi}.
 */
final class FormatParser {
  private static final List<String> FORMAT_FIELDS = List.of("type", "header", "delimiter", "quote", "escape", "null", "encoding",
      "max_record_chars", "comment", "skip_lines", "missing_fields", "extra_fields", "skip_blank_lines");

  /** What COPY refuses as the text format's delimiter (the characters that follow a backslash in escapes). */
  private static final String TEXT_FORBIDDEN_DELIMITERS = "\\.abcdefghijklmnopqrstuvwxyz0123456789";

  private static final Pattern MAX_RECORD_CHARS = Pattern.compile("([0-9]+)(Ki|Mi|Gi)?");

  private final Problems problems;

  FormatParser(Problems problems) {
    this.problems = problems;
  }

  /** The format at {@code path}; the CSV defaults when absent or after reporting problems. */
  CsvFormat parse(YamlNode node, String path) {
    if (node == null) {
      return CsvFormat.csv();
    }
    MapReader r = MapReader.of(node, path, problems, FORMAT_FIELDS);
    if (r == null) {
      return CsvFormat.csv();
    }
    CsvFormat.Type type = CsvFormat.Type.CSV;
    if (r.has("type")) {
      CsvFormat.Type parsed = YamlEnums.parse(CsvFormat.Type.class, r.optional("type"), r.pathOf("type"), problems);
      type = parsed == null ? type : parsed;
    }
    CsvFormat dflt = CsvFormat.defaults(type);
    boolean header = r.has("header") ? bool(r.optional("header"), r.pathOf("header"), dflt.header()) : dflt.header();
    char delimiter = dflt.delimiter();
    if (r.has("delimiter")) {
      Character c = character(r.optional("delimiter"), r.pathOf("delimiter"), "delimiter", false);
      delimiter = c == null ? delimiter : c;
    }
    Character quote = r.has("quote") ? character(r.optional("quote"), r.pathOf("quote"), "quote", true) : dflt.quote();
    Character escape = r.has("escape") ? character(r.optional("escape"), r.pathOf("escape"), "escape", true) : dflt.escape();
    String nullString = r.has("null") ? nullString(r.optional("null"), r.pathOf("null")) : dflt.nullString();
    Charset encoding = r.has("encoding") ? encoding(r.optional("encoding"), r.pathOf("encoding")) : dflt.encoding();
    long maxRecordChars = r.has("max_record_chars")
        ? maxRecordChars(r.optional("max_record_chars"), r.pathOf("max_record_chars"), dflt.maxRecordChars())
        : dflt.maxRecordChars();
    typeRules(type, r, delimiter, encoding);
    if (escape != null && !quoted(type, r, dflt)) {
      problems.add(r.pathOf("escape"), "the escape applies only inside quoted fields (COPY's ESCAPE) and "
          + (r.has("quote") ? "quote: null turns quoting off" : "type: " + type.yamlName() + " has no quote character")
          + ", so it would change nothing; remove it (for backslash escapes such as \\t use type: text)");
    }
    if (type != CsvFormat.Type.JSONL && nullString != null && nullString.indexOf(delimiter) >= 0) {
      problems.add(r.pathOf("null"), "the null string '" + nullString + "' holds the delimiter, so no field could match it"
          + " (COPY refuses it too)");
    }
    if (quote != null && quote == delimiter) {
      if (r.has("quote")) {
        problems.add(r.pathOf("quote"), "the quote and the delimiter are both '" + quote + "' (COPY refuses it too)");
      } else {
        problems.add(r.pathOf("delimiter"), "the delimiter '" + delimiter + "' is the quote character, so a field could"
            + " not be told from a quoted one (COPY refuses it too); set quote: to another character, or quote: null for"
            + " none");
      }
      quote = null;
    }
    if (quote != null && nullString != null && nullString.indexOf(quote) >= 0) {
      problems.add(r.pathOf("null"), "the null string '" + nullString + "' holds the quote character, so no unquoted field"
          + " could match it (COPY refuses it too)");
    }
    if (escape != null && escape == delimiter) {
      problems.add(r.pathOf("escape"), "the escape and the delimiter are both '" + escape + "'");
      escape = null;
    }
    return new CsvFormat(type, header, delimiter, quote, escape, nullString == null ? "" : nullString,
        encoding == null ? dflt.encoding() : encoding, maxRecordChars, rules(r));
  }

  /**
   * Whether fields of a csv or tsv source can be quoted; true for the other types, whose escape
   * {@link #typeRules} judges. An unreadable {@code quote:} counts as quoted: it has its problem.
   */
  private static boolean quoted(CsvFormat.Type type, MapReader r, CsvFormat dflt) {
    if (type != CsvFormat.Type.CSV && type != CsvFormat.Type.TSV) {
      return true;
    }
    return r.has("quote") ? !(r.optional("quote") instanceof YamlScalar s && s.isNull()) : dflt.quote() != null;
  }

  /**
   * {@code comment}, {@code skip_lines}, {@code missing_fields}, {@code extra_fields},
   * {@code skip_blank_lines}: see {@link RecordRules}.
   */
  private RecordRules rules(MapReader r) {
    RecordRules dflt = RecordRules.STRICT;
    String comment = dflt.comment();
    if (r.has("comment")) {
      YamlNode node = r.optional("comment");
      if (node instanceof YamlScalar s && !s.isNull() && !s.text().isEmpty() && s.text().indexOf('\n') < 0
          && s.text().indexOf('\r') < 0) {
        comment = s.text();
      } else {
        problems.add(r.pathOf("comment"), "expected the text that starts a comment line, e.g. \"#\", got " + MapReader.describe(node));
      }
    }
    int skipLines = dflt.skipLines();
    if (r.has("skip_lines")) {
      YamlNode node = r.optional("skip_lines");
      Integer n = node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.INT ? FunctionParser.integer(s.text()) : null;
      if (n == null || n < 0) {
        problems.add(r.pathOf("skip_lines"), "expected a whole number of lines >= 0, got " + MapReader.describe(node));
      } else {
        skipLines = n;
      }
    }
    RecordRules.MissingFields missing = dflt.missingFields();
    if (r.has("missing_fields")) {
      YamlNode node = r.optional("missing_fields");
      // `missing_fields: null` is a YAML null scalar, not the text "null"
      RecordRules.MissingFields parsed = node instanceof YamlScalar s && s.isNull() ? RecordRules.MissingFields.NULL
          : YamlEnums.parse(RecordRules.MissingFields.class, node, r.pathOf("missing_fields"), problems);
      missing = parsed == null ? missing : parsed;
    }
    RecordRules.ExtraFields extra = dflt.extraFields();
    if (r.has("extra_fields")) {
      RecordRules.ExtraFields parsed = YamlEnums.parse(RecordRules.ExtraFields.class, r.optional("extra_fields"),
          r.pathOf("extra_fields"), problems);
      extra = parsed == null ? extra : parsed;
    }
    boolean skipBlankLines = r.has("skip_blank_lines")
        && bool(r.optional("skip_blank_lines"), r.pathOf("skip_blank_lines"), dflt.skipBlankLines());
    return new RecordRules(comment, skipLines, missing, extra, skipBlankLines);
  }

  /** Keys that have no meaning for {@code type}, and the delimiter and encoding it cannot take. */
  private void typeRules(CsvFormat.Type type, MapReader r, char delimiter, Charset encoding) {
    if (type == CsvFormat.Type.TEXT) {
      for (String key : List.of("quote", "escape")) {
        if (r.has(key)) {
          problems.add(r.pathOf(key), "the text format has no " + key + " character: backslash escapes are built in "
              + "(\\t, \\n, \\\\, ...); use type: csv for quoting");
        }
      }
      if (delimiter > 0x7F || TEXT_FORBIDDEN_DELIMITERS.indexOf(delimiter) >= 0) {
        problems.add(r.pathOf("delimiter"), "the text format's delimiter must be one ASCII character other than a "
            + "backslash, '.', a lowercase letter or a digit (as in COPY), got '" + delimiter + "'");
      }
    } else if (type == CsvFormat.Type.JSONL) {
      for (String key : List.of("header", "delimiter", "quote", "escape", "null", "missing_fields", "extra_fields")) {
        if (r.has(key)) {
          problems.add(r.pathOf(key), "jsonl has no " + key + ": each line is one JSON value, read with paths such as $.name");
        }
      }
      if (r.has("skip_blank_lines")) {
        problems.add(r.pathOf("skip_blank_lines"), "jsonl always skips blank lines (white space only): they are not "
            + "records and not counted");
      }
      if (encoding != null && !encoding.equals(java.nio.charset.StandardCharsets.UTF_8)) {
        problems.add(r.pathOf("encoding"), "JSON lines are UTF-8 (RFC 8259), got " + encoding.name());
      }
    }
  }

  private boolean bool(YamlNode node, String path, boolean dflt) {
    if (node instanceof YamlScalar s && (s.kind() == YamlScalar.Kind.TRUE || s.kind() == YamlScalar.Kind.FALSE)) {
      return s.kind() == YamlScalar.Kind.TRUE;
    }
    problems.add(path, "expected true or false, got " + MapReader.describe(node));
    return dflt;
  }

  /**
   * One character other than CR/LF; null stands for "none" when {@code nullable}. {@code what}
   * (delimiter, quote, escape) names it in the reasons, which are COPY's.
   */
  private Character character(YamlNode node, String path, String what, boolean nullable) {
    if (node instanceof YamlScalar s && s.isNull()) {
      if (!nullable) {
        problems.add(path, "must be one character");
      }
      return null;
    }
    if (!(node instanceof YamlScalar s) || s.text().length() != 1) {
      problems.add(path, "expected one character" + (nullable ? " or null" : "") + ", got " + MapReader.describe(node)
          + " (the " + what + " is a single character, as in COPY)");
      return null;
    }
    char c = s.text().charAt(0);
    if (c == '\r' || c == '\n') {
      problems.add(path, "the " + what + " cannot be a line break: a line break ends the record (COPY refuses it too)");
      return null;
    }
    return c;
  }

  private String nullString(YamlNode node, String path) {
    if (node instanceof YamlScalar s && !s.isNull()) {
      if (s.text().indexOf('\n') >= 0 || s.text().indexOf('\r') >= 0) {
        problems.add(path, "the null string cannot contain a line break");
        return null;
      }
      return s.text();
    }
    problems.add(path, "expected the text that stands for NULL (\"\" for the empty field), got " + MapReader.describe(node));
    return null;
  }

  private long maxRecordChars(YamlNode node, String path, long dflt) {
    Matcher m = node instanceof YamlScalar s && (s.kind() == YamlScalar.Kind.INT || s.kind() == YamlScalar.Kind.STRING)
        ? MAX_RECORD_CHARS.matcher(s.text().strip()) : null;
    if (m == null || !m.matches()) {
      problems.add(path, "expected a number of characters, e.g. 1000000 or 64Mi, got " + MapReader.describe(node));
      return dflt;
    }
    int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
      case "Ki" -> 10;
      case "Mi" -> 20;
      case "Gi" -> 30;
      default -> 0;
    };
    long number = m.group(1).length() > 18 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
    long value = number > CsvFormat.MAX_MAX_RECORD_CHARS >> shift ? Long.MAX_VALUE : number << shift;
    if (value < 1 || value > CsvFormat.MAX_MAX_RECORD_CHARS) {
      problems.add(path, "max_record_chars " + m.group() + " is outside 1 to 1Gi (" + CsvFormat.MAX_MAX_RECORD_CHARS
          + "): a record is held in memory");
      return dflt;
    }
    return value;
  }

  private Charset encoding(YamlNode node, String path) {
    String name = MapReader.text(node, path, problems);
    if (name == null) {
      return null;
    }
    try {
      return EncodingNames.charset(name);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }
}
