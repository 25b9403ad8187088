package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.assertBalanced;
import static dev.spillway.spill.SpillTesting.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.IdMaps;
import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.NaturalKey;
import dev.spillway.segment.RowCounters;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Id maps, key sets and the written-key sets of created rows grow to 10x their estimate through the
 * spill path, and the spill directory's maps, reopened afterwards, give every key the id that its
 * row carries in the segments.
 */
class IdMapGrowthSpillTest {
  static final long ESTIMATE = 5_000;
  static final int DISTINCT = 50_000;

  @TempDir
  Path tmp;

  @Test
  void mapsGrowTenfoldPastTheEstimateAndAnswerTheSameWhenReopened() throws Exception {
    Random random = new Random(7);
    CsvText words = new CsvText().row("word", "doc", "tag");
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < DISTINCT; i++) {
      words.row("w" + i, "d" + (i % 97), "t" + i); // every word appears, in order
    }
    for (int i = 0; i < 30_000; i++) {
      int w = random.nextInt(DISTINCT);
      words.row("w" + w, "d" + random.nextInt(97), "t" + w);
    }
    CsvText tags = new CsvText().row("tag", "label");
    for (int i = 0; i < DISTINCT; i += 2) {
      tags.row("t" + i, "label " + i); // real rows for half of the created tags
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

    SpillResult result = SpillTesting.spill(SpillOptions.of(plan, tmp.resolve("out")).withIdMapExpectedEntries(ESTIMATE)
        .withMaxSegmentBytes(256 << 10));
    assertBalanced(result.manifest());
    assertEquals(new RowCounters(80_000, DISTINCT, 30_000, 0, 0), counters(result.manifest(), "word"));
    assertEquals(new RowCounters(DISTINCT / 2 + DISTINCT / 2, DISTINCT, 0, 0, 0), counters(result.manifest(), "tag"),
        "half the tags created and never replaced, half replaced by their real row");

    Map<String, Long> wordIds = new HashMap<>();
    for (Object[] row : SegmentRows.read(result, "word")) {
      wordIds.put((String) row[1], (Long) row[0]);
    }
    assertEquals(DISTINCT, wordIds.size());
    assertEquals(1L, wordIds.get("w0"));
    assertEquals((long) DISTINCT, wordIds.get("w" + (DISTINCT - 1)), "ids in order of first appearance");
    Map<String, Long> tagIds = new HashMap<>();
    for (Object[] row : SegmentRows.read(result, "tag")) {
      tagIds.put((String) row[1], (Long) row[0]);
    }
    assertEquals(DISTINCT, tagIds.size(), "every tag once: created or real, never both");
    List<Object[]> occurrences = SegmentRows.read(result, "occurrence");
    for (Object[] row : occurrences) {
      pairs.add(row[0] + "/" + row[1]);
    }
    assertEquals(occurrences.size(), pairs.size(), "link rows are distinct");

    try (IdMaps maps = new IdMaps(result.directory().idmapDir())) {
      IdMap words2 = maps.openIdMap("word", 1, 8);
      IdMap tags2 = maps.openIdMap("tag", 1, 8);
      KeySet occurrences2 = maps.openKeySet("occurrence", 1, 8);
      assertEquals(DISTINCT, words2.size());
      assertEquals(DISTINCT, tags2.size());
      assertEquals(occurrences.size(), occurrences2.size());
      NaturalKey key = new NaturalKey();
      wordIds.forEach((text, id) -> assertEquals(id, words2.lookup(key.clear().addText(text)), text));
      tagIds.forEach((name, id) -> assertEquals(id, tags2.lookup(key.clear().addText(name)), name));
      for (Object[] row : occurrences) {
        assertEquals(true, occurrences2.contains(key.clear().addLong((Long) row[0]).addText((String) row[1])));
      }
      assertEquals(IdMap.ABSENT, words2.lookup(key.clear().addText("w" + DISTINCT)));
    }
  }
}
