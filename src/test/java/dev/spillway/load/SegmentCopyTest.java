package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.Ddl;
import dev.spillway.pg.QualifiedName;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that no longer matches its manifest entry while it is streamed: the COPY must be
 * cancelled, never ended. Run in autocommit, where ending the COPY would commit every row sent.
 */
@ExtendWith(PgExtension.class)
class SegmentCopyTest {
  @TempDir
  Path tmp;

  private SealedSegment segment(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE item (id bigint, note text)");
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema())
        .table("item", List.of("id bigint", "note text"), "id", List.of(), Map.of())
        .rows("item", LoadFeaturesTest.rows(5000, i -> new Object[] {(long) i, "note " + i})).build();
    return spill.segments("item").get(0);
  }

  private void copy(TestDatabase db, SealedSegment expected) throws Exception {
    try (Connection c = db.connect()) {
      new SegmentCopy(4096).copy(c, Ddl.copyFromStdinBinary(QualifiedName.of(db.schema(), "item"), List.of("id", "note")),
          SpillDirectory.open(tmp.resolve("spill")), expected);
    }
  }

  @Test
  void aChecksumThatDiffersAfterTheLastByteCancelsTheCopy(TestDatabase db) throws Exception {
    SealedSegment s = segment(db);
    SealedSegment changed = new SealedSegment(s.table(), s.sequence(), s.file(), s.bytes(), s.rows(),
        s.crc32c().equals("00000000") ? "00000001" : "00000000");
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> copy(db, changed));
    assertTrue(e.getMessage().contains("found " + s.crc32c() + ": the file's content changed after sealing"), e.getMessage());
    assertEquals("0", db.queryOne("SELECT count(*) FROM item"), "every byte was sent, none committed");
  }

  @Test
  void aFileLongerThanListedCancelsTheCopy(TestDatabase db) throws Exception {
    SealedSegment s = segment(db);
    SealedSegment shorter = new SealedSegment(s.table(), s.sequence(), s.file(), s.bytes() - 10_000, s.rows(), s.crc32c());
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> copy(db, shorter));
    assertTrue(e.getMessage().contains(String.valueOf(shorter.bytes())), e.getMessage());
    assertEquals("0", db.queryOne("SELECT count(*) FROM item"));
  }

  @Test
  void aMatchingFileCopiesEveryRow(TestDatabase db) throws Exception {
    SealedSegment s = segment(db);
    copy(db, s);
    assertEquals("5000", db.queryOne("SELECT count(*) FROM item"));
  }
}
