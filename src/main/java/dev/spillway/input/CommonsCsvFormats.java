package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Maps a plan's {@link CsvFormat} to the Commons CSV settings that read it like PostgreSQL's
 * {@code COPY (FORMAT csv)}:
 * <ul>
 *   <li>{@code QuoteMode.ALL_NON_NULL} makes the parser compare the null string with unquoted
 *       fields only: unquoted {@code ,,} is NULL, quoted {@code ,"",} is the empty string, and a
 *       quoted {@code "NA"} is text even when {@code NA} is the null string (Commons CSV 1.14
 *       {@code CSVParser.handleNull}, "strict quote mode");
 *   <li>trailing data after a closing quote is kept ({@code "abc"x} reads {@code abcx}, as in COPY);
 *   <li>empty lines are not skipped by Commons CSV (the reader skips blank lines itself, knowing
 *       their line numbers); no trimming, no comments, no header handling (the reader reads the
 *       header as the first record).
 * </ul>
 * Known differences from COPY, all on input that RFC 4180 calls malformed: spaces between a
 * closing quote and the delimiter are dropped ({@code "a"  ,} reads {@code a}; COPY keeps
 * {@code a  }), and a quote inside an unquoted field is literal ({@code a"b} reads {@code a"b};
 * COPY starts quoting there).
 */
final class CommonsCsvFormats {
  private CommonsCsvFormats() {}

  static CSVFormat of(CsvFormat format) {
    return CSVFormat.DEFAULT.builder()
        .setDelimiter(format.delimiter())
        .setQuote(format.quote())
        .setEscape(format.escape())
        .setNullString(format.nullString())
        .setQuoteMode(QuoteMode.ALL_NON_NULL)
        .setIgnoreEmptyLines(false)
        .setIgnoreSurroundingSpaces(false)
        .setTrim(false)
        .setTrailingData(true)
        .setLenientEof(false)
        .setCommentMarker(null)
        .setAllowMissingColumnNames(true)
        .get();
  }
}
