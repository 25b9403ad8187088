package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFiles;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillIoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams one segment into a {@code COPY ... FROM STDIN (FORMAT binary)} through pgjdbc's
 * {@link CopyIn}, {@code bufferBytes} at a time: memory stays bounded whatever the segment's size.
 * The bytes come from {@link SegmentFiles#openPlain}, the one way to read a listed segment's plain
 * binary COPY stream, plain or zstd-compressed on disk (PostgreSQL skips spillway's header chunk).
 *
 * <p>That stream checks the file's size before the first byte and the plain and stored CRC32C
 * against the manifest before it reports its end, so a file that changed after its verification
 * throws before the COPY is ended and is never committed. On any failure on this side (I/O, a
 * changed file, an interrupt) the COPY is cancelled with {@link CopyIn#cancelCopy()}, which makes
 * the server fail the statement: ending or closing a half-sent stream would make the server load
 * the rows sent so far. The caller rolls back.
 *
 * <p>Immutable and thread-safe; each call allocates its own buffer.
 */
final class SegmentCopy {
  /** Bytes read from the segment and handed to the driver per CopyData message. */
  private final int bufferBytes;

  SegmentCopy(int bufferBytes) {
    checkArgument(bufferBytes >= 1024, "bufferBytes < 1024: %s", bufferBytes);
    this.bufferBytes = bufferBytes;
  }

  /**
   * Runs {@code copySql} in the connection's current transaction, streaming {@code segment} of {@code dir}.
   *
   * @return the number of rows the server reports as copied
   * @throws SpillFormatException if the file's size or a CRC32C differs from the manifest (COPY cancelled)
   * @throws SQLException         what the server or driver reported (the COPY is over either way)
   */
  long copy(Connection connection, String copySql, SpillDirectory dir, SealedSegment segment) throws SQLException {
    Path file = dir.resolveSegment(segment.file());
    try (InputStream in = SegmentFiles.openPlain(dir, segment)) {
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
      try {
        stream(in, copy, file);
        return copy.endCopy();
      } catch (SQLException | RuntimeException e) {
        cancel(copy, e);
        throw e;
      } catch (IOException e) {
        SpillIoException failure = new SpillIoException(file, "reading segment", e);
        cancel(copy, failure);
        throw failure;
      }
    } catch (IOException e) {
      throw new SpillIoException(file, "closing segment", e);
    }
  }

  private void stream(InputStream in, CopyIn copy, Path file) throws IOException, SQLException {
    byte[] buffer = new byte[bufferBytes];
    long sent = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      if (Thread.currentThread().isInterrupted()) {
        throw new SpillIoException(file, "streaming segment", new InterruptedIOException("interrupted at byte " + sent));
      }
      copy.writeToCopy(buffer, 0, n);
      sent += n;
    }
  }

  /** Cancels a COPY still in progress; a failure to cancel is added to {@code primary}, never replaces it. */
  private static void cancel(CopyIn copy, Exception primary) {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException | RuntimeException e) {
      primary.addSuppressed(e);
    }
  }
}
