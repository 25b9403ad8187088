package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property test against the server, a few hundred seeded random values per type, in two COPYs
 * and two reads per type:
 * <ol>
 *   <li>our tuples ({@link TupleEncoder}) load with {@code COPY t FROM STDIN (FORMAT binary)};
 *   <li>our renderings ({@code format}) load into a second table through COPY text input;
 *   <li>the server's text output of the binary-loaded value equals our rendering, and equals the
 *       server's text output of the value it parsed from our rendering;
 *   <li>the server's binary output of the binary-loaded value is byte-identical to our encoding,
 *       and decodes to a value that renders the same.
 * </ol>
 */
@ExtendWith(PgExtension.class)
class RoundTripPropertyTest {
  private static final int VALUES_PER_TYPE = 300;

  private final CodecRegistry registry = CodecRegistry.standard();

  @ParameterizedTest
  @ValueSource(strings = {"boolean", "smallint", "integer", "bigint", "real", "double precision", "numeric",
      "numeric(12,4)", "numeric(3,3)", "text", "varchar(8)", "char(6)", "bytea", "date", "time", "timestamp",
      "timestamptz", "interval", "uuid", "json", "jsonb", "inet", "text[]", "integer[]", "numeric(5,2)[]",
      "double precision[]", "char(2)[]", "timestamptz[]", "interval[]", "jsonb[]", "inet[]", "bytea[]", "boolean[]"})
  void randomValuesRoundTripThroughTheServer(String sqlType, TestDatabase db) throws Exception {
    Codec codec = registry.codecFor(ColumnType.parse(sqlType));
    Codec id = registry.codecFor(ColumnType.parse("integer"));
    RandomValues generator = new RandomValues(new Random(sqlType.hashCode() * 31L + 7), codec);
    TupleEncoder tuples = new TupleEncoder(id, codec);
    ByteSink binary = new ByteSink();
    List<Object> values = new ArrayList<>();
    List<String[]> renderings = new ArrayList<>();
    for (int i = 0; i < VALUES_PER_TYPE; i++) {
      Object v = generator.next();
      values.add(v);
      tuples.encode(new Object[] {i, v}, binary);
      renderings.add(new String[] {Integer.toString(i), codec.format(v)});
    }
    List<String[]> text;
    List<byte[][]> serverBytes;
    try (ServerCopy server = new ServerCopy(db.connect())) {
      server.execute("CREATE TABLE t (id int PRIMARY KEY, v " + sqlType + ")");
      server.execute("CREATE TABLE r (id int PRIMARY KEY, v " + sqlType + ")");
      assertEquals(VALUES_PER_TYPE, server.copyInBinary("t", binary));
      assertEquals(VALUES_PER_TYPE, server.copyInText("r", renderings));
      text = server.textRows("SELECT t.v, r.v FROM t JOIN r USING (id) ORDER BY id");
      serverBytes = server.binaryRows("SELECT v FROM t ORDER BY id");
    }
    assertEquals(VALUES_PER_TYPE, text.size());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < VALUES_PER_TYPE; i++) {
      String ours = renderings.get(i)[1];
      String loaded = text.get(i)[0];
      String reparsed = text.get(i)[1];
      if (!ours.equals(loaded) || !loaded.equals(reparsed)) {
        failures.add("value " + i + ": ours '" + ours + "', server from our bytes '" + loaded + "', server from our text '"
            + reparsed + "'");
      }
      ByteSink sink = new ByteSink();
      codec.encode(values.get(i), sink);
      byte[] back = serverBytes.get(i)[0];
      if (!Arrays.equals(sink.toByteArray(), back)) {
        failures.add("value " + i + " '" + ours + "': ours " + ServerCopy.hex(sink.toByteArray()) + ", server " + ServerCopy.hex(back));
      } else if (!codec.format(codec.decode(back, 0, back.length)).equals(ours)) {
        failures.add("value " + i + " '" + ours + "': decoded server bytes render differently");
      }
    }
    if (!failures.isEmpty()) {
      fail(sqlType + ": " + failures.size() + " of " + VALUES_PER_TYPE + " failed\n  "
          + String.join("\n  ", failures.subList(0, Math.min(25, failures.size()))));
    }
  }
}
