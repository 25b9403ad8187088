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
 * For every type and a table of edge values: the server loads each literal through COPY text
 * input (the path where typmods, padding and rounding apply as in a load) into a column of that
 * type; then the field bytes of the server's {@code COPY (SELECT v ...) TO STDOUT (FORMAT binary)}
 * must be identical to what our codec encodes for the same literal, decoding the server's bytes
 * must render as the server renders the value, and so must our parsed value. All mismatches of a
 * type are reported together.
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
    List<String[]> serverText;
    try (ServerCopy server = new ServerCopy(db.connect())) {
      server.execute("CREATE TABLE t (id int PRIMARY KEY, v " + sqlType + ")");
      server.copyInText("t", rows);
      serverBytes = server.binaryRows("SELECT v FROM t ORDER BY id");
      serverText = server.textRows("SELECT v FROM t ORDER BY id");
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
}
