package dev.spillway.segment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test fixture: a spill directory with one (bigint, text) table written by a real {@link SegmentWriter}. */
final class SegmentFixture {
  final SpillDirectory dir;
  final List<byte[]> tuples = new ArrayList<>();
  final List<SealedSegment> sealed = new ArrayList<>();
  final SegmentHeader firstHeader;

  /** Writes {@code rows} seeded random tuples (some NULL texts) with the given segment bound, uncompressed. */
  SegmentFixture(Path root, String spillId, int rows, long maxSegmentBytes, long seed) {
    this(root, spillId, rows, maxSegmentBytes, seed, Compression.NONE);
  }

  /** Writes {@code rows} seeded random tuples (some NULL texts) with the given segment bound and compression. */
  SegmentFixture(Path root, String spillId, int rows, long maxSegmentBytes, long seed, Compression compression) {
    dir = SpillDirectory.create(root);
    firstHeader = SegmentHeader.first(spillId, "package", 1, Tuples.ID_NAME);
    Random random = new Random(seed);
    try (SegmentWriter writer = new SegmentWriter(dir, firstHeader, maxSegmentBytes, compression, sealed::add)) {
      for (int i = 0; i < rows; i++) {
        byte[] tuple = Tuples.idName(random.nextLong(), random.nextInt(10) == 0 ? null : Tuples.randomText(random, 40));
        tuples.add(tuple);
        writer.append(tuple, 0, tuple.length);
      }
    }
  }

  Path file(int index) {
    return dir.root().resolve(sealed.get(index).file());
  }

  Manifest manifest() {
    long rows = sealed.stream().mapToLong(SealedSegment::rows).sum();
    ManifestTable table = ManifestTable.of("package", Tuples.ID_NAME, "id", List.of("name"), java.util.Map.of())
        .withCounters(new RowCounters(rows, rows, 0, 0, 0));
    Manifest m = Manifest.open(firstHeader.spillId(), "test", java.time.Instant.parse("2024-05-01T12:00:00Z"), "public",
        List.of(table), List.of());
    for (SealedSegment s : sealed) {
      m = m.withSegment(s);
    }
    return m.completed(java.time.Instant.parse("2024-05-01T12:05:00Z"));
  }
}
