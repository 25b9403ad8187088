package dev.spillway.pgbinary;

/**
 * Integer text input exactly as Postgres 15's {@code pg_strtoint16/32/64}: optional white space,
 * optional sign, at least one decimal digit, optional white space. No underscores, no hex, no
 * exponent. Overflow is detected while reading digits, so {@code 99999999999x} is out of range
 * rather than a syntax error, as on the server.
 */
final class IntText {
  private IntText() {}

  static long parse(String text, long min, long max, String typeName) {
    int i = 0;
    int n = text.length();
    while (i < n && PgText.isSpace(text.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    if (i == n || !isDigit(text.charAt(i))) {
      throw syntax(typeName);
    }
    // Accumulate negatively so that min (e.g. -2^63) is representable.
    long acc = 0;
    long limit = negative ? min : -max;
    long multiplyMin = limit / 10;
    for (; i < n && isDigit(text.charAt(i)); i++) {
      int digit = text.charAt(i) - '0';
      if (acc < multiplyMin) {
        throw new InvalidValueException(typeName + " out of range");
      }
      acc *= 10;
      if (acc < limit + digit) {
        throw new InvalidValueException(typeName + " out of range");
      }
      acc -= digit;
    }
    while (i < n && PgText.isSpace(text.charAt(i))) {
      i++;
    }
    if (i != n) {
      throw syntax(typeName);
    }
    return negative ? acc : -acc;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static InvalidValueException syntax(String typeName) {
    return new InvalidValueException("invalid input syntax for type " + typeName);
  }
}
