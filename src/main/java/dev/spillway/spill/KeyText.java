package dev.spillway.spill;

import java.util.List;

/**
 * How natural keys appear in rejects and messages: the table, then each part quoted as an SQL
 * literal ({@code '} doubled inside), a NULL part as {@code NULL}, a nested ref's key as its own
 * table and parts: {@code package['foo']}, {@code release[project['pypi', 'bar'], '1.0']},
 * {@code k['a,b', 'c']} (two parts) against {@code k['a', 'b,c']}, {@code k['', NULL]}. The same
 * form wherever a key is printed, the live writer's included. Stateless.
 */
public final class KeyText {
  private KeyText() {}

  public static final String NULL = "NULL";

  /** {@code table[parts]}, parts as {@link #parts} gives them. */
  public static String describe(String table, String parts) {
    return table + "[" + parts + "]";
  }

  /** {@code text} as an SQL literal: {@code 'it''s'}; null as {@code NULL}. */
  public static String quote(String text) {
    return text == null ? NULL : "'" + text.replace("'", "''") + "'";
  }

  /** Key parts given as text (null for NULL), each {@link #quote}d, joined by ", ". */
  public static String quoted(List<String> parts) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(quote(parts.get(i)));
    }
    return s.toString();
  }

  /** The key columns of a row (values by column ordinal), each rendered by its codec and quoted, joined by ", ". */
  static String parts(Object[] values, int[] ordinals, KeyEncoder keys) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < ordinals.length; i++) {
      s.append(i == 0 ? "" : ", ").append(quote(text(values[ordinals[i]], i, keys)));
    }
    return s.toString();
  }

  /**
   * The raw value a reject shows for a row's key: the one part as the codec renders it (as a
   * value column would show it); several parts quoted as {@link #parts} gives them.
   */
  static String rawValue(Object[] values, int[] ordinals, KeyEncoder keys) {
    return ordinals.length == 1 ? text(values[ordinals[0]], 0, keys) : parts(values, ordinals, keys);
  }

  private static String text(Object v, int part, KeyEncoder keys) {
    return v == null ? null : keys.integral(part) ? v.toString() : keys.codec(part).format(v);
  }
}
