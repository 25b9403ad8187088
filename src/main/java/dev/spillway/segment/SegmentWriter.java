package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.spillway.pgbinary.ByteSink;
import java.io.Closeable;
import java.io.IOException;
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
 * {@code .tmp} renamed to its sealed name (an existing sealed file of either compression is never
 * replaced) and the directory fsynced; then the {@link SealListener} hears of it. Bytes reach the
 * file through {@link SegmentOutput}: CRC32C-and-count layers over the plain binary COPY stream and
 * over the stored bytes, so {@link SealedSegment}'s sizes and checksums cover exactly what they
 * claim. Files are created 0600 in the 0700 {@code segments/}.
 *
 * <p>Compression: with {@link Compression#ZSTD} each sealed file is {@code TTTT-SSSSSSSS.pgcopy.zst},
 * one zstd frame (level {@value SegmentOutput#ZSTD_LEVEL}, streaming, content checksum) holding the
 * binary COPY stream, then the {@link ZstdTrailer}. {@code maxSegmentBytes} bounds the plain stream
 * (a compressed file is normally much smaller, and at most a few hundred bytes larger).
 *
 * <p>Single-threaded: one writer per table, used by one thread. After an I/O failure the writer
 * refuses further tuples; {@link #abort()} then removes the unsealed {@code .tmp}.
 */
public final class SegmentWriter implements Closeable {
  private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

  private final SpillDirectory dir;
  /** Bound on a segment's plain binary COPY stream, in bytes. */
  private final long maxSegmentBytes;
  /** How sealed files are stored. */
  private final Compression compression;
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
  /** Plain bytes of all sealed segments. */
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
    this(dir, firstHeader, maxSegmentBytes, Compression.NONE, listener);
  }

  /**
   * @param firstHeader     header of the first segment: spill id, table, ordinal, columns, and the
   *                        first sequence (normally 1, see {@link SegmentHeader#first})
   * @param maxSegmentBytes bound on a segment's plain binary COPY stream in bytes, positive (for
   *                        {@link Compression#NONE} that is the file size)
   * @param compression     how sealed files are stored: {@code NONE} ({@code .pgcopy}) or {@code ZSTD}
   *                        ({@code .pgcopy.zst}); {@code spill --compress zstd} passes ZSTD
   */
  public SegmentWriter(SpillDirectory dir, SegmentHeader firstHeader, long maxSegmentBytes, Compression compression,
      SealListener listener) {
    checkArgument(maxSegmentBytes > 0, "maxSegmentBytes <= 0: %s", maxSegmentBytes);
    checkArgument(compression != null, "compression is missing");
    this.dir = dir;
    this.nextHeader = firstHeader;
    this.maxSegmentBytes = maxSegmentBytes;
    this.compression = compression;
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
    if (current != null && current.out.plainBytes() + length + SegmentFormat.TRAILER_BYTES > maxSegmentBytes) {
      seal();
    }
    if (current == null) {
      current = openNext();
    }
    try {
      current.out.write(tuple, offset, length);
    } catch (IOException e) {
      throw fail(e, "writing a tuple at byte " + current.out.plainBytes() + " of");
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
    IOException compressorFailure = null;
    try {
      open.out.abandon();
    } catch (IOException e) {
      compressorFailure = e; // the file is discarded anyway; reported only if removing it fails too
    }
    try {
      open.channel.close();
      Files.deleteIfExists(open.tmp);
    } catch (IOException e) {
      SpillIoException failure = new SpillIoException(open.tmp, "removing the unsealed segment of table " + table + ":", e);
      if (compressorFailure != null) {
        failure.addSuppressed(compressorFailure);
      }
      throw failure;
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

  /**
   * Plain binary COPY bytes of the sealed segments plus those written to the open one (for
   * {@link Compression#NONE} the bytes on disk; for ZSTD see {@link SealedSegment#bytes()} of each).
   */
  public long byteCount() {
    return sealedBytes + (current == null ? 0 : current.out.plainBytes());
  }

  public Compression compression() {
    return compression;
  }

  private OpenSegment openNext() {
    checkState(nextHeader != null, "table %s has used the last segment sequence %s", table, SegmentFileName.MAX_SEQUENCE);
    SegmentHeader header = nextHeader;
    Path tmp = dir.segmentTmpFile(header.fileName(), compression);
    FileChannel channel;
    try {
      for (Compression c : Compression.values()) {
        Path sealedFile = dir.segmentFile(header.fileName(), c);
        if (Files.exists(sealedFile, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(sealedFile.toString(), null, "a sealed segment is never replaced");
        }
      }
      channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS), OwnerOnly.file());
    } catch (IOException e) {
      throw new SpillIoException(tmp, "creating segment " + header.sequence() + " of table " + header.table() + ":", e);
    }
    OpenSegment open;
    try {
      open = new OpenSegment(header, tmp, channel, new SegmentOutput(channel, compression));
    } catch (IOException e) {
      SpillIoException failed = new SpillIoException(tmp, "starting the " + compression.jsonName() + " stream of segment "
          + header.sequence() + " of table " + header.table() + ":", e);
      try {
        channel.close();
        Files.deleteIfExists(tmp); // nothing was written: no torn file is left behind
      } catch (IOException cleanup) {
        failed.addSuppressed(cleanup);
      }
      throw failed;
    }
    current = open;
    try {
      byte[] headerBytes = SegmentHeaderCodec.encode(header);
      open.out.write(headerBytes, 0, headerBytes.length);
    } catch (IOException e) {
      throw fail(e, "writing the header of");
    }
    return open;
  }

  private void seal() {
    OpenSegment open = current;
    try {
      open.out.write(TRAILER, 0, TRAILER.length);
      open.out.finishFile();
      open.channel.force(true);
      open.channel.close();
    } catch (IOException e) {
      throw fail(e, "sealing");
    }
    SegmentFileName name = open.header.fileName();
    try {
      AtomicFiles.publish(open.tmp, dir.segmentFile(name, compression), false);
    } catch (SpillIoException e) {
      failure = e.getCause();
      throw e;
    }
    current = null;
    SealedSegment segment = new SealedSegment(open.header.table(), open.header.sequence(), name.relativePath(compression),
        compression, open.out.storedBytes(), open.rows, Crc32c.hex(open.out.storedCrc32c()), open.out.plainBytes(),
        Crc32c.hex(open.out.plainCrc32c()));
    sealed.add(segment);
    sealedBytes += segment.plainBytes();
    long sequence = open.header.sequence();
    nextHeader = sequence < SegmentFileName.MAX_SEQUENCE ? open.header.withSequence(sequence + 1) : null;
    listener.sealed(segment);
  }

  private SpillIoException fail(IOException e, String action) {
    failure = e;
    return new SpillIoException(current.tmp, action + " segment " + current.header.sequence() + " of table "
        + current.header.table() + ":", e);
  }

  /** A segment being written: its tmp file, channel and the counting, checksumming (compressing) output over it. */
  private static final class OpenSegment {
    final SegmentHeader header;
    final Path tmp;
    final FileChannel channel;
    /** Counts and checksums the plain stream and every byte of the file. */
    final SegmentOutput out;
    /** Tuples written to this segment. */
    long rows;

    OpenSegment(SegmentHeader header, Path tmp, FileChannel channel, SegmentOutput out) {
      this.header = header;
      this.tmp = tmp;
      this.channel = channel;
      this.out = out;
    }
  }
}
