package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.fail;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every type and a table of edge values, the field bytes our codec encodes for a literal must
 * be identical to the server's, taken two ways: from {@code COPY (SELECT 'literal'::type ...) TO
 * STDOUT (FORMAT binary)}, and from a column of that type loaded with the literal through COPY
 * text input (the path where typmods, padding and rounding apply as in a load). Decoding the
 * server's bytes must render as the server's output function renders the value, and so must our
 * parsed value. Session: TimeZone UTC (our standard registry's zone), DateStyle ISO, IntervalStyle
 * postgres. All mismatches of a type are reported together.
 */
@ExtendWith(PgExtension.class)
class ServerEqualityTest {
  private final CodecRegistry registry = CodecRegistry.standard();

  static Stream<Arguments> cases() {
    return EdgeValues.TABLE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void encodesTheServersBytesAndDecodesThem(String sqlType, List<String> literals, TestDatabase db) throws Exception {
    Codec codec = registry.codecFor(ColumnType.parse(sqlType));
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < literals.size(); i++) {
      rows.add(new String[] {Integer.toString(i), literals.get(i)});
    }
    List<byte[][]> serverBytes;
    List<byte[][]> castBytes;
    List<String[]> serverText;
    try (ServerCopy server = new ServerCopy(db.connect())) {
      server.execute("CREATE TABLE t (id int PRIMARY KEY, v " + sqlType + ")");
      server.copyInText("t", rows);
      serverBytes = server.binaryRows("SELECT v FROM t ORDER BY id");
      serverText = server.textRows("SELECT v FROM t ORDER BY id");
      castBytes = server.binaryRows(castQuery(sqlType, literals));
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < literals.size(); i++) {
      String literal = literals.get(i);
      byte[] expected = serverBytes.get(i)[0];
      String expectedText = serverText.get(i)[0];
      try {
        Object ours = codec.parse(literal);
        ByteSink sink = new ByteSink(16);
        codec.encode(ours, sink);
        byte[] actual = sink.toByteArray();
        if (!java.util.Arrays.equals(expected, actual)) {
          failures.add("encode '" + literal + "': server " + ServerCopy.hex(expected) + ", ours " + ServerCopy.hex(actual));
        }
        if (!java.util.Arrays.equals(castBytes.get(i)[0], actual)) {
          failures.add("encode '" + literal + "': server's '...'::" + sqlType + " " + ServerCopy.hex(castBytes.get(i)[0])
              + ", ours " + ServerCopy.hex(actual));
        }
        String rendered = codec.format(ours);
        if (!rendered.equals(expectedText)) {
          failures.add("format(parse '" + literal + "'): server '" + expectedText + "', ours '" + rendered + "'");
        }
        String decoded = codec.format(codec.decode(expected, 0, expected.length));
        if (!decoded.equals(expectedText)) {
          failures.add("format(decode server bytes of '" + literal + "'): server '" + expectedText + "', ours '" + decoded + "'");
        }
      } catch (RuntimeException e) {
        failures.add("'" + literal + "' (server: '" + expectedText + "'): " + e);
      }
    }
    if (!failures.isEmpty()) {
      fail(sqlType + ": " + failures.size() + " mismatches\n  " + String.join("\n  ", failures));
    }
  }

  /**
   * With a zone other than UTC (the session TimeZone on the server, the registry's zone here), input
   * without an offset is local time there, including daylight-saving gaps and overlaps, and output
   * carries that zone's offset.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"})
  void timestamptzFollowsTheConfiguredZone(String zone, TestDatabase db) throws Exception {
    Codec codec = CodecRegistry.standard(java.time.ZoneId.of(zone)).codecFor(ColumnType.parse("timestamptz"));
    List<String> literals = List.of("2024-01-02 03:04:05", "2024-07-02 03:04:05.5", "2024-03-10 02:30:00",
        "2024-11-03 01:30:00", "2024-04-07 01:45:00", "2024-10-06 02:15:00", "2024-01-02 03:04:05+02", "1999-12-31 23:59:59",
        "1970-01-01 00:00:00", "infinity");
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < literals.size(); i++) {
      rows.add(new String[] {Integer.toString(i), literals.get(i)});
    }
    List<byte[][]> serverBytes;
    List<String[]> serverText;
    try (ServerCopy server = new ServerCopy(db.connect())) {
      server.execute("SET TimeZone = '" + zone + "'");
      server.execute("CREATE TABLE t (id int PRIMARY KEY, v timestamptz)");
      server.copyInText("t", rows);
      serverBytes = server.binaryRows("SELECT v FROM t ORDER BY id");
      serverText = server.textRows("SELECT v FROM t ORDER BY id");
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < literals.size(); i++) {
      Object ours = codec.parse(literals.get(i));
      ByteSink sink = new ByteSink();
      codec.encode(ours, sink);
      if (!java.util.Arrays.equals(serverBytes.get(i)[0], sink.toByteArray())) {
        failures.add("'" + literals.get(i) + "': server " + ServerCopy.hex(serverBytes.get(i)[0]) + " (" + serverText.get(i)[0]
            + "), ours " + ServerCopy.hex(sink.toByteArray()) + " (" + codec.format(ours) + ")");
      } else if (!codec.format(ours).equals(serverText.get(i)[0])) {
        failures.add("'" + literals.get(i) + "': server renders '" + serverText.get(i)[0] + "', ours '" + codec.format(ours) + "'");
      }
    }
    if (!failures.isEmpty()) {
      fail(zone + ": " + failures.size() + " mismatches\n  " + String.join("\n  ", failures));
    }
  }

  /** {@code SELECT v FROM (VALUES (0, 'lit0'::type), ...) x(id, v) ORDER BY id}: one round trip for all literals. */
  private static String castQuery(String sqlType, List<String> literals) {
    StringBuilder q = new StringBuilder("SELECT v FROM (VALUES ");
    for (int i = 0; i < literals.size(); i++) {
      q.append(i > 0 ? ", " : "").append('(').append(i).append(", '").append(literals.get(i).replace("'", "''"))
          .append("'::").append(sqlType).append(')');
    }
    return q.append(") AS x(id, v) ORDER BY id").toString();
  }
}
