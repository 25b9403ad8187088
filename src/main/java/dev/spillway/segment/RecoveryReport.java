package dev.spillway.segment;

import java.nio.file.Path;
import java.util.List;

/**
 * What recovery found (and, unless it was a dry run, removed): files a crash left unpublished.
 *
 * @param tornFiles each leftover {@code *.tmp} with its size
 */
public record RecoveryReport(List<TornFile> tornFiles) {
  public RecoveryReport {
    tornFiles = List.copyOf(tornFiles);
  }

  /** A leftover temporary file and the bytes it held. */
  public record TornFile(Path file, long bytes) {}

  /** Bytes cut: the total size of the torn files. */
  public long bytesCut() {
    return tornFiles.stream().mapToLong(TornFile::bytes).sum();
  }

  public boolean clean() {
    return tornFiles.isEmpty();
  }
}
