package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestStoreTest {
  private static final Instant CREATED = Instant.parse("2024-05-01T12:00:00.123456Z");
  private static final Instant COMPLETED = Instant.parse("2024-05-01T12:30:00Z");

  @TempDir
  Path tmp;

  private SpillDirectory dir;
  private ManifestStore store;
  private Manifest manifest;
  private final ObjectMapper plain = new ObjectMapper();

  /** Two tables (a parent and a child referencing it), two sources, real segments on disk. */
  @BeforeEach
  void writeASpill() {
    dir = SpillDirectory.create(tmp.resolve("spill"));
    store = new ManifestStore(dir);
    ManifestTable maintainer = ManifestTable.of("maintainer", Tuples.ID_NAME, "id", List.of("name"), Map.of());
    ManifestTable pkg = ManifestTable.of("package \"odd\"; name", List.of(SpillColumn.of("id", "bigint"),
        SpillColumn.of("maintainer_id", "int8"), SpillColumn.of("price", "numeric(12,2)"), SpillColumn.of("tags", "varchar(10)[]")),
        "id", List.of("id"), Map.of("maintainer_id", "maintainer"));
    Manifest m = Manifest.open("0f8c7d6e-spill", "0.1.0", CREATED, "debian", List.of(maintainer, pkg),
        List.of(new ManifestSource("debian_packages.csv", new RowCounters(10, 9, 0, 0, 1))));
    List<SealedSegment> sealed = new ArrayList<>();
    try (SegmentWriter w = new SegmentWriter(dir, m.firstSegmentHeader("maintainer"), 300, sealed::add)) {
      for (int i = 0; i < 9; i++) {
        w.append(new dev.spillway.pgbinary.ByteSink().write(Tuples.idName(i, "maintainer " + i)));
      }
    }
    long rows = 0;
    for (SealedSegment s : sealed) {
      m = m.withSegment(s);
      rows += s.rows();
    }
    assertTrue(sealed.size() >= 2, "fixture needs several segments");
    manifest = m.withTable(maintainer.withCounters(new RowCounters(rows, rows, 0, 0, 0))).completed(COMPLETED);
  }

  @Test
  void roundTripsThroughAnAtomicOwnerOnlyFile() throws Exception {
    store.write(manifest.withTable(manifest.tables().get(0)));
    store.write(manifest);
    assertEquals(manifest, store.read());
    assertFalse(Files.exists(dir.root().resolve("manifest.json.tmp")));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.manifestFile())));

    JsonNode json = plain.readTree(dir.manifestFile().toFile());
    assertEquals(2, json.get("formatVersion").intValue());
    assertEquals("complete", json.get("state").textValue());
    assertEquals("2024-05-01T12:00:00.123456Z", json.get("createdAt").textValue());
    assertEquals("numeric(12,2)", json.at("/tables/1/columns/2/type").textValue());
    assertEquals("varchar(10)[]", json.at("/tables/1/columns/3/type").textValue());
    assertEquals("maintainer", json.at("/tables/1/references/maintainer_id").textValue());
    assertTrue(json.at("/tables/1/idColumn").isTextual());
    assertEquals("segments/0001-00000001.pgcopy", json.at("/segments/0/file").textValue());
    assertTrue(json.at("/segments/0/crc32c").textValue().matches("[0-9a-f]{8}"));
    assertEquals(List.of("table", "sequence", "file", "compression", "bytes", "rows", "crc32c", "plainBytes", "plainCrc32c"),
        fieldNames(json.at("/segments/0")));
    assertEquals("none", json.at("/segments/0/compression").textValue());
    assertEquals(json.at("/segments/0/bytes"), json.at("/segments/0/plainBytes"));
    assertEquals(List.of("formatVersion", "spillId", "state", "spillwayVersion", "createdAt", "completedAt", "targetSchema",
        "tables", "sources", "segments"), fieldNames(json));
    assertEquals(List.of("read", "written", "duplicates", "skipped", "rejected"), fieldNames(json.at("/sources/0/counters")));
  }

  @Test
  void anOpenManifestHasANullCompletedAtAndANullIdColumnIsAllowed() {
    Manifest open = Manifest.open("s", "0.1.0", CREATED, "public",
        List.of(ManifestTable.of("link", Tuples.ID_NAME, null, List.of("id", "name"), Map.of())), List.of());
    store.write(open);
    assertEquals(open, store.read());
    assertEquals(SpillState.OPEN, store.read().state());
  }

  /** Manifests written before notNullColumns and fingerprint existed (same formatVersion 2) still read. */
  @Test
  void readsAManifestWrittenBeforeTheOptionalMembers() throws Exception {
    ObjectNode tree = (ObjectNode) readTree();
    tree.withArray("tables").forEach(t -> ((ObjectNode) t).remove(List.of("notNullColumns", "distributeBy", "reference")));
    tree.withArray("sources").forEach(s -> ((ObjectNode) s).remove("fingerprint"));
    Files.write(dir.manifestFile(), plain.writeValueAsBytes(tree));
    Manifest read = store.read();
    assertEquals(manifest.tables().size(), read.tables().size());
    read.tables().forEach(t -> assertEquals(List.of(), t.notNullColumns(), t.name()));
    read.tables().forEach(t -> assertEquals(null, t.distributeBy(), t.name()));
    read.tables().forEach(t -> assertEquals(false, t.reference(), t.name()));
    assertEquals(manifest.segments(), read.segments());
  }

  /** A Citus layout that breaks the table's own rules is refused, naming the table. */
  @Test
  void refusesADistributionColumnThatIsNotAColumnOrAlsoAReferenceTable() throws Exception {
    assertRefused(m -> ((ObjectNode) m.withArray("tables").get(0)).put("distributeBy", "nope"), "distributeBy nope is not one of its columns");
    String column = manifest.tables().get(0).columns().get(0).name();
    assertRefused(m -> ((ObjectNode) m.withArray("tables").get(0)).put("distributeBy", column).put("reference", true),
        "a reference table");
  }

  @Test
  void refusesUnknownFormatVersionsNamingBoth() {
    assertRefused(m -> m.put("formatVersion", 1), "manifest formatVersion 1 is not supported: this spillway reads formatVersion 2");
    assertRefused(m -> m.put("formatVersion", 3), "manifest formatVersion 3 is not supported: this spillway reads formatVersion 2");
    assertRefused(m -> {
      m.removeAll();
      m.put("formatVersion", 7).put("somethingNew", true);
    }, "formatVersion 7 is not supported");
    assertRefused(m -> m.remove("formatVersion"), "no formatVersion");
    assertRefused(m -> m.put("formatVersion", "2"), "formatVersion must be an integer");
    assertRefused(m -> m.put("formatVersion", 1.5), "formatVersion must be an integer");
  }

  @Test
  void refusesUnknownMissingAndNullMembers() {
    assertRefused(m -> m.put("extra", 1), "extra");
    assertRefused(m -> ((ObjectNode) m.at("/tables/0")).put("comment", "x"), "comment");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).remove("rows"), "rows");
    assertRefused(m -> m.remove("spillId"), "spillId");
    assertRefused(m -> m.putNull("spillId"), "spillId");
    assertRefused(m -> m.putNull("tables"), "tables");
    assertRefused(m -> ((ArrayNode) m.get("tables")).addNull(), "tables[2] is null");
    assertRefused(m -> ((ObjectNode) m.at("/tables/1/references")).putNull("maintainer_id"), "names no table");
  }

  @Test
  void refusesWrongTypesInsteadOfCoercing() {
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("rows", "5"), "rows");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("rows", 5.0), "rows");
    assertRefused(m -> m.put("spillId", 5), "spillId");
    assertRefused(m -> m.put("state", "OPEN"), "state");
    assertRefused(m -> m.put("state", 0), "state");
    assertRefused(m -> m.put("createdAt", "yesterday"), "createdAt");
    assertRefused(m -> ((ObjectNode) m.at("/tables/0/columns/0")).put("type", "bigintx"), "bigintx");
    assertRefused(m -> ((ObjectNode) m.at("/tables/0/counters")).put("skipped", -1), "skipped < 0: -1");
  }

  @Test
  void refusesSegmentPathsOutsideThePattern() {
    for (String bad : List.of("../../etc/passwd", "/etc/passwd", "segments/../manifest.json", "segments/0001-00000001.pgcopy.tmp",
        "segments/1-1.pgcopy", "segments\\0001-00000001.pgcopy")) {
      SpillFormatException e = assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("file", bad), "segments[0].file");
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("file", "segments/0002-00000001.pgcopy"),
        "expected segments/0001-00000001.pgcopy, found segments/0002-00000001.pgcopy");
  }

  @Test
  void compressionMustAgreeWithTheFileNameAndThePlainSizes() {
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("compression", "zstd"),
        "expected segments/0001-00000001.pgcopy.zst, found segments/0001-00000001.pgcopy");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("file", "segments/0001-00000001.pgcopy.zst"),
        "expected segments/0001-00000001.pgcopy, found segments/0001-00000001.pgcopy.zst");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("compression", "gzip"), "compression");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("compression", "ZSTD"), "compression");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("compression", 1), "compression");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).remove("compression"), "compression");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).remove("plainCrc32c"), "plainCrc32c");
    long bytes = manifest.segments().get(0).bytes();
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("plainBytes", bytes + 1),
        "is uncompressed, so plainBytes must equal bytes: expected " + bytes + ", found " + (bytes + 1));
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("plainCrc32c", "00000000"),
        "is uncompressed, so plainCrc32c must equal crc32c");
  }

  @Test
  void compressedSegmentsRoundTrip() {
    Manifest open = Manifest.open("z", "0.1.0", CREATED, "public",
        List.of(ManifestTable.of("t", Tuples.ID_NAME, "id", List.of(), Map.of())), List.of());
    List<SealedSegment> sealed = new ArrayList<>();
    SpillDirectory zdir = SpillDirectory.create(tmp.resolve("zstd"));
    try (SegmentWriter w = new SegmentWriter(zdir, open.firstSegmentHeader("t"), 1 << 20, Compression.ZSTD, sealed::add)) {
      w.append(new dev.spillway.pgbinary.ByteSink().write(Tuples.idName(1, "one")));
    }
    Manifest m = open.withSegment(sealed.get(0));
    ManifestStore zstore = new ManifestStore(zdir);
    zstore.write(m);
    assertEquals(m, zstore.read());
    JsonNode json = readTree(m);
    assertEquals("zstd", json.at("/segments/0/compression").textValue());
    assertEquals("segments/0001-00000001.pgcopy.zst", json.at("/segments/0/file").textValue());
    assertTrue(json.at("/segments/0/plainBytes").longValue() != json.at("/segments/0/bytes").longValue());
  }

  @Test
  void refusesDuplicateAndMissingSequences() {
    assertRefused(m -> ((ObjectNode) m.at("/segments/1")).put("sequence", 1).put("file", "segments/0001-00000001.pgcopy"),
        "segments[1]: duplicate sequence 1 of table maintainer");
    assertRefused(m -> ((ArrayNode) m.get("segments")).remove(0), "segments[0].sequence of table maintainer: expected 1, found 2");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("table", "nope"), "segments[0].table: table nope is not in tables");
  }

  @Test
  void refusesInconsistentTables() {
    assertRefused(m -> ((ObjectNode) m.at("/tables/1")).put("name", "maintainer"), "table maintainer is listed twice");
    assertRefused(m -> ((ObjectNode) m.at("/tables/1/references")).put("maintainer_id", "ghost"), "table ghost is not in tables");
    assertRefused(m -> ((ObjectNode) m.at("/tables/1")).put("idColumn", "nope"), "idColumn nope is not one of its columns");
    assertRefused(m -> ((ArrayNode) m.at("/tables/1/keyColumns")).add("id"), "key column id is listed twice");
    assertRefused(m -> ((ArrayNode) m.at("/tables/0/columns")).removeAll(), "has 0 columns");
    assertRefused(m -> ((ArrayNode) m.get("tables")).removeAll(), "expected 1 to 9999 tables, found 0");
  }

  @Test
  void refusesAnInconsistentState() {
    assertRefused(m -> m.putNull("completedAt"), "state is complete but completedAt is missing");
    assertRefused(m -> m.put("state", "open"), "state is open but completedAt is set");
    assertRefused(m -> m.put("completedAt", "2000-01-01T00:00:00Z"), "is before createdAt");
    long rows = manifest.tables().get(0).counters().written();
    assertRefused(m -> ((ObjectNode) m.at("/tables/0/counters")).put("written", rows + 1),
        "tables[0].counters.written of table maintainer: expected " + rows + " (the rows of its segments), found " + (rows + 1));
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("crc32c", "ABCDEF01"), "crc32c");
    assertRefused(m -> ((ObjectNode) m.at("/segments/0")).put("crc32c", "abcdef0"), "crc32c");
  }

  @Test
  void refusesMalformedJson() throws Exception {
    byte[] good = store.toJson(manifest);
    String text = new String(good, StandardCharsets.UTF_8);
    assertRefusedBytes((text + "{}").getBytes(StandardCharsets.UTF_8), "manifest");
    assertRefusedBytes(text.replaceFirst("\"spillId\"", "\"spillId\" : \"x\", \"spillId\"").getBytes(StandardCharsets.UTF_8), "spillId");
    assertRefusedBytes("[]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
    assertRefusedBytes(new byte[0], "manifest");
    assertRefusedBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, "manifest");
    SpillFormatException e = assertRefusedBytes(text.substring(0, 200).getBytes(StandardCharsets.UTF_8), "manifest");
    assertTrue(e.byteOffset() >= 150 && e.byteOffset() <= 200, "offset of the cut: " + e.byteOffset());
  }

  @Test
  void refusesSymbolicLinksAndMissingFiles() throws Exception {
    store.write(manifest);
    Path first = dir.root().resolve(manifest.segments().get(0).file());
    Path elsewhere = Files.move(first, tmp.resolve("elsewhere.pgcopy"));
    Files.createSymbolicLink(first, elsewhere);
    SpillFormatException e = assertThrows(SpillFormatException.class, store::read);
    assertTrue(e.getMessage().contains("segments[0].file: segment file segments/0001-00000001.pgcopy is a symbolic link"), e.getMessage());

    SpillDirectory other = SpillDirectory.create(tmp.resolve("other"));
    Files.delete(other.segmentsDir());
    Files.createSymbolicLink(other.segmentsDir(), dir.segmentsDir());
    Files.copy(dir.manifestFile(), other.manifestFile());
    SpillFormatException linkedDir = assertThrows(SpillFormatException.class, () -> new ManifestStore(other).read());
    assertTrue(linkedDir.getMessage().contains("is a symbolic link (refused)"), linkedDir.getMessage());

    Files.delete(dir.manifestFile());
    assertTrue(assertThrows(SpillFormatException.class, store::read).getMessage().contains("no manifest"));
  }

  @Test
  void refusesAnOversizedManifestWithoutReadingIt() throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(dir.manifestFile().toFile(), "rw")) {
      f.setLength(ManifestStore.MAX_MANIFEST_BYTES + 1); // sparse
    }
    SpillFormatException e = assertThrows(SpillFormatException.class, store::read);
    assertTrue(e.getMessage().contains("more than the maximum"), e.getMessage());
  }

  @Test
  void codeCannotBuildAnInvalidManifestEither() {
    SealedSegment s = manifest.segments().get(0);
    assertThrows(IllegalArgumentException.class, () -> manifest.withSegment(s));
    assertThrows(IllegalArgumentException.class, () -> new SealedSegment("t", 1, "f", 10, 0, "00000000"));
    assertThrows(IllegalArgumentException.class, () -> Manifest.open("s", "v", CREATED, "public", List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> manifest.tableOrdinal("ghost"));
    assertEquals(2, manifest.tableOrdinal("package \"odd\"; name"));
    assertEquals(new SegmentFileName(2, 1), manifest.firstSegmentHeader("package \"odd\"; name").fileName());
  }

  /** Seeded: mutated manifests end in a SpillFormatException or parse to a valid manifest, nothing else. */
  @Test
  void randomMutationsEndInACleanExceptionOrAValidManifest() {
    byte[] good = store.toJson(manifest);
    Random random = new Random(99);
    int refused = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] bad = good.clone();
      switch (round % 3) {
        case 0 -> bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
        default -> {
          int at = random.nextInt(bad.length);
          for (int i = at; i < Math.min(bad.length, at + 1 + random.nextInt(8)); i++) {
            String alphabet = "{}[]\",:0123456789-eE.nulltruefalse \\u";
            bad[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
          }
        }
      }
      try {
        store.parse(dir.manifestFile(), bad);
      } catch (SpillFormatException expected) {
        refused++;
      } catch (RuntimeException | Error e) {
        throw new AssertionError("round " + round + ": expected a SpillFormatException, got " + e, e);
      }
    }
    assertTrue(refused > 2000, "most mutations are refused: " + refused);
  }

  // ---- helpers ----

  private SpillFormatException assertRefused(Consumer<ObjectNode> mutation, String expected) {
    ObjectNode tree = (ObjectNode) readTree();
    mutation.accept(tree);
    try {
      return assertRefusedBytes(plain.writeValueAsBytes(tree), expected);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private SpillFormatException assertRefusedBytes(byte[] json, String expected) {
    try {
      Files.write(dir.manifestFile(), json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    SpillFormatException e = assertThrows(SpillFormatException.class, store::read, expected);
    assertEquals(dir.manifestFile(), e.file());
    assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    return e;
  }

  private JsonNode readTree() {
    return readTree(manifest);
  }

  private JsonNode readTree(Manifest m) {
    try {
      return plain.readTree(store.toJson(m));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
