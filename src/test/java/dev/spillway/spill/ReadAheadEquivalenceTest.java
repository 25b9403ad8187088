package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.SealedSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 4: whatever work moves to the read-ahead thread, a spill with read-ahead gives the
 * rows, ids and rejects of a spill on one thread. Guards per-field parsing and key encoding done
 * ahead (tried in b73cf3a..7ac966e, ValuePreparer, reverted as no faster here): integer, date,
 * numeric and varchar columns with invalid values (some records with several, in different columns,
 * so the first in column order must decide the reason), NULLs, refs whose key part is invalid for an
 * integer key column or whose key is too long to store, refs of two emits with the same key and
 * different policies, a {@code when:} filter, a for_each emit next to plain ones, self refs read
 * before and after their row, missing refs rejected by the resolution pass, {@code missing: create}
 * and malformed records: spilled on one thread and with read-ahead batches of 1, 7 and 512 records,
 * the segments, manifest and rejects.csv are byte-identical.
 */
class ReadAheadEquivalenceTest {
  @TempDir
  Path tmp;

  @Test
  void readAheadGivesTheSameSegmentsIdsAndRejectsAsOneThread() throws Exception {
    Random random = new Random(4);
    int items = 5_000;
    StringBuilder csv = new StringBuilder("kind,code,parent,qty,born,price,note,grp,tags,big\n");
    for (int i = 0; i < items; i++) {
      int c = (i * 7877) % items; // each code once, scrambled: parents read before and after
      String kind = random.nextInt(10) == 0 ? "other" : "item"; // when: leaves these out of item and tag
      // c0..c99 are their own parents; the others' parents are read before or after them, or never
      String parent = random.nextInt(60) == 0 ? "gone-" + c : "c" + (c < 100 ? c : c % 100 + 100 * random.nextInt(c / 100));
      String qty = pick(random, String.valueOf(c % 1000), "", "x" + c, "99999999999");
      String born = pick(random, "2020-01-" + (1 + c % 28), "", "2020-13-45", "1999-02-29");
      String price = pick(random, (c % 500) + "." + (c % 100), "", "1e9", "abc");
      String note = pick(random, "n" + c, "", "a note far too long for it", "0123456789abc");
      String tags = random.nextInt(5) == 0 ? "" : "t" + c % 7 + ";t" + c % 11;
      csv.append(kind).append(",c").append(c).append(',').append(parent).append(',').append(qty).append(',')
          .append(born).append(',').append(price).append(',').append(note).append(",g").append(c % 13).append(',')
          .append(tags).append(',').append(random.nextInt(500) == 0 ? "k".repeat(9000) : random.nextInt(50) == 0 ? "" : "g" + c % 5)
          .append('\n');
      if (random.nextInt(300) == 0) {
        csv.append("item,bad\n"); // malformed: too few fields
      }
    }
    SpillTesting.write(tmp, "in/items.csv", csv.toString());
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          grp: {columns: {id: bigint, name: text}, id: id, key: [name]}
          item:
            columns: {id: bigint, code: text, parent_id: bigint, qty: integer, born: date, price: "numeric(8,2)",
                      note: "varchar(12)", grp_id: bigint}
            id: id
            key: [code]
          tag: {columns: {item_id: bigint, name: text}, key: [item_id, name]}
          lot: {columns: {id: bigint, num: integer}, id: id, key: [num]}
          use: {columns: {item_code: text, lot_id: bigint, grp_id: bigint, parent_id: bigint, item_grp_id: bigint}}
        sources:
          - file: items.csv
            format: {type: csv, header: true}
            emit:
              - table: item
                when: {eq: [$kind, item]}
                values:
                  code: $code
                  parent_id: {ref: item, key: [$parent], missing: reject}
                  qty: $qty
                  born: $born
                  price: $price
                  note: $note
                  grp_id: {ref: grp, key: [$grp], missing: create}
              - table: use
                values:
                  item_code: $code
                  lot_id: {ref: lot, key: [$qty], missing: create}
                  grp_id: {ref: grp, key: [$big], missing: null}
                  parent_id: {ref: item, key: [$parent], missing: null}
                  item_grp_id: {ref: grp, key: [$grp], missing: skip}
              - table: tag
                when: {eq: [$kind, item]}
                for_each: {value: $tags, separator: ";"}
                values: {item_id: {ref: item, key: [$code], missing: skip}, name: $_}
        """);
    SpillResult one = spill(plan, "one-thread", 0);
    String rejects = Files.readString(one.directory().rejectsFile());
    assertTrue(one.rejectCount() > 300, "bad values, missing parents and malformed records are rejected: " + one.rejectCount());
    for (String reason : List.of("integer", "date", "numeric", "too long", "missing ref item", "(key of lot)", "(key of grp)")) {
      assertTrue(rejects.contains(reason), "a reject mentions " + reason + ":\n" + rejects.substring(0, 2000));
    }
    long itemsWritten = one.manifest().tables().stream().filter(t -> t.name().equals("item")).findFirst().orElseThrow()
        .counters().written();
    assertTrue(itemsWritten > items / 3, "many items are written: " + itemsWritten);
    assertTrue(one.manifest().segments().size() >= 6, "several segments: " + one.manifest().segments().size());
    for (SpillResult other : List.of(spill(plan, "batch-1", 1), spill(plan, "batch-7", 7), spill(plan, "batch-512", 512))) {
      assertEquals(one.manifest(), other.manifest());
      for (SealedSegment s : one.manifest().segments()) {
        assertArrayEquals(Files.readAllBytes(one.directory().root().resolve(s.file())),
            Files.readAllBytes(other.directory().root().resolve(s.file())), s.file() + " in " + other.directory().root());
      }
      assertEquals(rejects, Files.readString(other.directory().rejectsFile()), "rejects.csv of " + other.directory().root());
    }
  }

  /** Mostly the good value; else empty (NULL), or one of two invalid ones. */
  private static String pick(Random random, String good, String empty, String bad1, String bad2) {
    int r = random.nextInt(100);
    return r < 3 ? empty : r == 3 ? bad1 : r == 4 ? bad2 : good;
  }

  private SpillResult spill(Path plan, String name, int readAheadRecords) {
    SpillServices fixed = new SpillServices(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
        () -> "00000000-0000-4000-8000-000000000014", "test", SpillProgress.NONE, Optional.empty(),
        SegmentWriterFactory.UNCOMPRESSED, message -> {}, () -> System.in);
    return new Spill(SpillOptions.of(plan, tmp.resolve(name)).withReadAheadRecords(readAheadRecords)
        .withMaxSegmentBytes(8 << 10), fixed).run();
  }
}
