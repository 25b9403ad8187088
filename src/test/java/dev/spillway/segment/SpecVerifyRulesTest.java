package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.spillway.pgbinary.ByteSink;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done means of issue 16: every verify rule of spill-format.md (S1-S12 of section 2, Z1-Z6 of 2a,
 * M1-M6 of 4, V1-V9 and D1-D5 of 6), read out of the spec, has a case here that breaks a spill in
 * exactly that way and checks the rule fires with the offset the spec says. A rule added to the
 * spec without a case, or a case whose rule left the spec, fails {@link #everyRuleInTheSpecHasACase}.
 */
class SpecVerifyRulesTest {
  /** A rule's id at the start of a rule table's row. */
  private static final Pattern RULE = Pattern.compile("^\\| ([SZMVD][0-9]+) \\|", Pattern.MULTILINE);
  private static final int NONE = -1;

  @TempDir
  Path tmp;

  private int spills;

  private interface Case {
    void run() throws Exception;
  }

  private Map<String, Case> cases() {
    Map<String, Case> c = new LinkedHashMap<>();
    // ---- section 2: a lone plain file read by SegmentReader
    c.put("S1", () -> lone(b -> b[0] ^= 1, 0, "not a PostgreSQL binary COPY file"));
    c.put("S2", () -> lone(b -> b[14] = 1, 11, "flags field"));
    c.put("S3", () -> lone(b -> putInt(b, 15, 15), 15, "header extension length 15"));
    c.put("S4", () -> lone(b -> b[19] ^= 1, 19, "SPILLWAY chunk tag"));
    c.put("S5", () -> lone(b -> b[28] = 2, 27, "chunk version 2 is not supported"));
    c.put("S6", () -> lone(b -> putInt(b, 29, getInt(b, 29) - 1), 29, "metadata length"));
    c.put("S7", this::metadataBreakingItsTable);
    c.put("S8", () -> lone(b -> b[firstTuple(b) + 1] = 3, Offset.TUPLE, "has 3 fields, expected 2"));
    c.put("S9", () -> lone(b -> putInt(b, firstTuple(b) + 2, -2), Offset.TUPLE_PLUS_2, "has length -2"));
    c.put("S10", this::fileEndingBeforeItsTrailer);
    c.put("S11", () -> loneBytes(b -> concat(Arrays.copyOf(b, firstTuple(b)), new byte[] {-1, -1}), Offset.TUPLE,
        "segment holds no tuples"));
    c.put("S12", () -> loneBytes(b -> concat(b, new byte[] {0}), Offset.ORIGINAL_SIZE, "data after the trailer"));
    // ---- section 2a: compressed files
    c.put("Z1", this::zstdTrailerFields);
    c.put("Z2", this::zstdTrailerAgainstTheManifest);
    c.put("Z3", this::zstdDecompressionCappedAtTheDeclaredSize);
    c.put("Z4", this::zstdWindowTooLarge);
    c.put("Z5", this::zstdDataTheDecoderRejects);
    c.put("Z6", this::zstdPlainStreamShortOrWrongCrc);
    // ---- section 4: the manifest
    c.put("M1", this::manifestMissingOrALink);
    c.put("M2", this::manifestTooLarge);
    c.put("M3", () -> manifest(json -> "\uFEFF" + json, 0, "byte order mark"));
    c.put("M4", this::manifestNotStrictJson);
    c.put("M5", () -> manifest(json -> json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 3"), NONE,
        "manifest formatVersion 3 is not supported: this spillway reads formatVersion 2"));
    c.put("M6", this::manifestBreakingItsTables);
    // ---- section 6: a listed segment, then the directory
    c.put("V1", this::listedSegmentThatIsALink);
    c.put("V2", () -> listed((root, file) -> Files.delete(file), NONE, "missing"));
    c.put("V3", () -> listed((root, file) -> Files.write(file, concat(Files.readAllBytes(file), new byte[] {1})),
        Offset.ORIGINAL_SIZE, "size: expected"));
    c.put("V4", this::listedZstdTrailer);
    c.put("V5", this::listedHeaderOfAnotherSpill);
    c.put("V6", () -> listed((root, file) -> mutate(file, b -> b[firstTuple(b) + 1] = 3), Offset.TUPLE,
        "has 3 fields, expected 2"));
    c.put("V7", this::listedRowCount);
    c.put("V8", () -> listed((root, file) -> mutate(file, b -> b[b.length - 3] ^= 0x02), NONE,
        "CRC32C: expected"));
    c.put("V9", this::listedInvalidValue);
    c.put("D1", this::directoryWithABrokenManifest);
    c.put("D2", this::directoryStillOpen);
    c.put("D3", this::directoryReportsEachBrokenSegment);
    c.put("D4", this::directoryEntriesNotListed);
    c.put("D5", this::directoryWithATornManifest);
    return c;
  }

  @Test
  void everyRuleInTheSpecHasACase() {
    TreeSet<String> inSpec = specRules();
    assertTrue(inSpec.size() >= 38, "rules in the spec: " + inSpec);
    assertEquals(inSpec, new TreeSet<>(cases().keySet()), "rules in spill-format.md vs cases here");
  }

  @TestFactory
  Stream<DynamicTest> eachRuleFiresWithTheOffsetTheSpecSays() {
    TreeSet<String> inSpec = specRules();
    return cases().entrySet().stream().filter(e -> inSpec.contains(e.getKey()))
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> e.getValue().run()));
  }

  private static TreeSet<String> specRules() {
    TreeSet<String> ids = new TreeSet<>();
    Matcher m = RULE.matcher(SpecText.spec());
    while (m.find()) {
      assertTrue(ids.add(m.group(1)), "rule " + m.group(1) + " is defined twice in the spec");
    }
    return ids;
  }

  // ---------------------------------------------------------------- fixtures

  private enum Offset { TUPLE, TUPLE_PLUS_2, SIZE, ORIGINAL_SIZE }

  private interface BytesMutation {
    void apply(byte[] b);
  }

  private interface BytesFunction {
    byte[] apply(byte[] b);
  }

  private interface FileMutation {
    void apply(Path root, Path segment) throws Exception;
  }

  private static List<byte[]> rows() {
    return List.of(Tuples.idName(1, "alpha"), Tuples.idName(2, "beta"), Tuples.idName(3, "gamma"));
  }

  private Path newRoot() {
    return tmp.resolve("spill" + (++spills));
  }

  private Manifest spill(Path root, Compression compression) {
    return TestSpill.in(root).compression(compression).table("item", Tuples.ID_NAME, rows()).write();
  }

  /** The plain segment of {@link #rows()}. */
  private byte[] plainSegment() throws Exception {
    Path root = newRoot();
    Manifest m = spill(root, Compression.NONE);
    return Files.readAllBytes(root.resolve(m.segments().get(0).file()));
  }

  private static int firstTuple(byte[] b) {
    return SegmentFormat.METADATA_OFFSET + getInt(b, SegmentFormat.METADATA_LENGTH_OFFSET);
  }

  private void lone(BytesMutation mutation, int offset, String message) throws Exception {
    lone(mutation, (Object) offset, message);
  }

  private void lone(BytesMutation mutation, Offset offset, String message) throws Exception {
    lone(mutation, (Object) offset, message);
  }

  private void lone(BytesMutation mutation, Object offset, String message) throws Exception {
    loneBytes(b -> {
      byte[] copy = b.clone();
      mutation.apply(copy);
      return copy;
    }, offset, message);
  }

  private void loneBytes(BytesFunction change, Object offset, String message) throws Exception {
    byte[] original = plainSegment();
    byte[] changed = change.apply(original);
    Path file = tmp.resolve("lone" + (++spills) + ".pgcopy");
    Files.write(file, changed);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
    assertEquals(expected(offset, original, changed), e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static long expected(Object offset, byte[] original, byte[] changed) {
    if (offset instanceof Integer i) {
      return i;
    }
    return switch ((Offset) offset) {
      case TUPLE -> firstTuple(original);
      case TUPLE_PLUS_2 -> firstTuple(original) + 2;
      case SIZE -> changed.length;
      case ORIGINAL_SIZE -> original.length;
    };
  }

  /** A listed plain segment changed by {@code change}, checked by SegmentVerifier. */
  private void listed(FileMutation change, Object offset, String message) throws Exception {
    Path root = newRoot();
    Manifest m = spill(root, Compression.NONE);
    SealedSegment s = m.segments().get(0);
    Path file = root.resolve(s.file());
    byte[] original = Files.readAllBytes(file);
    change.apply(root, file);
    byte[] changed = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    SpillFormatException e = assertThrows(SpillFormatException.class,
        () -> new SegmentVerifier(SpillDirectory.open(root), m).verify(s));
    long want = offset instanceof Integer i ? i : expected(offset, original, changed);
    assertEquals(want, e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static void mutate(Path file, BytesMutation mutation) throws Exception {
    byte[] b = Files.readAllBytes(file);
    mutation.apply(b);
    Files.write(file, b);
  }

  private static int getInt(byte[] b, int at) {
    return ByteBuffer.wrap(b).getInt(at);
  }

  private static void putInt(byte[] b, int at, int value) {
    ByteBuffer.wrap(b).putInt(at, value);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ---------------------------------------------------------------- section 2

  private void metadataBreakingItsTable() throws Exception {
    byte[] original = plainSegment();
    int m = getInt(original, SegmentFormat.METADATA_LENGTH_OFFSET);
    String latin = new String(original, StandardCharsets.ISO_8859_1);
    for (String[] change : List.of(new String[] {"\"spillId\"", "\"spillIx\""}, new String[] {"\"tableOrdinal\":1",
        "\"tableOrdinal\":0"}, new String[] {"\"name\":\"name\"", "\"name\":\"id\"  "}, new String[] {"{\"spillId\"",
        "[\"spillId\""})) {
      int at = latin.indexOf(change[0]);
      assertTrue(at > 0, change[0]);
      Path file = tmp.resolve("meta" + (++spills) + ".pgcopy");
      Files.write(file, latin.replace(change[0], change[1]).getBytes(StandardCharsets.ISO_8859_1));
      SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
      assertTrue(e.byteOffset() >= at && e.byteOffset() <= SegmentFormat.METADATA_OFFSET + m,
          change[1] + ": offset " + e.byteOffset() + " not in " + at + ".." + (SegmentFormat.METADATA_OFFSET + m)
              + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("segment metadata"), e.getMessage());
    }
    metadataWithAByteOrderMark();
  }

  private void metadataWithAByteOrderMark() throws Exception {
    byte[] original = plainSegment();
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] b = concat(concat(Arrays.copyOf(original, SegmentFormat.METADATA_OFFSET), bom),
        Arrays.copyOfRange(original, SegmentFormat.METADATA_OFFSET, original.length));
    putInt(b, SegmentFormat.EXTENSION_LENGTH_OFFSET, getInt(b, SegmentFormat.EXTENSION_LENGTH_OFFSET) + 3);
    putInt(b, SegmentFormat.METADATA_LENGTH_OFFSET, getInt(b, SegmentFormat.METADATA_LENGTH_OFFSET) + 3);
    Path file = tmp.resolve("bom.pgcopy");
    Files.write(file, b);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
    assertEquals(SegmentFormat.METADATA_OFFSET, e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains("byte order mark"), e.getMessage());
  }

  private void fileEndingBeforeItsTrailer() throws Exception {
    loneBytes(b -> Arrays.copyOf(b, firstTuple(b) + 3), Offset.SIZE, "inside field 1 of tuple 1");
    byte[] plain = plainSegment();
    byte[] cut = Arrays.copyOf(plain, plain.length - 2); // at a tuple boundary, read as a stream of unknown size
    try (SegmentReader reader = new SegmentReader(tmp.resolve("stream"), new java.io.ByteArrayInputStream(cut), -1)) {
      SpillFormatException e = assertThrows(SpillFormatException.class, reader::scan);
      assertEquals(cut.length, e.byteOffset(), e.getMessage());
      assertTrue(e.getMessage().contains("without the trailer"), e.getMessage());
    }
  }

  // ---------------------------------------------------------------- section 2a

  private Path zstdLone(BytesMutation mutation) throws Exception {
    Path root = newRoot();
    Manifest m = spill(root, Compression.ZSTD);
    byte[] b = Files.readAllBytes(root.resolve(m.segments().get(0).file()));
    mutation.apply(b);
    Path file = tmp.resolve("z" + (++spills) + ".pgcopy.zst");
    Files.write(file, b);
    return file;
  }

  private void zstdTrailerFields() throws Exception {
    Path tiny = tmp.resolve("tiny.pgcopy.zst");
    Files.write(tiny, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0, 0, 0, 0, 0});
    SpillFormatException shortFile = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(tiny));
    assertEquals(10, shortFile.byteOffset(), shortFile.getMessage());
    int[][] fields = {{30, 0}, {22, 8}, {13, 16}, {5, 18}}; // byte to change (from the end), field offset in the trailer
    String[] messages = {"skippable trailer frame", "trailer tag", "trailer version", "plain bytes, outside"};
    for (int i = 0; i < fields.length; i++) {
      int fromEnd = fields[i][0];
      Path file = zstdLone(b -> {
        if (fromEnd == 5) {
          Arrays.fill(b, b.length - 12, b.length - 4, (byte) 0); // plain size 0
        } else {
          b[b.length - fromEnd] ^= 0x04;
        }
      });
      long size = Files.size(file);
      SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
      assertEquals(size - 30 + fields[i][1], e.byteOffset(), e.getMessage());
      assertTrue(e.getMessage().contains(messages[i]), e.getMessage());
    }
  }

  private void zstdTrailerAgainstTheManifest() throws Exception {
    Path root = newRoot();
    Manifest m = spill(root, Compression.ZSTD);
    SealedSegment s = m.segments().get(0);
    SealedSegment otherSize = new SealedSegment(s.table(), 1, s.file(), s.compression(), s.bytes(), s.rows(), s.crc32c(),
        s.plainBytes() + 1, s.plainCrc32c());
    SealedSegment otherCrc = new SealedSegment(s.table(), 1, s.file(), s.compression(), s.bytes(), s.rows(), s.crc32c(),
        s.plainBytes(), s.plainCrc32c().equals("00000000") ? "00000001" : "00000000");
    SegmentVerifier verifier = new SegmentVerifier(SpillDirectory.open(root), m);
    SpillFormatException size = assertThrows(SpillFormatException.class, () -> verifier.verify(otherSize));
    assertEquals(s.bytes() - 12, size.byteOffset(), size.getMessage());
    SpillFormatException crc = assertThrows(SpillFormatException.class, () -> verifier.verify(otherCrc));
    assertEquals(s.bytes() - 4, crc.byteOffset(), crc.getMessage());
  }

  /** Rewrites a lone zstd file's trailer to declare {@code plainBytes} and {@code crc}. */
  private Path zstdWithTrailer(long plainBytesDelta, int crcDelta) throws Exception {
    Path file = zstdLone(b -> { });
    byte[] b = Files.readAllBytes(file);
    ByteBuffer trailer = ByteBuffer.wrap(b, b.length - 30, 30).slice();
    long plain = trailer.getLong(18);
    int crc = trailer.getInt(26);
    byte[] rewritten = new ZstdTrailer(plain + plainBytesDelta, crc + crcDelta).encode();
    System.arraycopy(rewritten, 0, b, b.length - 30, 30);
    Files.write(file, b);
    return file;
  }

  private void zstdDecompressionCappedAtTheDeclaredSize() throws Exception {
    Path file = zstdWithTrailer(-10, 0);
    long declared = plainSize(file);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
    assertEquals(declared, e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains("decompresses to more than the " + declared + " bytes"), e.getMessage());
  }

  private static long plainSize(Path file) throws Exception {
    byte[] b = Files.readAllBytes(file);
    return ByteBuffer.wrap(b).getLong(b.length - 12);
  }

  private void zstdWindowTooLarge() throws Exception {
    byte[] plain = plainSegment();
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(frame, 3)) {
      z.setWindowLog(27);
      z.write(plain);
    }
    CRC32C crc = new CRC32C();
    crc.update(plain);
    frame.write(new ZstdTrailer(plain.length, (int) crc.getValue()).encode());
    Path file = tmp.resolve("window.pgcopy.zst");
    Files.write(file, frame.toByteArray());
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
    assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= Files.size(file) - 30, e.getMessage());
    assertTrue(e.getMessage().contains("zstd data is corrupt: Frame requires too much memory"), e.getMessage());
  }

  private void zstdDataTheDecoderRejects() throws Exception {
    Path file = zstdLone(b -> b[b.length - 31] ^= 0x01); // the frame's content checksum, right before the trailer
    long size = Files.size(file);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
    assertTrue(e.byteOffset() >= size - 31 - 3 && e.byteOffset() <= size - 30, e.getMessage());
    assertTrue(e.getMessage().contains("zstd"), e.getMessage());
  }

  private void zstdPlainStreamShortOrWrongCrc() throws Exception {
    Path longer = zstdWithTrailer(10, 0);
    SpillFormatException shorter = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(longer));
    assertEquals(plainSize(longer) - 10, shorter.byteOffset(), shorter.getMessage());
    assertTrue(shorter.getMessage().contains("expected " + plainSize(longer)), shorter.getMessage());
    Path crc = zstdWithTrailer(0, 1);
    SpillFormatException wrongCrc = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(crc));
    assertEquals(NONE, wrongCrc.byteOffset(), wrongCrc.getMessage());
    assertTrue(wrongCrc.getMessage().contains("plain CRC32C: expected"), wrongCrc.getMessage());
  }

  // ---------------------------------------------------------------- section 4

  private interface TextChange {
    String apply(String json);
  }

  private void manifest(TextChange change, long offset, String message) throws Exception {
    Path root = newRoot();
    spill(root, Compression.NONE);
    Path file = root.resolve("manifest.json");
    Files.writeString(file, change.apply(Files.readString(file)));
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> new ManifestStore(SpillDirectory.open(root)).read());
    assertEquals(offset, e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private void manifestMissingOrALink() throws Exception {
    Path root = newRoot();
    spill(root, Compression.NONE);
    Path file = root.resolve("manifest.json");
    Path elsewhere = tmp.resolve("elsewhere" + (++spills) + ".json");
    Files.move(file, elsewhere);
    SpillFormatException missing = assertThrows(SpillFormatException.class,
        () -> new ManifestStore(SpillDirectory.open(root)).read());
    assertEquals(NONE, missing.byteOffset(), missing.getMessage());
    Files.createSymbolicLink(file, elsewhere);
    RuntimeException link = assertThrows(RuntimeException.class, () -> new ManifestStore(SpillDirectory.open(root)).read());
    assertTrue(!(link instanceof SpillFormatException f) || f.byteOffset() == NONE, link.getMessage());
  }

  private void manifestTooLarge() throws Exception {
    Path root = newRoot();
    spill(root, Compression.NONE);
    try (RandomAccessFile f = new RandomAccessFile(root.resolve("manifest.json").toFile(), "rw")) {
      f.setLength(ManifestStore.MAX_MANIFEST_BYTES + 1L); // sparse: costs no disk
    }
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> new ManifestStore(SpillDirectory.open(root)).read());
    assertEquals(ManifestStore.MAX_MANIFEST_BYTES, e.byteOffset(), e.getMessage());
  }

  private void manifestNotStrictJson() throws Exception {
    manifest(json -> "[1, 2]", 0, "not a JSON object");
    Path root = newRoot();
    spill(root, Compression.NONE);
    Path file = root.resolve("manifest.json");
    String json = Files.readString(file);
    int at = json.indexOf("\"state\"");
    Files.writeString(file, json.replace("\"state\"", "\"spillId\""));
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> new ManifestStore(SpillDirectory.open(root)).read());
    assertTrue(e.byteOffset() >= at && e.byteOffset() <= json.length(), e.getMessage());
    assertTrue(e.getMessage().contains("Duplicate field 'spillId'"), e.getMessage());
  }

  private void manifestBreakingItsTables() throws Exception {
    // a wrong type: at the value; a rule between members: within the object holding them
    String[][] changes = {
        {"\"rows\" : 3", "\"rows\" : \"3\"", "\"rows\" : \"3\"", "segments[0].rows"},
        {"\"spillId\" : \"spill-test-0001\"", "\"spillId\" : \"\"", "\"spillId\"", "spillId is missing or empty"},
        {"\"file\" : \"segments/0001-00000001.pgcopy\"", "\"file\" : \"segments/./0001-00000001.pgcopy\"", "\"file\"",
            "has a '.' component"},
        {"\"read\" : 3,", "\"read\" : 4,", "\"read\" : 4,", "read is 4 but written + duplicates + skipped + rejected is 3"},
        {"\"createdAt\" : \"2024-05-01T12:00:00Z\"", "\"createdAt\" : \"2024-05-01T12:00:00+00:00\"", "\"createdAt\"",
            "expected an ISO-8601 UTC instant"}};
    for (String[] change : changes) {
      Path root = newRoot();
      spill(root, Compression.NONE);
      Path file = root.resolve("manifest.json");
      String json = Files.readString(file);
      assertTrue(json.contains(change[0]), change[0] + " in " + json);
      String changed = json.replaceFirst(Pattern.quote(change[0]), Matcher.quoteReplacement(change[1]));
      Files.writeString(file, changed);
      int at = changed.indexOf(change[2]);
      SpillFormatException e = assertThrows(SpillFormatException.class,
          () -> new ManifestStore(SpillDirectory.open(root)).read(), change[1]);
      assertTrue(e.byteOffset() >= at && e.byteOffset() <= changed.length(), change[1] + ": offset " + e.byteOffset()
          + " not in " + at + ".." + changed.length() + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(change[3]), e.getMessage());
    }
  }

  // ---------------------------------------------------------------- section 6: one segment

  private void listedSegmentThatIsALink() throws Exception {
    listed((root, file) -> {
      Path copy = tmp.resolve("copy" + (++spills));
      Files.move(file, copy);
      Files.createSymbolicLink(file, copy);
    }, NONE, "symbolic link");
  }

  private void listedZstdTrailer() throws Exception {
    Path root = newRoot();
    Manifest m = spill(root, Compression.ZSTD);
    SealedSegment s = m.segments().get(0);
    mutate(root.resolve(s.file()), b -> b[b.length - 22] ^= 0x04);
    SpillFormatException e = assertThrows(SpillFormatException.class,
        () -> new SegmentVerifier(SpillDirectory.open(root), m).verify(s));
    assertEquals(s.bytes() - 22, e.byteOffset(), e.getMessage());
  }

  private void listedHeaderOfAnotherSpill() throws Exception {
    Path other = newRoot();
    Manifest o = TestSpill.in(other).spillId("spill-test-0002").table("item", Tuples.ID_NAME, rows()).write();
    listed((root, file) -> Files.copy(other.resolve(o.segments().get(0).file()), file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING), SegmentFormat.METADATA_OFFSET, "header spillId: expected");
  }

  private void listedRowCount() throws Exception {
    Path root = newRoot();
    Manifest m = spill(root, Compression.NONE);
    SealedSegment s = m.segments().get(0);
    SealedSegment more = new SealedSegment(s.table(), 1, s.file(), s.compression(), s.bytes(), s.rows() + 1, s.crc32c(),
        s.plainBytes(), s.plainCrc32c());
    SpillFormatException e = assertThrows(SpillFormatException.class,
        () -> new SegmentVerifier(SpillDirectory.open(root), m).verify(more));
    assertEquals(NONE, e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains("row count: expected 4 (manifest), found 3"), e.getMessage());
  }

  private void listedInvalidValue() throws Exception {
    Path root = newRoot();
    byte[] bad = new ByteSink().writeShort(2).writeInt(8).writeLong(2).writeInt(2).writeByte(0xC3).writeByte(0x28)
        .toByteArray();
    List<byte[]> tuples = new ArrayList<>(rows());
    tuples.set(1, bad);
    Manifest m = TestSpill.in(root).table("item", Tuples.ID_NAME, tuples).write();
    SealedSegment s = m.segments().get(0);
    byte[] plain = Files.readAllBytes(root.resolve(s.file()));
    long payload = firstTuple(plain) + Tuples.idNameBytes("alpha".length()) + 2 + 4 + 8 + 4;
    SpillFormatException e = assertThrows(SpillFormatException.class,
        () -> new SegmentVerifier(SpillDirectory.open(root), m).verify(s));
    assertEquals(payload, e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains("row 2, column name (text): invalid byte sequence for encoding UTF8"), e.getMessage());
  }

  // ---------------------------------------------------------------- section 6: the directory

  private VerifyReport verify(Path root) {
    return new SpillVerifier(SpillDirectory.open(root)).verify((a, b, c, d) -> { });
  }

  private void directoryWithABrokenManifest() throws Exception {
    Path root = newRoot();
    spill(root, Compression.NONE);
    Files.writeString(root.resolve("manifest.json"), "{");
    Files.writeString(root.resolve("manifest.json.tmp"), "{");
    Files.writeString(root.resolve("segments/junk"), "x");
    List<SpillProblem> problems = verify(root).problems();
    assertEquals(2, problems.size(), problems.toString());
    assertEquals(root.resolve("manifest.json"), problems.get(0).file());
    assertTrue(problems.get(0).byteOffset() >= 0, problems.toString());
    assertTrue(problems.get(1).problem().startsWith("torn manifest"), problems.toString());
  }

  private void directoryStillOpen() throws Exception {
    Path root = newRoot();
    TestSpill.in(root).open().table("item", Tuples.ID_NAME, rows()).write();
    List<SpillProblem> problems = verify(root).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(NONE, problems.get(0).byteOffset());
    assertTrue(problems.get(0).problem().startsWith("state is open"), problems.toString());
  }

  private void directoryReportsEachBrokenSegment() throws Exception {
    Path root = newRoot();
    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(Tuples.idName(i, "row " + i));
    }
    Manifest m = TestSpill.in(root).maxSegmentBytes(400).table("item", Tuples.ID_NAME, many).write();
    assertTrue(m.segments().size() >= 3);
    Path first = root.resolve(m.segments().get(0).file());
    Path third = root.resolve(m.segments().get(2).file());
    mutate(first, b -> b[0] ^= 1);
    mutate(third, b -> b[11 + 3] = 1);
    VerifyReport report = verify(root);
    assertEquals(List.of(first, third), report.problems().stream().map(SpillProblem::file).toList());
    assertEquals(List.of(0L, 11L), report.problems().stream().map(SpillProblem::byteOffset).toList());
    assertEquals(m.segments().size() - 2, report.segmentsIntact());
  }

  private void directoryEntriesNotListed() throws Exception {
    Path root = newRoot();
    spill(root, Compression.NONE);
    Path segments = root.resolve("segments");
    Files.write(segments.resolve("0001-00000002.pgcopy.tmp"), new byte[] {1, 2, 3});
    Files.write(segments.resolve("0001-00000009.pgcopy"), new byte[] {1});
    Files.write(segments.resolve("a-stray.txt"), new byte[] {1});
    Files.createDirectory(segments.resolve("b-dir"));
    Files.createSymbolicLink(segments.resolve("c-link"), root.resolve("manifest.json"));
    Files.write(root.resolve("stray-top-level.txt"), new byte[] {1}); // readers ignore top-level names they do not know
    List<SpillProblem> problems = verify(root).problems();
    assertEquals(List.of("0001-00000002.pgcopy.tmp", "0001-00000009.pgcopy", "a-stray.txt", "b-dir", "c-link"),
        problems.stream().map(p -> p.file().getFileName().toString()).toList(), problems.toString());
    assertTrue(problems.get(0).problem().startsWith("torn segment"), problems.toString());
    assertTrue(problems.get(1).problem().contains("unreferenced"), problems.toString());
    for (SpillProblem p : problems.subList(2, 5)) {
      assertTrue(p.problem().startsWith("unexpected"), p.toString());
    }
    assertTrue(problems.stream().allMatch(p -> p.byteOffset() == NONE), problems.toString());
  }

  private void directoryWithATornManifest() throws Exception {
    Path root = newRoot();
    spill(root, Compression.NONE);
    Files.write(root.resolve("manifest.json.tmp"), new byte[] {'{'});
    List<SpillProblem> problems = verify(root).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(root.resolve("manifest.json.tmp"), problems.get(0).file());
    assertEquals(NONE, problems.get(0).byteOffset());
    assertTrue(problems.get(0).problem().startsWith("torn manifest"), problems.toString());
  }
}
