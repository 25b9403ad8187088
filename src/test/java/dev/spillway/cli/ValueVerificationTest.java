package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.ByteSink;
import dev.spillway.segment.Compression;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFiles;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.TestSpill;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;

/**
 * Issue 10 item 13 and issue 16 item 3: {@code verify} decodes every value with its column's codec,
 * so a spill that verifies clean is one the server accepts. A segment whose bytes are well framed
 * but whose values the server's receive function refuses (text bytes in a {@code numeric(1000,999)}
 * column; a 2-dimensional array, or lower bound 0, in an {@code integer[]} column) is refused by
 * {@code verify}, {@code cat} and {@code load} alike, each naming the segment, row, column and the
 * byte offset of the payload. {@code load} checks framing and CRC32C before it starts, and leaves
 * values to the server's receive functions during each segment's COPY (issue 11: decoding every
 * value up front cost as much as the COPY): a value the server refuses fails that segment's
 * transaction, naming segment, table and row, with nothing of it loaded; a value outside the format
 * that the server accepts (a 2-D array) loads as the server reads it, as psql's {@code \copy} of
 * the segment would.
 */
@ExtendWith(PgExtension.class)
class ValueVerificationTest {
  @TempDir
  Path tmp;

  private static final List<SpillColumn> COLUMNS = List.of(SpillColumn.of("id", "bigint"),
      SpillColumn.of("amount", "numeric(1000,999)"), SpillColumn.of("nums", "integer[]"));

  /** What goes wrong in the bad row. */
  enum Defect {
    TEXT_IN_NUMERIC("column amount (numeric(1000,999)): invalid numeric payload"),
    TWO_DIMENSIONAL_ARRAY("column nums (integer[]): multidimensional arrays are not supported: 2 dimensions"),
    LOWER_BOUND_ZERO("column nums (integer[]): array lower bound 0 is not supported (only 1)");

    final String message;

    Defect(String message) {
      this.message = message;
    }
  }

