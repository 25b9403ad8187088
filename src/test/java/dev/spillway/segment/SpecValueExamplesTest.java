package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.ByteSink;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.ColumnType;
import dev.spillway.pgbinary.InvalidValueException;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Done means of issue 16: the per-type examples of spill-format.md section 2b, parsed out of the
 * spec, are what the codecs write for the input, read back to the output, and what PostgreSQL
 * loads from segments holding them (binary COPY), sends back byte for byte and prints; the payloads
 * the spec says a reader refuses are refused by the codecs and by {@code verify} at the payload's
 * offset, and the server refuses or accepts them as the spec says.
 */
@ExtendWith(PgExtension.class)
class SpecValueExamplesTest {
  static final String EXAMPLES = "| type | input | payload (hex) | output |";
  static final String REFUSED = "| type | payload (hex) | defect | server |";
  /** The session settings section 10 names for cat's output. */
  static final String SETTINGS = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; "
      + "SET extra_float_digits = 1; SET bytea_output = 'hex'";

  @TempDir
  Path tmp;

  private final CodecRegistry registry = CodecRegistry.standard();

  @Test
  void everyExampleIsWhatTheCodecsWriteAndRead() {
    List<List<String>> rows = SpecText.table(EXAMPLES);
    assertTrue(rows.size() >= 40, "examples: " + rows.size());
    for (List<String> row : rows) {
      Codec codec = registry.codecFor(ColumnType.parse(row.get(0)));
      assertEquals(row.get(0), codec.type().sqlName(), "the spec's examples use canonical type names");
      byte[] payload = SpecText.hex(row.get(2));
      ByteSink written = new ByteSink();
      codec.encode(codec.parse(row.get(1)), written);
      assertEquals(row.get(2), hex(written.toByteArray()), "payload written for " + row);
      assertEquals(row.get(3), codec.format(codec.decode(payload, 0, payload.length)), "output of " + row);
    }
  }

  @Test
  void segmentsOfTheExamplesVerifyLoadAndComeBackFromTheServerUnchanged(TestDatabase db) throws Exception {
    Map<String, List<List<String>>> byType = new LinkedHashMap<>();
    SpecText.table(EXAMPLES).forEach(r -> byType.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r));
    int n = 0;
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(SETTINGS);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (Map.Entry<String, List<List<String>>> type : byType.entrySet()) {
        String table = "ex" + (++n);
        List<byte[]> tuples = new ArrayList<>();
        for (int i = 0; i < type.getValue().size(); i++) {
          tuples.add(tuple(i, SpecText.hex(type.getValue().get(i).get(2))));
        }
        Path root = tmp.resolve(table);
        Manifest m = TestSpill.in(root).table(table, List.of(SpillColumn.of("ord", "integer"),
            SpillColumn.of("v", type.getKey())), tuples).write();
        assertTrue(new SpillVerifier(SpillDirectory.open(root)).verify((a, b, x, y) -> { }).clean(), type.getKey());

        s.execute("CREATE TABLE " + table + " (ord integer, v " + type.getKey() + ")");
        for (SealedSegment segment : m.segments()) {
          try (InputStream in = SegmentFiles.openPlain(SpillDirectory.open(root), segment)) {
            assertEquals(segment.rows(), copy.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", in));
          }
        }
        List<byte[]> sent = serverPayloads(copy, "COPY (SELECT v FROM " + table + " ORDER BY ord) TO STDOUT (FORMAT binary)");
        List<String> printed = serverText(copy, "COPY (SELECT v FROM " + table + " ORDER BY ord) TO STDOUT");
        for (int i = 0; i < type.getValue().size(); i++) {
          List<String> row = type.getValue().get(i);
          assertEquals(row.get(2), hex(sent.get(i)), "the server sends back the spec's bytes: " + row);
          assertEquals(row.get(3), printed.get(i), "the server prints the spec's output: " + row);
        }
      }
    }
  }

  @Test
  void refusedPayloadsAreRefusedByCodecsVerifyAndAsSaidByTheServer(TestDatabase db) throws Exception {
    List<List<String>> rows = SpecText.table(REFUSED);
    assertTrue(rows.size() >= 20, "refused examples: " + rows.size());
    int n = 0;
    for (List<String> row : rows) {
      String table = "bad" + (++n);
      byte[] payload = SpecText.hex(row.get(1));
      Codec codec = registry.codecFor(ColumnType.parse(row.get(0)));
      assertThrows(InvalidValueException.class, () -> codec.decode(payload, 0, payload.length), row.toString());

      Path root = tmp.resolve(table);
      Manifest m = TestSpill.in(root).table(table, List.of(SpillColumn.of("ord", "integer"),
          SpillColumn.of("v", row.get(0))), List.of(nullTuple(0), tuple(1, payload))).write();
      SealedSegment segment = m.segments().get(0);
      long tupleOffset = segment.bytes() - 2 - tuple(1, payload).length;
      SpillFormatException e = assertThrows(SpillFormatException.class,
          () -> new SegmentVerifier(SpillDirectory.open(root), m).verify(segment), row.toString());
      assertEquals(tupleOffset + 2 + 4 + 4 + 4, e.byteOffset(), "offset of the payload: " + e.getMessage());
      assertTrue(e.problem().startsWith("row 2, column v (" + row.get(0) + "): "), e.problem());

      db.execute("CREATE TABLE " + table + " (ord integer, v " + row.get(0) + ")");
      try (Connection c = db.connect(); InputStream in = SegmentFiles.openPlain(SpillDirectory.open(root), segment)) {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        if (row.get(3).equals("refuses")) {
          assertThrows(SQLException.class, () -> copy.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", in),
              row.toString());
        } else {
          assertTrue(row.get(3).startsWith("accepts (`"), row.toString());
          assertEquals(2, copy.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", in));
          String shown = row.get(3).substring("accepts (`".length(), row.get(3).length() - 2);
          assertEquals(shown, db.queryOne("SELECT v::text FROM " + table + " WHERE ord = 1"));
        }
      }
    }
  }

  /** An (integer, T) tuple. */
  private static byte[] tuple(int ord, byte[] payload) {
    return new ByteSink().writeShort(2).writeInt(4).writeInt(ord).writeInt(payload.length).write(payload).toByteArray();
  }

  /** An (integer, T) tuple whose T is NULL. */
  private static byte[] nullTuple(int ord) {
    return new ByteSink().writeShort(2).writeInt(4).writeInt(ord).writeInt(-1).toByteArray();
  }

  /** The single field's payload of each row of a one-column binary COPY TO. */
  private static List<byte[]> serverPayloads(CopyManager copy, String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy.copyOut(sql, out);
    ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
    b.position(11 + 4);
    b.position(b.position() + 4 + b.getInt(15));
    List<byte[]> payloads = new ArrayList<>();
    while (b.getShort() == 1) {
      byte[] p = new byte[b.getInt()];
      b.get(p);
      payloads.add(p);
    }
    return payloads;
  }

  /** Each row of a one-column text COPY TO, unescaped (backslash sequences of the text format). */
  private static List<String> serverText(CopyManager copy, String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy.copyOut(sql, out);
    List<String> rows = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      rows.add(line.replace("\\\\", "\\"));
    }
    return rows.subList(0, rows.size() - 1);
  }

  private static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b);
  }
}
