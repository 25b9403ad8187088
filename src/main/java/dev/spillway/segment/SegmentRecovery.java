package dev.spillway.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Crash recovery for a spill directory. Only a sealed name ({@code TTTT-SSSSSSSS.pgcopy}, reached by
 * rename after fsync) is ever a segment, and only {@code manifest.json} is ever the manifest; a
 * crash can leave {@code segments/*.pgcopy.tmp} and {@code manifest.json.tmp}, which are torn by
 * definition (unsealed, possibly cut anywhere, no trailer) and are never read as data. Recovery
 * lists them with their sizes and removes them, reporting the bytes cut, like Kafka truncating a
 * torn log tail; sealed files are never touched. No production path calls {@link #recover()}
 * today (only tests do); the spill writer uses {@link #inspect()} solely to describe a crashed open
 * spill when it refuses to reuse its directory.
 * Not to be run while a writer is active on the same directory (it would remove that writer's
 * open segment).
 */
public final class SegmentRecovery {
  private final SpillDirectory dir;

  public SegmentRecovery(SpillDirectory dir) {
    this.dir = dir;
  }

  /** Lists the torn files without removing anything. */
  public RecoveryReport inspect() {
    List<RecoveryReport.TornFile> torn = new ArrayList<>();
    List<Path> candidates = new ArrayList<>(dir.listSegments().tmp());
    Path manifestTmp = dir.manifestTmpFile();
    if (Files.isRegularFile(manifestTmp, LinkOption.NOFOLLOW_LINKS)) {
      candidates.add(manifestTmp);
    }
    for (Path file : candidates) {
      try {
        torn.add(new RecoveryReport.TornFile(file, Files.size(file)));
      } catch (IOException e) {
        throw new SpillIoException(file, "reading the size of torn file", e);
      }
    }
    return new RecoveryReport(torn);
  }

  /** Removes the torn files, fsyncs their directories, and reports what was cut. */
  public RecoveryReport recover() {
    RecoveryReport report = inspect();
    for (RecoveryReport.TornFile torn : report.tornFiles()) {
      try {
        Files.delete(torn.file());
      } catch (IOException e) {
        throw new SpillIoException(torn.file(), "removing torn file", e);
      }
    }
    if (!report.clean()) {
      AtomicFiles.fsyncDirectory(dir.segmentsDir());
      AtomicFiles.fsyncDirectory(dir.root());
    }
    return report;
  }
}
