package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.segment.Crc32c;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.zip.CRC32C;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams one segment file into a {@code COPY ... FROM STDIN (FORMAT binary)} through pgjdbc's
 * {@link CopyIn}, {@code bufferBytes} at a time: memory stays bounded whatever the segment's size.
 * The file's bytes are sent unchanged (PostgreSQL skips spillway's header chunk).
 *
 * <p>While streaming, the byte count and CRC32C are computed again and compared with the manifest
 * before the COPY is ended, so a file that changed after its verification is never committed. On
 * any failure on this side (I/O, a changed file, an interrupt) the COPY is cancelled with
 * {@link CopyIn#cancelCopy()}, which makes the server fail the statement: ending or closing a
 * half-sent stream would make the server load the rows sent so far. The caller rolls back.
 *
 * <p>Immutable and thread-safe; each call allocates its own buffer.
 */
final class SegmentCopy {
  /** Bytes read from the file and handed to the driver per CopyData message. */
  private final int bufferBytes;

  SegmentCopy(int bufferBytes) {
    checkArgument(bufferBytes >= 1024, "bufferBytes < 1024: %s", bufferBytes);
    this.bufferBytes = bufferBytes;
  }

  /**
   * Runs {@code copySql} in the connection's current transaction, streaming {@code file}.
   *
   * @return the number of rows the server reports as copied
   * @throws SpillFormatException if the file's size or CRC32C differs from {@code expected} (COPY cancelled)
   * @throws SQLException         what the server or driver reported (the COPY is over either way)
   */
  long copy(Connection connection, String copySql, Path file, SealedSegment expected) throws SQLException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new SpillIoException(file, "opening segment", e);
    }
    try (channel) {
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
      try {
        stream(channel, copy, file, expected);
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

  private void stream(FileChannel channel, CopyIn copy, Path file, SealedSegment expected) throws IOException, SQLException {
    byte[] buffer = new byte[bufferBytes];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    CRC32C crc = new CRC32C();
    long sent = 0;
    while (true) {
      wrapped.clear();
      int n = channel.read(wrapped);
      if (n < 0) {
        break;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new SpillIoException(file, "streaming segment", new java.io.InterruptedIOException("interrupted at byte " + sent));
      }
      if (sent + n > expected.bytes()) {
        throw new SpillFormatException(file, expected.bytes(), "changed while being loaded: it grew past the "
            + expected.bytes() + " bytes the manifest lists");
      }
      crc.update(buffer, 0, n);
      copy.writeToCopy(buffer, 0, n);
      sent += n;
    }
    if (sent != expected.bytes()) {
      throw new SpillFormatException(file, sent, "changed while being loaded: " + sent + " bytes, expected "
          + expected.bytes() + " (manifest)");
    }
    String actual = Crc32c.hex((int) crc.getValue());
    if (!actual.equals(expected.crc32c())) {
      throw new SpillFormatException(file, -1, "changed while being loaded: CRC32C " + actual + ", expected "
          + expected.crc32c() + " (manifest)");
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
