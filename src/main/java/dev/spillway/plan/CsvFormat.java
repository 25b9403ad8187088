package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * How a source's files are written: the {@code format:} of a source. Defaults follow PostgreSQL's
 * {@code COPY ... (FORMAT csv)}: delimiter {@code ,}, quote {@code "}, a quote inside a quoted field
 * doubled, no escape character, no header, UTF-8. The other types:
 * <ul>
 *   <li>{@code tsv}: a tab delimiter and no quoting at all; no escapes, the empty field is NULL
 *       (so {@code \N} is two characters: this is not PostgreSQL's text format);
 *   <li>{@code text}: PostgreSQL's {@code COPY ... (FORMAT text)}: tab delimiter, {@code \N} is
 *       NULL, backslash escapes (read by {@code input.TextReader}); quote and escape do not apply;
 *   <li>{@code jsonl}: one JSON value per line, UTF-8, read by JSON paths ({@code $.a.b}); only
 *       {@code encoding} (UTF-8) and {@code maxRecordChars} apply.
 * </ul>
 *
 * <p>NULL versus empty: a field that is not quoted and equals {@link #nullString} is SQL NULL; a
 * quoted field is never NULL. With the default null string (the empty string) {@code a,,b} has a
 * NULL middle field and {@code a,"",b} an empty one, exactly as in COPY.
 *
 * @param type       csv, tsv, text or jsonl, which picks the reader and the defaults above
 * @param header     whether the first record names the columns ({@code $name} needs it)
 * @param delimiter  the field separator; never CR or LF
 * @param quote      the quote character, or null for none (fields are then never quoted)
 * @param escape     COPY's {@code ESCAPE}: inside quotes only, followed by the quote or by itself it
 *                   gives that character, followed by anything else it is literal (nothing like
 *                   {@code \n} is ever decoded); null for none, which is COPY's default (a doubled
 *                   quote); an escape equal to the quote is stored as null. Without a quote it has no
 *                   effect (the plan refuses it there: {@code FormatParser})
 * @param nullString the unquoted text that means NULL; "" by default
 * @param encoding   the files' character set; a UTF-8 byte order mark is skipped
 * @param maxRecordChars the longest record the reader takes, exactly: a CSV record's decoded
 *                   characters without its final line break, a text or jsonl line's bytes;
 *                   {@value #DEFAULT_MAX_RECORD_CHARS} (64 Mi) by default, at most
 *                   {@value #MAX_MAX_RECORD_CHARS} (1 Gi, a heap bound: a record is held in memory).
 *                   A longer record is rejected and reading goes on with the next one; a quoted field
 *                   not closed within the bound fails its file ({@code max_record_chars} in the plan;
 *                   see {@code input.CsvReader})
 * @param rules      comments, skipped lines and ragged records ({@link RecordRules#STRICT} by default)
 */
public record CsvFormat(
    Type type, boolean header, char delimiter, Character quote, Character escape, String nullString, Charset encoding,
    long maxRecordChars, RecordRules rules) {
  public static final long DEFAULT_MAX_RECORD_CHARS = 64L << 20;
  public static final long MAX_MAX_RECORD_CHARS = 1L << 30;
  /** The text format's default null string: backslash, N. */
  public static final String TEXT_NULL = "\\N";

  /** The input formats; each has its defaults. */
  public enum Type {
    CSV, TSV, TEXT, JSONL;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CsvFormat {
    if (escape != null && escape.equals(quote)) {
      escape = null; // the same as none: "" inside quotes is a quote (COPY's default)
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(nullString, "nullString (use \"\" for the default)");
    Objects.requireNonNull(encoding, "encoding");
    checkArgument(delimiter != '\r' && delimiter != '\n', "delimiter is a line break: %s", (int) delimiter);
    checkArgument(quote == null || (quote != delimiter && quote != '\r' && quote != '\n'),
        "quote %s clashes with the delimiter or a line break", quote);
    checkArgument(escape == null || (escape != delimiter && escape != '\r' && escape != '\n'),
        "escape %s clashes with the delimiter or a line break", escape);
    checkArgument(maxRecordChars >= 1 && maxRecordChars <= MAX_MAX_RECORD_CHARS, "maxRecordChars outside [1, %s]: %s",
        MAX_MAX_RECORD_CHARS, maxRecordChars);
    Objects.requireNonNull(rules, "rules");
  }

  /** A format with the default {@link RecordRules#STRICT} rules. */
  public CsvFormat(Type type, boolean header, char delimiter, Character quote, Character escape, String nullString,
      Charset encoding, long maxRecordChars) {
    this(type, header, delimiter, quote, escape, nullString, encoding, maxRecordChars, RecordRules.STRICT);
  }

  public CsvFormat withRules(RecordRules newRules) {
    return new CsvFormat(type, header, delimiter, quote, escape, nullString, encoding, maxRecordChars, newRules);
  }

  /** The defaults of {@code type}: see the class comment. */
  public static CsvFormat defaults(Type type) {
    return switch (type) {
      case CSV -> new CsvFormat(type, false, ',', '"', null, "", StandardCharsets.UTF_8, DEFAULT_MAX_RECORD_CHARS);
      case TSV, JSONL -> new CsvFormat(type, false, '\t', null, null, "", StandardCharsets.UTF_8, DEFAULT_MAX_RECORD_CHARS);
      case TEXT -> new CsvFormat(type, false, '\t', null, null, TEXT_NULL, StandardCharsets.UTF_8, DEFAULT_MAX_RECORD_CHARS);
    };
  }

  /** PostgreSQL's text format ({@code COPY ... (FORMAT text)}), without header. */
  public static CsvFormat text() {
    return defaults(Type.TEXT);
  }

  /** JSON lines. */
  public static CsvFormat jsonl() {
    return defaults(Type.JSONL);
  }

  /** PostgreSQL's {@code COPY (FORMAT csv)} dialect, without header. */
  public static CsvFormat csv() {
    return defaults(Type.CSV);
  }

  /** Tab-separated, unquoted, without header. */
  public static CsvFormat tsv() {
    return defaults(Type.TSV);
  }

  public CsvFormat withHeader(boolean newHeader) {
    return new CsvFormat(type, newHeader, delimiter, quote, escape, nullString, encoding, maxRecordChars, rules);
  }

  public CsvFormat withDelimiter(char newDelimiter) {
    return new CsvFormat(type, header, newDelimiter, quote, escape, nullString, encoding, maxRecordChars, rules);
  }

  public CsvFormat withQuote(Character newQuote) {
    return new CsvFormat(type, header, delimiter, newQuote, escape, nullString, encoding, maxRecordChars, rules);
  }

  public CsvFormat withEscape(Character newEscape) {
    return new CsvFormat(type, header, delimiter, quote, newEscape, nullString, encoding, maxRecordChars, rules);
  }

  public CsvFormat withNullString(String newNullString) {
    return new CsvFormat(type, header, delimiter, quote, escape, newNullString, encoding, maxRecordChars, rules);
  }

  public CsvFormat withEncoding(Charset newEncoding) {
    return new CsvFormat(type, header, delimiter, quote, escape, nullString, newEncoding, maxRecordChars, rules);
  }

  public CsvFormat withMaxRecordChars(long newMaxRecordChars) {
    return new CsvFormat(type, header, delimiter, quote, escape, nullString, encoding, newMaxRecordChars, rules);
  }
}