  @ParameterizedTest
  @EnumSource(Defect.class)
  void verifyCatAndLoadRefuseAValueTheServerWouldNotReadTheSameWay(Defect defect, TestDatabase db) throws Exception {
    for (Compression compression : Compression.values()) {
      Path root = tmp.resolve(defect + "-" + compression);
      List<byte[]> rows = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        rows.add(i == 4 ? row(i, defect) : row(i, null));
      }
      Manifest m = TestSpill.in(root).compression(compression).table("money", COLUMNS, rows).write();
      SealedSegment segment = m.segments().get(0);
      long payloadOffset = payloadOffsetOfRow4(root, segment, defect);
      String expected = segment.file() + ": byte " + payloadOffset + ": row 4, " + defect.message;

      CliRun verify = CliRun.of("verify", root.toString());
      assertEquals(ExitCode.CORRUPT, verify.exitCode(), verify.toString());
      assertTrue(verify.out().contains(expected) || verify.err().contains(expected), expected + "\n" + verify);

      CliRun cat = CliRun.of("cat", root.toString(), "--table", "money", "--row", "1");
      assertEquals(ExitCode.CORRUPT, cat.exitCode(), cat.toString());
      assertTrue(cat.err().contains("at byte " + payloadOffset + ": row 4, " + defect.message), cat.toString());
      assertEquals("", cat.out(), "nothing printed from an unverified segment");

      db.execute("DROP TABLE IF EXISTS money");
      db.execute("DO $$ BEGIN IF to_regclass('segment_progress') IS NOT NULL THEN DELETE FROM segment_progress; END IF;"
          + " END $$"); // each compression's spill has the same spill id
      db.execute("CREATE TABLE money (id bigint, amount numeric(1000,999), nums integer[])");
      CliRun load = CliRun.of("load", root.toString(), "--url", db.cliUrl(), "--schema", db.schema(), "--control-schema",
          db.schema());
      if (defect == Defect.TEXT_IN_NUMERIC) {
        // load checks framing and CRC32C up front, values during the COPY: the server refuses the
        // value, the segment's transaction rolls back, and the error names segment, table and row
        assertEquals(ExitCode.DATABASE, load.exitCode(), load.toString());
        assertTrue(load.err().contains("loading " + segment.file() + " (segment 1 of table \"" + db.schema()
            + "\".\"money\""), load.toString());
        assertTrue(load.err().contains("at row 4 of the segment"), load.toString());
        assertEquals("0", db.queryOne("SELECT count(*) FROM money"));
        assertEquals("0", db.queryOne("SELECT count(*) FROM " + db.schema() + ".segment_progress"));
      } else {
        // a 2-D array or lower bound 0 is outside the spill format but a value the server accepts:
        // load leaves it to the server (as psql's \copy of the segment would); only verify refuses it
        assertEquals(ExitCode.OK, load.exitCode(), load.toString());
        assertEquals("5", db.queryOne("SELECT count(*) FROM money"));
      }

      if (compression == Compression.NONE) {
        serverOnTheRawSegment(db, SpillDirectory.open(root), segment, defect);
      }
    }
  }

  /**
   * What the server makes of the same bytes: text in numeric breaks the COPY ("insufficient data left
   * in message"); a 2-D array or lower bound 0 loads, but as a value no 1-D {@code cat} could show.
   */
  private static void serverOnTheRawSegment(TestDatabase db, SpillDirectory dir, SealedSegment segment, Defect defect)
      throws Exception {
    db.execute("TRUNCATE money");
    try (Connection c = db.connect(); InputStream in = SegmentFiles.openPlain(dir, segment)) {
      if (defect == Defect.TEXT_IN_NUMERIC) {
        SQLException e = assertThrows(SQLException.class,
            () -> c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY money FROM STDIN (FORMAT binary)", in));
        assertTrue(e.getMessage().contains("insufficient data left in message")
            || e.getMessage().contains("invalid"), e.getMessage());
        return;
      }
      assertEquals(5, c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY money FROM STDIN (FORMAT binary)", in));
    }
    String shown = db.queryOne("SELECT nums::text FROM money WHERE id = 4");
    assertEquals(defect == Defect.TWO_DIMENSIONAL_ARRAY ? "{{1,2},{3,4}}" : "[0:1]={7,8}", shown);
  }

  /** A (bigint, numeric, integer[]) tuple; {@code defect} null is a good row. */
  private static byte[] row(long id, Defect defect) {
    ByteSink t = new ByteSink();
    t.writeShort(3).writeInt(8).writeLong(id);
    if (defect == Defect.TEXT_IN_NUMERIC) {
      byte[] text = "12.50".getBytes(StandardCharsets.UTF_8);
      t.writeInt(text.length).write(text);
    } else { // 2.5: 2 digits, weight 0, positive, dscale 999 (the typmod's scale)
      t.writeInt(12).writeShort(2).writeShort(0).writeShort(0).writeShort(999).writeShort(2).writeShort(5000);
    }
    ByteSink array = new ByteSink();
    if (defect == Defect.TWO_DIMENSIONAL_ARRAY) {
      array.writeInt(2).writeInt(0).writeInt(23).writeInt(2).writeInt(1).writeInt(2).writeInt(1);
      for (int v = 1; v <= 4; v++) {
        array.writeInt(4).writeInt(v);
      }
    } else {
      array.writeInt(1).writeInt(0).writeInt(23).writeInt(2).writeInt(defect == Defect.LOWER_BOUND_ZERO ? 0 : 1);
      array.writeInt(4).writeInt(7).writeInt(4).writeInt(8);
    }
    t.writeInt(array.size()).write(array.toByteArray());
    return t.toByteArray();
  }

  /** Offset, in the plain stream, of the defective payload of row 4. */
  private static long payloadOffsetOfRow4(Path root, SealedSegment segment, Defect defect) throws Exception {
    byte[] plain;
    try (InputStream in = SegmentFiles.openPlain(SpillDirectory.open(root), segment)) {
      plain = in.readAllBytes();
    }
    byte[] row4 = row(4, defect);
    int at = indexOf(plain, row4);
    int numericLength = defect == Defect.TEXT_IN_NUMERIC ? 5 : 12;
    int amountPayload = 2 + 4 + 8 + 4;
    return defect == Defect.TEXT_IN_NUMERIC ? at + amountPayload : at + amountPayload + numericLength + 4;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("tuple not found in segment");
  }
}
