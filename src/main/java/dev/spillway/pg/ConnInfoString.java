package dev.spillway.pg;

/**
 * Parses libpq's keyword/value connection strings, following libpq's {@code conninfo_parse}:
 * <pre>
 * host=db.example port=5433 dbname='my db' user=bob sslmode=require
 * </pre>
 * Pairs are separated by white space; spaces around {@code =} are allowed; a value is either a run
 * of non-space characters or single-quoted; inside either, a backslash takes the next character
 * literally ({@code \'}, {@code \\}). Keywords are libpq's ({@link Keyword}); an unknown one is an
 * error, as in libpq. Error messages quote keywords and positions only, never values (a value may
 * be a password).
 */
final class ConnInfoString {
  private ConnInfoString() {}

  /** libpq's test: a dbname holding an {@code =} is a connection string. */
  static boolean accepts(String s) {
    return s.indexOf('=') >= 0;
  }

  static ConnInfo parse(String s) {
    ConnInfo info = new ConnInfo();
    int p = 0;
    int n = s.length();
    while (true) {
      p = skipSpace(s, p);
      if (p >= n) {
        return info;
      }
      int keyStart = p;
      while (p < n && s.charAt(p) != '=' && !Character.isWhitespace(s.charAt(p))) {
        p++;
      }
      String key = s.substring(keyStart, p);
      p = skipSpace(s, p);
      if (p >= n || s.charAt(p) != '=') {
        throw new ConnectionOptionsException("missing \"=\" after \"" + key + "\" in connection info string");
      }
      p = skipSpace(s, p + 1);
      StringBuilder value = new StringBuilder();
      if (p < n && s.charAt(p) == '\'') {
        p = quoted(s, p + 1, key, value);
      } else {
        while (p < n && !Character.isWhitespace(s.charAt(p))) {
          char c = s.charAt(p++);
          if (c == '\\' && p < n) {
            c = s.charAt(p++);
          }
          value.append(c);
        }
      }
      Keyword k = Keyword.byName(key).orElseThrow(() -> new ConnectionOptionsException(
          "invalid connection option \"" + key + "\" (supported: " + Keyword.supportedList() + ")"));
      info.set(k, value.toString());
    }
  }

  /** Reads a quoted value starting after its opening quote; returns the index after the closing quote. */
  private static int quoted(String s, int p, String key, StringBuilder value) {
    int n = s.length();
    while (p < n) {
      char c = s.charAt(p++);
      if (c == '\'') {
        return p;
      }
      if (c == '\\' && p < n) {
        c = s.charAt(p++);
      }
      value.append(c);
    }
    throw new ConnectionOptionsException("unterminated quoted string in connection info string (value of \"" + key + "\")");
  }

  private static int skipSpace(String s, int p) {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
    return p;
  }
}
