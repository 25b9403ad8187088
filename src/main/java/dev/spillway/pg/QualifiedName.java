package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A schema-qualified relation name, both parts exact (case and all). {@link #sql()} and
 * {@link #toString()} give the quoted form {@code "schema"."name"}, which is also the form stored
 * in the control tables' {@code table_name} column; {@link #parseQuoted} reads it back.
 *
 * @param schema schema name, a valid identifier (see {@link Identifiers#check})
 * @param name   relation name, a valid identifier
 */
public record QualifiedName(String schema, String name) {
  public QualifiedName {
    Identifiers.check(schema);
    Identifiers.check(name);
  }

  public static QualifiedName of(String schema, String name) {
    return new QualifiedName(schema, name);
  }

  /** {@code "schema"."name"}, ready for SQL text. */
  public String sql() {
    return Identifiers.quote(schema) + "." + Identifiers.quote(name);
  }

  /** The same relation name in another schema (a sequence or index next to its table). */
  public QualifiedName sibling(String otherName) {
    return new QualifiedName(schema, otherName);
  }

  @Override
  public String toString() {
    return sql();
  }

  /**
   * Parses exactly the form {@link #sql()} produces: two double-quoted identifiers joined by a dot,
   * embedded quotes doubled. Anything else is rejected, echoing the text.
   */
  public static QualifiedName parseQuoted(String text) {
    checkArgument(text != null, "qualified name is null");
    int[] pos = {0};
    String schema = readQuoted(text, pos);
    checkArgument(pos[0] < text.length() && text.charAt(pos[0]) == '.', "expected \"schema\".\"name\", got: %s", text);
    pos[0]++;
    String name = readQuoted(text, pos);
    checkArgument(pos[0] == text.length(), "expected \"schema\".\"name\", got: %s", text);
    return new QualifiedName(schema, name);
  }

  private static String readQuoted(String text, int[] pos) {
    int i = pos[0];
    checkArgument(i < text.length() && text.charAt(i) == '"', "expected \"schema\".\"name\", got: %s", text);
    StringBuilder out = new StringBuilder();
    for (i++; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
          out.append('"');
          i++;
        } else {
          pos[0] = i + 1;
          return out.toString();
        }
      } else {
        out.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated quoted identifier in: " + text);
  }
}
