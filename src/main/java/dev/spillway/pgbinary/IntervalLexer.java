package dev.spillway.pgbinary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits interval input into fields the way the server's {@code ParseDateTime} does, for the
 * field kinds an interval can hold: numbers ({@code 1}, {@code 1.5}, {@code .5}), dates
 * ({@code 1-2}), times ({@code 04:05:06.5}), signed fields ({@code -1}, {@code +02:03}) and lower-cased
 * words; white space and other punctuation ({@code @}) only separate. Returns null where the server
 * would fail to lex or would produce a field no interval accepts. Stateless.
 */
final class IntervalLexer {
  enum Kind { NUMBER, DATE, TIME, SIGNED, WORD }

  /** One field: its kind and text (words lower-cased). */
  record Token(Kind kind, String text) {}

  /**
   * The server's absolute date/time keywords ({@code datetktbl}). A word directly followed by a
   * digit or {@code +} stays a word only if it is one of these; otherwise the server's lexer glues
   * the rest on as a date field.
   */
  private static final Set<String> DATE_KEYWORDS = Set.of("-infinity", "ad", "allballs", "am", "apr", "april", "at",
      "aug", "august", "bc", "d", "dec", "december", "dow", "doy", "dst", "epoch", "feb", "february", "fri", "friday",
      "h", "infinity", "isodow", "isoyear", "j", "jan", "january", "jd", "jul", "julian", "july", "jun", "june", "m",
      "mar", "march", "may", "mm", "mon", "monday", "nov", "november", "now", "oct", "october", "on", "pm", "s", "sat",
      "saturday", "sep", "sept", "september", "sun", "sunday", "t", "thu", "thur", "thurs", "thursday", "today",
      "tomorrow", "tue", "tues", "tuesday", "wed", "wednesday", "weds", "y", "yesterday");

  private IntervalLexer() {}

  static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int start = i;
      if (PgText.isSpace(c)) {
        i++;
      } else if (isDigit(c)) {
        i = skipDigits(s, i);
        Kind kind = Kind.NUMBER;
        if (i < n && s.charAt(i) == ':') {
          kind = Kind.TIME;
          i++;
          while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) {
            i++;
          }
        } else if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
          char delimiter = s.charAt(i++);
          if (i < n && isDigit(s.charAt(i))) {
            kind = delimiter == '.' ? Kind.NUMBER : Kind.DATE;
            i = skipDigits(s, i);
            if (i < n && s.charAt(i) == delimiter) {
              kind = Kind.DATE;
              while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == delimiter)) {
                i++;
              }
            }
          } else {
            kind = Kind.DATE;
            while (i < n && (isAsciiLetterOrDigit(s.charAt(i)) || s.charAt(i) == delimiter)) {
              i++;
            }
          }
        }
        out.add(new Token(kind, s.substring(start, i)));
      } else if (c == '.') {
        i = skipDigits(s, i + 1);
        out.add(new Token(Kind.NUMBER, s.substring(start, i)));
      } else if (isAsciiLetter(c)) {
        while (i < n && isAsciiLetter(s.charAt(i))) {
          i++;
        }
        String word = s.substring(start, i).toLowerCase(Locale.ROOT);
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.'
            || ((s.charAt(i) == '+' || isDigit(s.charAt(i))) && !DATE_KEYWORDS.contains(word)))) {
          return null; // the server lexes this as a date field, which is never a valid interval part
        }
        out.add(new Token(Kind.WORD, word));
      } else if (c == '+' || c == '-') {
        i++;
        while (i < n && PgText.isSpace(s.charAt(i))) {
          i++;
        }
        if (i >= n || !isDigit(s.charAt(i))) {
          return null; // signed words (-infinity) are not intervals in Postgres 15
        }
        int digitsFrom = i;
        while (i < n && (isDigit(s.charAt(i)) || ":.-".indexOf(s.charAt(i)) >= 0)) {
          i++;
        }
        out.add(new Token(Kind.SIGNED, c + s.substring(digitsFrom, i)));
      } else if (c < 128 && "!\"#$%&'()*,/:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
        i++; // other punctuation only separates fields
      } else {
        return null;
      }
    }
    return out;
  }

  static int skipDigits(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || isDigit(c);
  }
}
