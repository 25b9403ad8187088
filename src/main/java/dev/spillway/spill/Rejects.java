package dev.spillway.spill;

import dev.spillway.input.RejectsWriter;
import java.io.Closeable;
import java.nio.file.Path;

/**
 * rejects.csv plus the {@code --max-rejects} limit: each reject is written (and flushed) first, then
 * counted against the limit, so the line that passes the limit is in the file when stage one stops
 * with {@link RejectLimitException}. Single-threaded.
 */
final class Rejects implements Closeable {
  private final RejectsWriter writer;
  /** Rejects allowed; the next one stops the run. */
  private final long maxRejects;

  Rejects(RejectsWriter writer, long maxRejects) {
    this.writer = writer;
    this.maxRejects = maxRejects;
  }

  /**
   * Writes one reject line (see {@link RejectsWriter#write}).
   *
   * @throws RejectLimitException when this reject is one more than allowed
   */
  void write(String sourceFile, long line, String table, String column, String rawValue, String reason) {
    writer.write(sourceFile, line, table, column, rawValue, reason);
    if (writer.rejectCount() > maxRejects) {
      throw new RejectLimitException(writer.rejectCount(), maxRejects, writer.file());
    }
  }

  long count() {
    return writer.rejectCount();
  }

  Path file() {
    return writer.file();
  }

  /** Flushes, fsyncs and closes rejects.csv. */
  @Override
  public void close() {
    writer.close();
  }
}
