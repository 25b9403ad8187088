package dev.spillway.pg;

/**
 * A string literal for SQL text that cannot use a bind parameter (printed for a human, or a DDL
 * list), safe whatever {@code standard_conforming_strings} is: quotes are doubled, and a value
 * with a backslash is written as an escape string ({@code E'a\\b'}) with the backslash doubled,
 * which the server reads the same way in both settings. (A plain {@code 'a\'} with the setting
 * off would end the literal elsewhere: a crafted name could escape it.) Stateless.
 */
public final class SqlLiteral {
  private SqlLiteral() {}

  public static String of(String value) {
    String quoted = value.replace("'", "''");
    return value.indexOf('\\') < 0 ? "'" + quoted + "'" : "E'" + quoted.replace("\\", "\\\\") + "'";
  }
}
