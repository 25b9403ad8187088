package dev.spillway.spill;

/**
 * Adds up reading progress over the input files and passes it to {@link SpillProgress} every
 * {@value #RECORDS_PER_UPDATE} records and at the end of each file. Single-threaded.
 */
final class ProgressTracker {
  static final int RECORDS_PER_UPDATE = 4096;

  private final SpillProgress progress;
  /** Records of the files finished so far. */
  private long recordsDone;
  /** Input bytes of the files finished so far. */
  private long bytesDone;

  ProgressTracker(SpillProgress progress) {
    this.progress = progress;
  }

  /** Progress inside the current file. */
  void inFile(long records, long bytesRead) {
    progress.update(recordsDone + records, bytesDone + bytesRead);
  }

  /** The current file is finished. */
  void fileDone(long records, long fileBytes) {
    recordsDone += records;
    bytesDone += fileBytes;
    progress.update(recordsDone, bytesDone);
  }
}
