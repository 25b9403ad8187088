package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 1: a spill with {@code --force} over a complete spill of the same plan sizes each
 * keyed table's id map from the rows the previous spill wrote there, so a map whose keys outgrew the
 * input-size estimate (and rehashed, generation after generation) is created once at its size; a
 * table whose key columns changed is estimated from the input as before. The rows are the same.
 */
class PreviousManifestSizingTest {
  static final int WORDS = 40_000;

  @TempDir
  Path tmp;

  private static final String PLAN = """
      version: 1
      tables:
        word: {columns: {id: bigint, text: text, n: integer}, id: id, key: [%s]}
        use: {columns: {word_id: bigint, n: integer}}
      sources:
        - file: words.csv
          format: {type: csv, header: true}
          emit:
            - {table: word, values: {text: $word, n: $n}}
            - {table: use, values: {word_id: {ref: word, key: [%s]}, n: $n}}
      """;

  private Path input(String keyColumns, String refKey) throws IOException {
    CsvText words = new CsvText().row("word", "n");
    for (int i = 0; i < WORDS; i++) {
      words.row("w" + i, String.valueOf(i));
    }
    SpillTesting.write(tmp, "in/words.csv", words.toString());
    return SpillTesting.write(tmp, "in/plan.yaml", String.format(PLAN, keyColumns, refKey));
  }

  private SpillResult spill(Path plan, Path out) {
    // heap tier off: every map lives in Chronicle Map files, whose generations show each rehash
    return SpillTesting.spill(SpillOptions.of(plan, out).withForce(true).withIdMapHeapBytes(0));
  }

  /** Generation numbers of the word map's data files left in idmap/. */
  private static List<String> wordMapFiles(SpillResult result) throws IOException {
    try (Stream<Path> files = Files.list(result.directory().idmapDir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("word-") && n.endsWith(".cmap"))
          .sorted().toList();
    }
  }

  @Test
  void aRerunCreatesTheMapOnceAtTheSizeThePreviousSpillMeasured() throws Exception {
    Path plan = input("text", "$word");
    Path out = tmp.resolve("out");
    SpillResult first = spill(plan, out);
    List<String> firstFiles = wordMapFiles(first);
    assertEquals(1, firstFiles.size(), firstFiles.toString());
    assertTrue(!firstFiles.get(0).contains(".000001."), "the first run grew its map past the input estimate: " + firstFiles);
    List<Object[]> firstWords = SegmentRows.read(first, "word");

    SpillResult second = spill(plan, out);
    assertEquals(List.of(firstFiles.get(0).replaceAll("\\.\\d{6}\\.", ".000001.")), wordMapFiles(second),
        "sized from the previous manifest: no rehash");
    List<Object[]> secondWords = SegmentRows.read(second, "word");
    assertEquals(firstWords.size(), secondWords.size());
    for (int i = 0; i < firstWords.size(); i++) {
      assertEquals(List.of(firstWords.get(i)), List.of(secondWords.get(i)), "row " + i);
    }
  }

  @Test
  void aTableKeyedDifferentlyBeforeIsEstimatedFromTheInput() throws Exception {
    Path out = tmp.resolve("out2");
    spill(input("text, n", "$word, $n"), out); // keyed by two columns then: not a count of text keys
    SpillResult second = spill(input("text", "$word"), out);
    List<String> files = wordMapFiles(second);
    assertEquals(1, files.size(), files.toString());
    assertTrue(!files.get(0).contains(".000001."), "estimated from the input, then grown: " + files);
  }

  @Test
  void anUnreadablePreviousManifestIsAWarningNotAFailure() throws Exception {
    Path plan = input("text", "$word");
    Path out = tmp.resolve("out3");
    spill(plan, out);
    Files.writeString(out.resolve("manifest.json"), "{\"formatVersion\": 2, \"trunc");
    List<String> warnings = new java.util.ArrayList<>();
    SpillServices services = new SpillServices(java.time.Clock.systemUTC(), () -> java.util.UUID.randomUUID().toString(),
        "test", SpillProgress.NONE, java.util.Optional.empty(), SegmentWriterFactory.UNCOMPRESSED, warnings::add,
        () -> System.in);
    SpillResult second = new Spill(SpillOptions.of(plan, out).withForce(true).withIdMapHeapBytes(0), services).run();
    assertEquals(WORDS, second.manifest().table("word").orElseThrow().counters().written());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("cannot be read") && warnings.get(0).contains("sized from the input"), warnings.get(0));
  }

  /** The manifest is untrusted: a forged count is capped by this run's input size, not allocated. */
  @Test
  void aForgedHugeCountIsCappedByTheInputSize() throws Exception {
    Path plan = input("text", "$word");
    Path out = tmp.resolve("out4");
    spill(plan, out);
    long delta = 1_000_000_000_000L; // consistent with the rules: the table's counters and its segments' rows agree
    Path manifest = out.resolve("manifest.json");
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(Files.readAllBytes(manifest));
    for (com.fasterxml.jackson.databind.JsonNode t : root.get("tables")) {
      if (t.get("name").asText().equals("word")) {
        com.fasterxml.jackson.databind.node.ObjectNode c = (com.fasterxml.jackson.databind.node.ObjectNode) t.get("counters");
        c.put("read", c.get("read").asLong() + delta);
        c.put("written", c.get("written").asLong() + delta);
      }
    }
    for (com.fasterxml.jackson.databind.JsonNode seg : root.get("segments")) {
      if (seg.get("table").asText().equals("word")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) seg).put("rows", seg.get("rows").asLong() + delta);
        break;
      }
    }
    Files.write(manifest, mapper.writeValueAsBytes(root));
    List<String> warnings = new java.util.ArrayList<>();
    SpillServices services = new SpillServices(java.time.Clock.systemUTC(), () -> java.util.UUID.randomUUID().toString(),
        "test", SpillProgress.NONE, java.util.Optional.empty(), SegmentWriterFactory.UNCOMPRESSED, warnings::add,
        () -> System.in);
    SpillResult second = new Spill(SpillOptions.of(plan, out).withForce(true).withIdMapHeapBytes(0), services).run();
    assertEquals(List.of(), warnings, "the forged manifest was read, and used");
    long inputBytes = Files.size(tmp.resolve("in/words.csv"));
    long mapBytes = 0;
    for (String name : wordMapFiles(second)) {
      mapBytes += Files.size(second.directory().idmapDir().resolve(name));
    }
    assertTrue(mapBytes < 200 * inputBytes, "map of " + mapBytes + " bytes for " + inputBytes + " bytes of input");
  }
}
