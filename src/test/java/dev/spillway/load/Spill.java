package dev.spillway.load;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Path;
import java.util.List;

/** A spill directory a test built, with its manifest. */
record Spill(SpillDirectory dir, Manifest manifest) {
  Path root() {
    return dir.root();
  }

  List<SealedSegment> segments(String table) {
    return manifest.segmentsOf(table);
  }

  /** The file of the table's segment with this sequence (1-based). */
  Path file(String table, int sequence) {
    return dir.root().resolve(segments(table).get(sequence - 1).file());
  }

  String spillId() {
    return manifest.spillId();
  }
}
