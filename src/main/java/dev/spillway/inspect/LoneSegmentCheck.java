package dev.spillway.inspect;

import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentReader;
import dev.spillway.segment.SegmentVerifier;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.StoredSegment;
import dev.spillway.segment.ValueScan;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a lone segment file before {@code cat} prints any of its rows. A file in
 * {@code DIR/segments/} beside a {@code DIR/manifest.json} must be listed there and is verified
 * against its entry ({@link SegmentVerifier}: size, header, structure, rows, CRC32Cs, values); a
 * file with no manifest beside it is scanned whole ({@link SegmentReader} structure, for zstd its own
 * trailer's size and CRC32C, and every value through {@link ValueScan}), which is all it can prove
 * about itself. Stateless.
 */
final class LoneSegmentCheck {
  private LoneSegmentCheck() {}

  /**
   * Checks {@code file}; returns its row count. {@code table}, when given, must be the table it holds
   * ({@link UnknownTableException} otherwise). Defects are {@link SpillFormatException}s.
   */
  static long verify(Path file, Optional<String> table) {
    Optional<SpillDirectory> enclosing = enclosingSpill(file);
    if (enclosing.isPresent()) {
      SpillDirectory dir = enclosing.get();
      Manifest manifest = new ManifestStore(dir).read();
      String relative = SpillDirectory.SEGMENTS_DIR + "/" + file.getFileName();
      SealedSegment segment = manifest.segments().stream().filter(s -> s.file().equals(relative)).findFirst()
          .orElseThrow(() -> new SpillFormatException(file, -1, "not listed in " + dir.manifestFile()
              + " (an unlisted segment is not part of the spill; copy it elsewhere to read it alone)"));
      checkTable(file, segment.table(), table);
      new SegmentVerifier(dir, manifest).verify(segment);
      return segment.rows();
    }
    try (StoredSegment stored = StoredSegment.open(file); SegmentReader reader = stored.reader()) {
      checkTable(file, reader.header().table(), table);
      return ValueScan.scan(reader, CodecRegistry.standard()).orThrow().rows();
    }
  }

  /** The spill directory holding {@code file} when it sits in {@code DIR/segments/} beside a {@code DIR/manifest.json}. */
  private static Optional<SpillDirectory> enclosingSpill(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (parent == null || parent.getFileName() == null || parent.getParent() == null
        || !parent.getFileName().toString().equals(SpillDirectory.SEGMENTS_DIR)) {
      return Optional.empty();
    }
    Path root = parent.getParent();
    if (!Files.exists(root.resolve(SpillDirectory.MANIFEST_FILE), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(SpillDirectory.open(root));
  }

  private static void checkTable(Path file, String holds, Optional<String> table) {
    if (table.isPresent() && !table.get().equals(holds)) {
      throw new UnknownTableException("segment " + file + " holds rows of table '" + holds + "', not '" + table.get() + "'");
    }
  }
}
