package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, item 3: source fingerprints, and the manifest member that holds them. */
class SourceFingerprintTest {
  @TempDir
  Path tmp;

  @Test
  void aChangeAtEitherEndOfALargeFileWithTheSameSizeAndTimeChangesTheFingerprint() throws Exception {
    Path file = tmp.resolve("big.csv");
    byte[] bytes = new byte[500_000];
    Arrays.fill(bytes, (byte) 'x');
    Files.write(file, bytes);
    FileTime time = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, time);
    SourceFingerprint before = SourceFingerprint.of(file);
    assertEquals(500_000, before.bytes());
    assertEquals(time.toInstant(), before.modifiedAt());

    bytes[bytes.length - 1] = 'y';
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, time);
    SourceFingerprint after = SourceFingerprint.of(file);
    assertNotEquals(before, after);
    assertTrue(after.differenceFrom(before).contains("other contents"), after.differenceFrom(before));
    assertEquals("", after.differenceFrom(after));
  }

  @Test
  void fingerprintsRoundTripAndAManifestWithoutThemStillReads() throws Exception {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("spill"));
    ManifestStore store = new ManifestStore(dir);
    Files.writeString(tmp.resolve("in.csv"), "a,b\n1,2\n");
    SourceFingerprint print = SourceFingerprint.of(tmp.resolve("in.csv"));
    Manifest m = Manifest.open("spill-1", "0.1.0", Instant.parse("2024-05-01T12:00:00Z"), "public",
        List.of(ManifestTable.of("t", Tuples.ID_NAME, "id", List.of("name"), java.util.Map.of())),
        List.of(new ManifestSource("in.csv", new RowCounters(0, 0, 0, 0, 0), print)));
    store.write(m);
    assertEquals(print, store.read().sources().get(0).fingerprint());

    ObjectMapper plain = new ObjectMapper();
    ObjectNode json = (ObjectNode) plain.readTree(dir.manifestFile().toFile());
    assertEquals(64, json.at("/sources/0/fingerprint/sampleSha256").textValue().length());
    ((ObjectNode) json.at("/sources/0")).remove("fingerprint"); // as an earlier spillway wrote it
    Manifest old = store.parse(dir.manifestFile(), plain.writeValueAsBytes(json));
    assertNull(old.sources().get(0).fingerprint());
  }
}
