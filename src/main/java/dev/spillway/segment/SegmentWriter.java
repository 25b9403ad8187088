package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.spillway.pgbinary.ByteSink;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes one table's already-encoded tuples into length-bounded segment files (layout in
 * {@link SegmentFormat}) and seals each one atomically.
 *
 * <p>Rolling: a tuple goes into the open segment unless that would make the sealed file (header,
 * tuples, 2-byte trailer) longer than {@code maxSegmentBytes}; then the open segment is sealed and
 * the tuple starts the next one. A segment therefore never exceeds the bound, except one holding a
 * single tuple that does not fit even alone: it gets a segment of its own. No empty segment is ever
 * written: a table without rows has none.
 *
 * <p>Sealing: the trailer is written, the stream flushed, the file fsynced and closed, the
 * {@code .tmp} renamed to its sealed name (an existing sealed file is never replaced) and the
 * directory fsynced; then the {@link SealListener} hears of it. Bytes reach the file through a
 * {@link Crc32cOutputStream} layered over a 64 KiB buffer, so the CRC32C and size cover exactly the
 * file's bytes. Files are created 0600 in the 0700 {@code segments/}.
 *
 * <p>Single-threaded: one writer per table, used by one thread. After an I/O failure the writer
 * refuses further tuples; {@link #abort()} then removes the unsealed {@code .tmp}.
 */
public final class SegmentWriter implements Closeable {
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

  private final SpillDirectory dir;
  private final long maxSegmentBytes;
  private final SealListener listener;
  private final int columnCount;
  /** The table's name, for messages. */
  private final String table;
  /** Header of the segment opened next; its sequence advances on every seal; null once the last sequence is used. */
  private SegmentHeader nextHeader;
  /** The segment being written, or null between segments. */
  private OpenSegment current;
  /** Segments sealed so far, in order. */
  private final List<SealedSegment> sealed = new ArrayList<>();
  /** Tuples appended so far, sealed or not. */
  private long rowCount;
  /** Bytes of all sealed segments. */
  private long sealedBytes;
  /** Set by close() and abort(). */
  private boolean closed;
  /** Set when an I/O error left the open segment in an unknown state. */
  private IOException failure;

  /**
   * @param firstHeader     header of the first segment: spill id, table, ordinal, columns, and the
   *                        first sequence (normally 1, see {@link SegmentHeader#first})
   * @param maxSegmentBytes bound on a sealed segment's size in bytes, positive
   */
  public SegmentWriter(SpillDirectory dir, SegmentHeader firstHeader, long maxSegmentBytes, SealListener listener) {
    checkArgument(maxSegmentBytes > 0, "maxSegmentBytes <= 0: %s", maxSegmentBytes);
    this.dir = dir;
    this.nextHeader = firstHeader;
    this.maxSegmentBytes = maxSegmentBytes;
    this.listener = listener;
    this.columnCount = firstHeader.columns().size();
    this.table = firstHeader.table();
  }

  /** Appends the tuple {@code tuple} holds (bytes [0, size())). */
  public void append(ByteSink tuple) {
    append(tuple.array(), 0, tuple.size());
  }

  /** Appends a tuple read from another segment, unchanged. */
  public void append(RawTuple tuple) {
    append(tuple.array(), 0, tuple.sizeBytes());
  }

  /**
   * Appends one encoded binary COPY tuple: int16 field count (must equal the column count), then per
   * field an int32 length (-1 for NULL) and the payload. A malformed tuple is refused with an
   * IllegalArgumentException and nothing is written.
   */
  public void append(byte[] tuple, int offset, int length) {
    checkState(!closed, "segment writer of table %s is closed", table);
    checkState(failure == null, "segment writer of table %s failed earlier: %s", table, failure);
    TupleCheck.check(tuple, offset, length, columnCount, table);
    if (current != null && current.out.byteCount() + length + SegmentFormat.TRAILER_BYTES > maxSegmentBytes) {
      seal();
    }
    if (current == null) {
      current = openNext();
    }
    try {
      current.out.write(tuple, offset, length);
    } catch (IOException e) {
      throw fail(e, "writing a tuple at byte " + current.out.byteCount() + " of");
    }
    current.rows++;
    rowCount++;
  }

  /** Seals the open segment, if any, and closes the writer. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    checkState(failure == null, "segment writer of table %s failed earlier (call abort()): %s", table, failure);
    if (current != null) {
      seal();
    }
    closed = true;
  }

  /** After a failure: closes the writer and deletes the unsealed {@code .tmp}; sealed segments stay. */
  public void abort() {
    closed = true;
    if (current == null) {
      return;
    }
    OpenSegment open = current;
    current = null;
    try {
      open.channel.close();
      Files.deleteIfExists(open.tmp);
    } catch (IOException e) {
      throw new SpillIoException(open.tmp, "removing the unsealed segment of table " + table + ":", e);
    }
  }

  /** Segments sealed so far, in order. */
  public List<SealedSegment> sealedSegments() {
    return List.copyOf(sealed);
  }

  /** Tuples appended so far, including those in the open segment. */
  public long rowCount() {
    return rowCount;
  }

  /** Bytes of the sealed segments plus those written to the open one. */
  public long byteCount() {
    return sealedBytes + (current == null ? 0 : current.out.byteCount());
  }

  private OpenSegment openNext() {
    checkState(nextHeader != null, "table %s has used the last segment sequence %s", table, SegmentFileName.MAX_SEQUENCE);
    SegmentHeader header = nextHeader;
    Path tmp = dir.segmentTmpFile(header.fileName());
    Path sealedFile = dir.segmentFile(header.fileName());
    FileChannel channel;
    try {
      if (Files.exists(sealedFile, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(sealedFile.toString(), null, "a sealed segment is never replaced");
      }
      channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS), OwnerOnly.file());
    } catch (IOException e) {
      throw new SpillIoException(tmp, "creating segment " + header.sequence() + " of table " + header.table() + ":", e);
    }
    OpenSegment open = new OpenSegment(header, tmp, channel);
    current = open;
    try {
      open.out.write(SegmentHeaderCodec.encode(header));
    } catch (IOException e) {
      throw fail(e, "writing the header of");
    }
    return open;
  }

  private void seal() {
    OpenSegment open = current;
    try {
      open.out.write(TRAILER);
      open.out.flush();
      open.channel.force(true);
      open.channel.close();
    } catch (IOException e) {
      throw fail(e, "sealing");
    }
    SegmentFileName name = open.header.fileName();
    try {
      AtomicFiles.publish(open.tmp, dir.segmentFile(name), false);
    } catch (SpillIoException e) {
      failure = e.getCause();
      throw e;
    }
    current = null;
    SealedSegment segment = new SealedSegment(open.header.table(), open.header.sequence(), name.relativePath(),
        open.out.byteCount(), open.rows, Crc32c.hex(open.out.crc32c()));
    sealed.add(segment);
    sealedBytes += segment.bytes();
    long sequence = open.header.sequence();
    nextHeader = sequence < SegmentFileName.MAX_SEQUENCE ? open.header.withSequence(sequence + 1) : null;
    listener.sealed(segment);
  }

  private SpillIoException fail(IOException e, String action) {
    failure = e;
    return new SpillIoException(current.tmp, action + " segment " + current.header.sequence() + " of table "
        + current.header.table() + ":", e);
  }

  /** A segment being written: its tmp file, channel and the counting, checksumming stream over it. */
  private static final class OpenSegment {
    final SegmentHeader header;
    final Path tmp;
    final FileChannel channel;
    /** Counts and checksums every byte of the file. */
    final Crc32cOutputStream out;
    /** Tuples written to this segment. */
    long rows;

    OpenSegment(SegmentHeader header, Path tmp, FileChannel channel) {
      this.header = header;
      this.tmp = tmp;
      this.channel = channel;
      this.out = new Crc32cOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
    }
  }
}
