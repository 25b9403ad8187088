package dev.spillway.idmap;

import dev.spillway.idmap.MapCheckpoint.Kind;
import dev.spillway.idmap.MapCheckpoint.State;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What must hold before a table's map files are trusted on open: a checkpoint that decodes, names
 * this table and kind and says CLOSED, and no data file besides the live generation's. Each
 * violation is an {@link IdMapCorruptException} naming the file, except a kind mismatch (a plan
 * change, not damage), which is a plain {@link IdMapException}.
 */
final class TrustChecks {
  private TrustChecks() {}

  static MapCheckpoint readClosedCheckpoint(MapFiles files, Kind kind) throws IOException {
    Path file = files.checkpoint();
    long size = Files.size(file);
    long maxSize = MapCheckpoint.FIXED_BYTES + MapCheckpoint.MAX_TABLE_NAME_BYTES + MapCheckpoint.CRC_BYTES;
    if (size > maxSize) {
      throw new IdMapCorruptException(files.table(), file, "checkpoint of " + size + " bytes, at most " + maxSize + " expected");
    }
    MapCheckpoint checkpoint = MapCheckpoint.decode(Files.readAllBytes(file), file, files.table());
    if (!checkpoint.table().equals(files.table())) {
      throw new IdMapCorruptException(files.table(), file, "checkpoint belongs to table \"" + checkpoint.table() + "\"");
    }
    if (checkpoint.kind() != kind) {
      throw new IdMapException(files.table(), file, "is " + describe(checkpoint.kind()) + ", opened as " + describe(kind)
          + " (did the plan's id column change since this spill directory was written?)");
    }
    if (checkpoint.state() != State.CLOSED) {
      throw new IdMapCorruptException(files.table(), file, "left open by a crashed or still running spill"
          + " (generation " + checkpoint.generation() + "); it is not recovered because ids it handed out may already be"
          + " in segments: start stage one again in a fresh directory (spill --force)");
    }
    return checkpoint;
  }

  private static String describe(Kind kind) {
    return kind == Kind.ID_MAP ? "an id map" : "a key set";
  }

  /**
   * Any data file other than the live generation's (its Chronicle Map file or its heap snapshot)
   * means files from another run or a crash mid-rehash.
   */
  static void refuseLeftoverDataFiles(MapFiles files, int liveGeneration) throws IOException {
    refuseLeftovers(files, files.dataFileGlob(), liveGeneration == 0 ? null : files.dataFile(liveGeneration), liveGeneration);
    refuseLeftovers(files, files.snapshotGlob(), liveGeneration == 0 ? null : files.snapshotFile(liveGeneration), liveGeneration);
  }

  private static void refuseLeftovers(MapFiles files, String glob, Path live, int liveGeneration) throws IOException {
    try (DirectoryStream<Path> found = Files.newDirectoryStream(files.directory(), glob)) {
      for (Path file : found) {
        if (!file.getFileName().equals(live == null ? null : live.getFileName())) {
          throw new IdMapCorruptException(files.table(), file, liveGeneration == 0
              ? "data file without a checkpoint (" + files.checkpoint().getFileName() + " is missing)"
              : "unexpected data file: the checkpoint names generation " + liveGeneration + " as live");
        }
      }
    }
  }
}
