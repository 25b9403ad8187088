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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: stage one's output does not depend on where the id maps keep their keys. The same input
 * spilled with every key in the map files, with the default heap tier, and with a heap budget so
 * small that maps move into their files mid-run gives byte-identical segments and manifests (spill
 * id and clock fixed), and a second run with the same settings gives the same bytes again.
 */
class DeterministicOutputTest {
  @TempDir
  Path tmp;

  @Test
  void segmentsAreByteIdenticalWhateverTheHeapTierAndAcrossRuns() throws Exception {
    Random random = new Random(5);
    CsvText words = new CsvText().row("word", "doc", "tag");
    for (int i = 0; i < 30_000; i++) {
      int w = random.nextInt(12_000);
      words.row("w" + w, "d" + random.nextInt(50), random.nextInt(10) == 0 ? "" : "t" + (w % 3_000));
    }
    CsvText tags = new CsvText().row("tag", "label");
    for (int i = 0; i < 3_000; i += 3) {
      tags.row("t" + i, "label " + i);
    }
    SpillTesting.write(tmp, "in/words.csv", words.toString());
    SpillTesting.write(tmp, "in/tags.csv", tags.toString());
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          tag: {columns: {id: bigint, name: text, label: text}, id: id, key: [name]}
          word: {columns: {id: bigint, text: text, tag_id: bigint}, id: id, key: [text]}
          occurrence: {columns: {word_id: bigint, doc: text}, key: [word_id, doc]}
        sources:
          - file: words.csv
            format: {type: csv, header: true}
            emit:
              - table: word
                values: {text: $word, tag_id: {ref: tag, key: [$tag], missing: create}}
              - table: occurrence
                values: {word_id: {ref: word, key: [$word]}, doc: $doc}
          - file: tags.csv
            format: {type: csv, header: true}
            emit:
              - table: tag
                values: {name: $tag, label: $label}
        """);
    SpillResult files = spill(plan, "files", 0);
    SpillResult heap = spill(plan, "heap", dev.spillway.idmap.HeapBudget.DEFAULT_MAX_BYTES);
    SpillResult moved = spill(plan, "moved", 300 << 10);
    SpillResult again = spill(plan, "again", 300 << 10);
    assertTrue(files.manifest().segments().size() >= 4, "several segments: " + files.manifest().segments().size());
    for (SpillResult other : List.of(heap, moved, again)) {
      assertEquals(files.manifest(), other.manifest());
      for (SealedSegment s : files.manifest().segments()) {
        assertArrayEquals(Files.readAllBytes(files.directory().root().resolve(s.file())),
            Files.readAllBytes(other.directory().root().resolve(s.file())), s.file() + " in " + other.directory().root());
      }
      assertArrayEquals(Files.readAllBytes(files.directory().rejectsFile()), Files.readAllBytes(other.directory().rejectsFile()));
    }
  }

  private SpillResult spill(Path plan, String name, long heapBytes) {
    SpillServices fixed = new SpillServices(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
        () -> "00000000-0000-4000-8000-000000000011", "test", SpillProgress.NONE, java.util.Optional.empty(),
        SegmentWriterFactory.UNCOMPRESSED, message -> {}, () -> System.in);
    return new Spill(SpillOptions.of(plan, tmp.resolve(name)).withIdMapHeapBytes(heapBytes)
        .withMaxSegmentBytes(64 << 10), fixed).run();
  }
}
