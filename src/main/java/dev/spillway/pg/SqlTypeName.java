package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.Set;

/**
 * Guards a column type written into DDL as text ({@code bigint}, {@code varchar(10)},
 * {@code numeric(12,2)}, {@code timestamp(3) with time zone}, {@code text[]}, {@code myschema.mytype}).
 * A type cannot be a bind parameter, so the text must not be able to smuggle SQL: only letters
 * (any script), digits, {@code _}, {@code $}, single spaces, one {@code .} between words, and balanced
 * {@code ( )} / {@code [ ]} holding digits, commas and spaces are allowed. No quotes, semicolons,
 * comment markers or operators; and no word that would start a column constraint or option
 * ({@code references}, {@code default}, {@code generated}, {@code collate}, ...). Whether the type
 * exists is the server's business.
 */
final class SqlTypeName {
  /** Words that may follow a type in a column definition but are never part of one. */
  private static final Set<String> CLAUSE_WORDS = Set.of("constraint", "not", "null", "check", "default",
      "generated", "unique", "primary", "references", "collate", "deferrable", "initially", "using", "as",
      "compression", "storage", "match", "on");

  private SqlTypeName() {}

  static String check(String type) {
    checkArgument(type != null && !type.isBlank(), "column type is empty");
    int depth = 0;
    char open = 0;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c == '(' || c == '[') {
        checkArgument(depth == 0, "nested brackets in column type: %s", type);
        depth = 1;
        open = c;
      } else if (c == ')' || c == ']') {
        checkArgument(depth == 1 && (c == ')' ? open == '(' : open == '['), "unbalanced brackets in column type: %s", type);
        depth = 0;
      } else if (depth == 1) {
        checkArgument(Character.isDigit(c) || c == ',' || c == ' ', "unexpected character '%s' inside brackets of column type: %s", c, type);
      } else {
        checkArgument(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == ' ' || c == '.',
            "unexpected character '%s' in column type: %s", c, type);
      }
    }
    checkArgument(depth == 0, "unbalanced brackets in column type: %s", type);
    checkArgument(Character.isLetter(type.strip().charAt(0)) || type.strip().charAt(0) == '_',
        "column type must start with a letter: %s", type);
    checkArgument(!type.contains(".."), "empty name part in column type: %s", type);
    for (String word : type.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_$]+")) {
      checkArgument(!CLAUSE_WORDS.contains(word), "column type contains the clause word '%s': %s", word, type);
    }
    return type.strip();
  }
}
