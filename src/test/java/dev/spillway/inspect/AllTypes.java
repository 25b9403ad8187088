package dev.spillway.inspect;

import dev.spillway.pgbinary.ByteSink;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.TupleEncoder;
import dev.spillway.segment.Compression;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.TestSpill;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Test fixture for any package: a table "everything" with a column of every type spillway encodes,
 * its rows drawn (seeded) from edge values in each type's input syntax, or NULL, and encoded with the
 * real codecs, spilled with {@link TestSpill}.
 */
public final class AllTypes {
  private AllTypes() {}

  public static final String TABLE = "everything";

  /** Column name, type, and the text values rows draw from. */
  private static final List<Object[]> COLUMNS = List.of(
      col("id", "bigint"),
      col("b", "boolean", "t", "f"),
      col("i2", "smallint", "-32768", "32767", "0"),
      col("i4", "integer", "-2147483648", "2147483647", "7"),
      col("i8", "bigint", "-9223372036854775808", "9223372036854775807", "0"),
      col("f4", "real", "NaN", "Infinity", "-Infinity", "1.5", "-0", "3.4028235e38", "1e-45", "0.1"),
      col("f8", "double precision", "NaN", "-Infinity", "0.1", "-0", "1.7976931348623157e308", "5e-324", "2.5e-10"),
      col("money", "numeric(12,2)", "1234567890.12", "-0.01", "0.00"),
      col("n", "numeric", "NaN", "123.4500", "0.00000000000000000001", "-98765432109876543210.5"),
      col("t", "text", "", "a,b", "say \"hi\"", "line\nbreak", "\\.", "\\N", "tab\there", "ünïcødé 😀 漢字",
          " spaced ", "cr\rhere", "back\\slash", "NULL",
          "ctl\b\f\u000b\u0001"),
      col("v", "varchar(10)", "short", "", "ten chars!"),
      col("c", "char(5)", "ab", "abcde", ""),
      col("bin", "bytea", "\\x", "\\x00ff10", "\\x5c2c22"),
      col("d", "date", "2024-02-29", "infinity", "-infinity", "1999-12-31"),
      col("tm", "time", "00:00:00", "23:59:59.999999", "24:00:00", "12:30:00.5"),
      col("ts", "timestamp", "2024-05-01 12:00:00.123456", "infinity", "1970-01-01 00:00:00"),
      col("tz", "timestamptz", "2024-05-01 12:00:00+02", "-infinity", "2000-01-01 00:00:00+00"),
      col("iv", "interval", "1 year 2 mons 3 days 04:05:06.789", "-1 days", "00:00:00"),
      col("u", "uuid", "3f1d2c9e-5b7a-4e21-9c0d-8a6b5e4f3a21", "00000000-0000-0000-0000-000000000000"),
      col("j", "json", "{\"a\": [1, 2.50, \"x\"]}", "[]", "\"s,\\n\""),
      col("jb", "jsonb", "{\"b\": 1, \"a\": \"z\"}", "null", "[1, {\"k\": \"v\"}]"),
      col("ip", "inet", "192.168.0.1/24", "::1", "10.0.0.1"),
      col("tags", "text[]", "{a,\"b,c\",NULL,\"\"}", "{}", "{\"quote\\\"d\"}"),
      col("nums", "integer[]", "{1,NULL,-3}", "{}"));

  public static List<SpillColumn> columns() {
    return COLUMNS.stream().map(c -> SpillColumn.of((String) c[0], (String) c[1])).toList();
  }

  /** {@code CREATE TABLE name (...)} with these columns, names quoted. */
  public static String createTable(String name) {
    return "CREATE TABLE " + name + " (" + COLUMNS.stream().map(c -> "\"" + c[0] + "\" " + c[1])
        .collect(Collectors.joining(", ")) + ")";
  }

  /** Encoded tuples: id 0..rows-1, then each column a seeded choice of its values or NULL. */
  public static List<byte[]> tuples(int rows, long seed) {
    CodecRegistry registry = CodecRegistry.standard();
    Codec[] codecs = columns().stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new);
    TupleEncoder encoder = new TupleEncoder(codecs);
    Random random = new Random(seed);
    List<byte[]> tuples = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      Object[] values = new Object[codecs.length];
      values[0] = (long) r;
      for (int i = 1; i < codecs.length; i++) {
        String[] choices = (String[]) COLUMNS.get(i)[2];
        int pick = random.nextInt(choices.length + 1);
        values[i] = pick == choices.length ? null : codecs[i].parse(choices[pick]);
      }
      ByteSink sink = new ByteSink();
      encoder.encode(values, sink);
      tuples.add(sink.toByteArray());
    }
    return tuples;
  }

  /** Spills table {@value #TABLE} with {@code rows} rows into {@code root}. */
  public static Manifest spill(Path root, int rows, Compression compression, long maxSegmentBytes) {
    return TestSpill.in(root).compression(compression).maxSegmentBytes(maxSegmentBytes)
        .table(TABLE, columns(), tuples(rows, 42)).write();
  }

  private static Object[] col(String name, String type, String... values) {
    return new Object[] {name, type, values};
  }
}
