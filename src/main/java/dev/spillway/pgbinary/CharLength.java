package dev.spillway.pgbinary;

/** The length rule shared by {@code varchar(n)} and {@code char(n)}. Stateless. */
final class CharLength {
  private CharLength() {}

  /**
   * Returns {@code s} cut to {@code maxChars} code points when everything beyond is spaces;
   * throws {@code value too long for type <sqlName>(maxChars)} otherwise.
   */
  static String clip(String s, int maxChars, String sqlName) {
    if (s.length() <= maxChars || PgText.charCount(s) <= maxChars) {
      return s;
    }
    int cut = s.offsetByCodePoints(0, maxChars);
    for (int i = cut; i < s.length(); i++) {
      if (s.charAt(i) != ' ') {
        throw new InvalidValueException("value too long for type " + sqlName + "(" + maxChars + ")");
      }
    }
    return s.substring(0, cut);
  }
}
