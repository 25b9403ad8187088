package dev.spillway.pgbinary;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and renders {@link ColumnType} names. Accepts Postgres's common aliases and renders the
 * canonical spelling, so {@code int8}, {@code bigint} and {@code BIGINT} all become {@code bigint}.
 */
final class ColumnTypeParser {
  private ColumnTypeParser() {}

  /** Lower-case alias (whitespace folded to one space) -> scalar type. */
  private static final Map<String, PgType> ALIASES = Map.ofEntries(
      Map.entry("boolean", PgType.BOOLEAN), Map.entry("bool", PgType.BOOLEAN),
      Map.entry("smallint", PgType.SMALLINT), Map.entry("int2", PgType.SMALLINT),
      Map.entry("integer", PgType.INTEGER), Map.entry("int", PgType.INTEGER), Map.entry("int4", PgType.INTEGER),
      Map.entry("bigint", PgType.BIGINT), Map.entry("int8", PgType.BIGINT),
      Map.entry("real", PgType.REAL), Map.entry("float4", PgType.REAL),
      Map.entry("double precision", PgType.DOUBLE), Map.entry("float8", PgType.DOUBLE), Map.entry("double", PgType.DOUBLE),
      Map.entry("numeric", PgType.NUMERIC), Map.entry("decimal", PgType.NUMERIC),
      Map.entry("text", PgType.TEXT),
      Map.entry("varchar", PgType.VARCHAR), Map.entry("character varying", PgType.VARCHAR),
      Map.entry("char", PgType.CHAR), Map.entry("character", PgType.CHAR), Map.entry("bpchar", PgType.CHAR),
      Map.entry("bytea", PgType.BYTEA),
      Map.entry("date", PgType.DATE),
      Map.entry("time", PgType.TIME), Map.entry("time without time zone", PgType.TIME),
      Map.entry("timestamp", PgType.TIMESTAMP), Map.entry("timestamp without time zone", PgType.TIMESTAMP),
      Map.entry("timestamptz", PgType.TIMESTAMPTZ), Map.entry("timestamp with time zone", PgType.TIMESTAMPTZ),
      Map.entry("interval", PgType.INTERVAL),
      Map.entry("uuid", PgType.UUID),
      Map.entry("json", PgType.JSON),
      Map.entry("jsonb", PgType.JSONB),
      Map.entry("inet", PgType.INET));

  /** name, optional (a) or (a,b) modifiers, optional [] suffix. */
  private static final Pattern SHAPE =
      Pattern.compile("([a-z][a-z0-9 ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(\\[\\s*\\])?");

  static ColumnType parse(String sqlName) {
    if (sqlName == null) {
      throw new IllegalArgumentException("missing type name");
    }
    String folded = sqlName.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    Matcher m = SHAPE.matcher(folded);
    if (!m.matches()) {
      throw unknown(sqlName);
    }
    PgType base = ALIASES.get(m.group(1).trim());
    if (base == null) {
      throw unknown(sqlName);
    }
    if (m.group(1).trim().equals("bpchar") && m.group(2) == null) {
      throw new IllegalArgumentException("type " + sqlName + ": bpchar without a length is unbounded in PostgreSQL; "
          + "write char(n) for a fixed length or text");
    }
    boolean array = m.group(4) != null;
    Integer a = m.group(2) == null ? null : parseModifier(sqlName, m.group(2));
    Integer b = m.group(3) == null ? null : parseModifier(sqlName, m.group(3));
    switch (base) {
      case VARCHAR, CHAR -> {
        if (b != null) {
          throw new IllegalArgumentException("type " + sqlName + ": " + base.sqlName() + " takes one length modifier");
        }
        int length = a == null ? (base == PgType.CHAR ? 1 : -1) : a;
        if (a != null && (a < 1 || a > 10_485_760)) {
          throw new IllegalArgumentException("type " + sqlName + ": length must be between 1 and 10485760, got " + a);
        }
        return new ColumnType(base, length, -1, -1, array);
      }
      case NUMERIC -> {
        if (a == null) {
          return new ColumnType(base, -1, -1, -1, array);
        }
        int scale = b == null ? 0 : b;
        if (a < 1 || a > 1000) {
          throw new IllegalArgumentException("type " + sqlName + ": numeric precision must be between 1 and 1000, got " + a);
        }
        if (scale > a) {
          throw new IllegalArgumentException("type " + sqlName + ": numeric scale " + scale + " exceeds precision " + a);
        }
        return new ColumnType(base, -1, a, scale, array);
      }
      default -> {
        if (a != null) {
          throw new IllegalArgumentException("type " + sqlName + ": " + base.sqlName() + " takes no modifiers");
        }
        return new ColumnType(base, -1, -1, -1, array);
      }
    }
  }

  static String render(ColumnType type) {
    StringBuilder s = new StringBuilder(type.base().sqlName());
    if ((type.base() == PgType.VARCHAR || type.base() == PgType.CHAR) && type.length() > 0) {
      s.append('(').append(type.length()).append(')');
    } else if (type.base() == PgType.NUMERIC && type.precision() > 0) {
      s.append('(').append(type.precision()).append(',').append(type.scale()).append(')');
    }
    if (type.array()) {
      s.append("[]");
    }
    return s.toString();
  }

  private static int parseModifier(String sqlName, String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("type " + sqlName + ": modifier out of range: " + digits, e);
    }
  }

  private static IllegalArgumentException unknown(String sqlName) {
    return new IllegalArgumentException("unknown type '" + sqlName + "'; expected one of: boolean, smallint, integer, "
        + "bigint, real, double precision, numeric[(p,s)], text, varchar(n), char(n), bytea, date, time, timestamp, "
        + "timestamptz, interval, uuid, json, jsonb, inet, or one of these followed by []");
  }
}
