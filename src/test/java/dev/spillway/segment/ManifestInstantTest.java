package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spill-format.md section 4: instants are {@code YYYY-MM-DDTHH:MM:SS[.F]Z} exactly as
 * {@link Instant#toString()} writes them, expanded years included (a source file's time can be
 * anything), and nothing else: no offset, no lower case, no leap second, at most 9 fraction digits.
 */
class ManifestInstantTest {
  @TempDir
  Path tmp;

  @Test
  void instantsOutsideYearsZeroToNineThousandNineHundredNinetyNineRoundTrip() {
    Manifest m = TestSpill.in(tmp.resolve("s")).table("item", Tuples.ID_NAME, List.of(Tuples.idName(1, "a"))).write();
    Instant created = Instant.parse("-0001-01-01T00:00:00Z");
    Instant completed = Instant.parse("+10000-01-01T00:00:00.000000001Z");
    Manifest odd = new Manifest(m.formatVersion(), m.spillId(), m.state(), m.spillwayVersion(), created, completed,
        m.targetSchema(), m.tables(), m.sources(), m.segments());
    SpillDirectory dir = SpillDirectory.open(tmp.resolve("s"));
    new ManifestStore(dir).write(odd);
    Manifest read = new ManifestStore(dir).read();
    assertEquals(created, read.createdAt());
    assertEquals(completed, read.completedAt());
  }

  @Test
  void otherSpellingsAreRefused() throws Exception {
    for (String bad : List.of("2024-05-01t12:00:00z", "2024-05-01T12:00:00+00:00", "2024-05-01T12:00:60Z",
        "2024-05-01T24:00:00Z", "2024-05-01T12:00:00.1234567891Z", "2024-05-01 12:00:00Z", "24-05-01T12:00:00Z",
        "+2024-05-01T12:00:00Z")) {
      Path root = tmp.resolve("r" + Math.abs(bad.hashCode()));
      TestSpill.in(root).table("item", Tuples.ID_NAME, List.of(Tuples.idName(1, "a"))).write();
      Path file = root.resolve("manifest.json");
      Files.writeString(file, Files.readString(file).replace("\"createdAt\" : \"2024-05-01T12:00:00Z\"",
          "\"createdAt\" : \"" + bad + "\""));
      SpillFormatException e = assertThrows(SpillFormatException.class,
          () -> new ManifestStore(SpillDirectory.open(root)).read(), bad);
      assertTrue(e.getMessage().contains("expected an ISO-8601 UTC instant"), e.getMessage());
    }
  }
}
