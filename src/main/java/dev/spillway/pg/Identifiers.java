package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting of SQL identifiers. Every identifier spillway puts into SQL text is always double-quoted
 * (never "only when needed"), so case, spaces, quotes, semicolons and unicode survive exactly.
 *
 * <p>Rejected, echoing the name: null, the empty string (Postgres has no zero-length delimited
 * identifier), a NUL character (cannot be sent), and a name longer than {@value #MAX_IDENTIFIER_BYTES}
 * bytes in UTF-8 (Postgres would silently truncate it, so the object created would not be the one
 * the plan names).
 */
public final class Identifiers {
  /** NAMEDATALEN - 1 of a default Postgres build. */
  public static final int MAX_IDENTIFIER_BYTES = 63;

  private Identifiers() {}

  /** {@code a"b} -> {@code "a""b"}. */
  public static String quote(String identifier) {
    check(identifier);
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Quotes each and joins with {@code ", "}: a column list. */
  public static String quoteList(List<String> identifiers) {
    return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
  }

  /** {@code "schema"."name"}. */
  public static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /** Throws {@link IllegalArgumentException} unless {@code identifier} can be used as a Postgres name. */
  public static String check(String identifier) {
    checkArgument(identifier != null, "identifier is null");
    checkArgument(!identifier.isEmpty(), "identifier is empty");
    checkArgument(identifier.indexOf('\0') < 0, "identifier contains a NUL character: %s", identifier.replace("\0", "\\0"));
    int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
    checkArgument(bytes <= MAX_IDENTIFIER_BYTES,
        "identifier longer than %s bytes (Postgres would truncate it): %s bytes: %s", MAX_IDENTIFIER_BYTES, bytes, identifier);
    return identifier;
  }
}
