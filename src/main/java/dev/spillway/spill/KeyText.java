package dev.spillway.spill;

/**
 * How natural keys appear in rejects and messages: {@code package[foo]}, {@code release[42, 1.0]},
 * a NULL part as {@code NULL}. Stateless.
 */
final class KeyText {
  private KeyText() {}

  static final String NULL = "NULL";

  /** {@code table[part, part]}. */
  static String describe(String table, String parts) {
    return table + "[" + parts + "]";
  }

  /** The parts joined by ", ", each shown with {@link #part}. */
  static String parts(Object[] values, int[] ordinals, KeyEncoder keys) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < ordinals.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      Object v = values[ordinals[i]];
      s.append(v == null ? NULL : keys.integral(i) ? v.toString() : keys.codec(i).format(v));
    }
    return s.toString();
  }
}
