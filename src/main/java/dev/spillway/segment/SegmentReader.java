package dev.spillway.segment;

import dev.spillway.pgbinary.ByteSink;
import dev.spillway.segment.SegmentInput.EndOfInput;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads a segment file (layout in {@link SegmentFormat}) as untrusted input, streaming with bounded
 * buffers: a 64 KiB read-ahead plus one tuple, never the whole file. The constructor validates the
 * header; {@link #next(RawTuple)} validates each tuple; the last call validates the trailer and that
 * nothing follows it. Every defect is a {@link SpillFormatException} naming the file and the byte
 * offset of the first defect, and the reader never allocates more than the bytes left in the file
 * (when its size is known) nor more than {@link SegmentFormat#MAX_TUPLE_BYTES} for a tuple.
 *
 * <p>Checked, in file order: signature; flags are 0; extension length within bounds and the file;
 * chunk tag and version (unknown versions refused, naming both); metadata length equals extension
 * length minus 14; metadata JSON; per tuple: field count equals the column count, each field length
 * is -1 or 0 .. {@link SegmentFormat#MAX_FIELD_BYTES} and within the bytes left; at least one tuple;
 * the trailer -1 (a file cut at a tuple boundary, which PostgreSQL would load, is refused); end of
 * file right after the trailer.
 *
 * <p>{@link #open(Path)} reads a lone file, plain or zstd-compressed, through {@link StoredSegment}
 * (compressed files are decompressed as they are read and checked against their trailer at the end);
 * {@link StoredSegment#reader()} does the same for a segment the manifest lists. {@link #scan()}
 * validates without keeping payloads, so it needs only the read-ahead buffer whatever the file holds.
 *
 * <p>Not thread-safe: one reader per thread. The reader owns its stream and closes it, also when the
 * constructor fails.
 */
public final class SegmentReader implements Closeable {
  private final Path file;
  private final InputStream stream;
  private final SegmentInput in;
  private final SegmentHeader header;
  /** The metadata's column count: every tuple's field count. */
  private final int columnCount;
  /** Tuples returned by next() so far. */
  private long rowCount;
  /** Run once the trailer and the end of the stream are validated: checks of what lies beyond the stream (may be null). */
  private final Runnable atEnd;
  /** True once the trailer and the end of file have been validated. */
  private boolean finished;

  /**
   * Reads from {@code stream}, {@code file} naming it in errors; {@code sizeBytes} is the total
   * stream length, or -1 when unknown (then lengths are checked only against the maximum sizes).
   */
  public SegmentReader(Path file, InputStream stream, long sizeBytes) {
    this(file, stream, sizeBytes, "", null);
  }

  /**
   * As above; {@code offsetNote} is appended to every problem (saying what offsets count), and
   * {@code atEnd} runs after the trailer and the end of the stream were validated.
   */
  SegmentReader(Path file, InputStream stream, long sizeBytes, String offsetNote, Runnable atEnd) {
    this.file = file;
    this.stream = stream;
    this.atEnd = atEnd;
    this.in = new SegmentInput(file, stream, sizeBytes, offsetNote);
    try {
      this.header = SegmentHeaderCodec.decode(in);
    } catch (RuntimeException e) {
      closeAfterFailure(e);
      throw e;
    }
    this.columnCount = header.columns().size();
  }

  /**
   * Opens a lone segment file, plain or zstd-compressed (told apart by its first bytes; a symbolic
   * link or anything but a regular file is refused) and validates its header. A compressed file is
   * decompressed while it is read, never beyond the plain size its trailer declares.
   */
  public static SegmentReader open(Path file) {
    return StoredSegment.open(file).reader();
  }

  /** Reads and validates a whole segment (plain or compressed); sizes are the binary COPY stream's. */
  public static SegmentScan scan(Path file) {
    try (SegmentReader reader = open(file)) {
      return reader.scan();
    }
  }

  public SegmentHeader header() {
    return header;
  }

  public Path file() {
    return file;
  }

  /** Tuples returned by {@link #next} so far. */
  public long rowCount() {
    return rowCount;
  }

  /** Appended to problems, saying what offsets count: empty for a plain file, a note for a zstd one. */
  public String offsetNote() {
    return in.offsetNote();
  }

  /** File offset of the next unread byte. */
  public long position() {
    return in.position();
  }

  /**
   * Reads the next tuple into {@code into}; returns false, with {@code into} cleared, once the
   * trailer and the end of the file have been validated.
   */
  public boolean next(RawTuple into) {
    into.reset(columnCount);
    return read(into);
  }

  /** Validates the next tuple without keeping it; false once the trailer and end are validated. */
  public boolean skip() {
    return read(null);
  }

  /** Reads one tuple into {@code into}, or past it when {@code into} is null. */
  private boolean read(RawTuple into) {
    if (finished) {
      return false;
    }
    long tupleStart = in.position();
    int field = -1;
    try {
      short count = in.readShort();
      if (count == SegmentFormat.TRAILER) {
        finish(tupleStart);
        return false;
      }
      if (count != columnCount) {
        throw in.error(tupleStart, "tuple " + (rowCount + 1) + " has " + count + " fields, expected " + columnCount
            + " (the columns of table " + header.table() + ")");
      }
      ByteSink sink = into == null ? null : into.sink();
      if (sink != null) {
        sink.writeShort(count);
      }
      long tupleBytes = 2;
      for (field = 0; field < columnCount; field++) {
        long lengthOffset = in.position();
        int length = in.readInt();
        checkFieldLength(length, lengthOffset, field, tupleBytes);
        tupleBytes += 4 + Math.max(length, 0);
        if (sink == null) {
          in.skip(Math.max(length, 0));
          continue;
        }
        sink.writeInt(length);
        into.addField(length);
        if (length > 0) {
          in.copyTo(sink, length);
        }
      }
    } catch (EndOfInput e) {
      if (field < 0 && e.endOffset == tupleStart) {
        throw in.error(e.endOffset, "file ends at byte " + e.endOffset + " after tuple " + rowCount
            + " without the trailer (a cut-off segment; PostgreSQL would load it, spillway refuses it)");
      }
      throw in.error(e.endOffset, "file ends at byte " + e.endOffset + " inside " + element(field) + " of tuple "
          + (rowCount + 1) + " (which starts at byte " + tupleStart + ")");
    }
    rowCount++;
    return true;
  }

  /** Reads all remaining tuples; returns the totals of the whole file. */
  public SegmentScan scan() {
    while (skip()) {
      // validating is the work
    }
    return new SegmentScan(header, rowCount, in.position());
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException e) {
      throw new SpillIoException(file, "closing segment", e);
    }
  }

  /** Hot path: builds no message unless the length is bad. */
  private void checkFieldLength(int length, long offset, int field, long tupleBytesSoFar) {
    long left = in.bytesLeft() - SegmentFormat.TRAILER_BYTES; // the length word is already consumed
    if (length >= SegmentFormat.NULL_LENGTH && length <= SegmentFormat.MAX_FIELD_BYTES && length <= left
        && tupleBytesSoFar + 4 + Math.max(length, 0) <= SegmentFormat.MAX_TUPLE_BYTES) {
      return;
    }
    String which = "field " + (field + 1) + " of tuple " + (rowCount + 1) + " has length " + length;
    if (length < SegmentFormat.NULL_LENGTH) {
      throw in.error(offset, which + "; a length is -1 (NULL) or 0.." + SegmentFormat.MAX_FIELD_BYTES);
    }
    if (length > SegmentFormat.MAX_FIELD_BYTES) {
      throw in.error(offset, which + ", more than the maximum field size " + SegmentFormat.MAX_FIELD_BYTES);
    }
    if (length > left) {
      throw in.error(offset, which + " but the file has only " + Math.max(left, 0)
          + " bytes left before its trailer (file size " + in.sizeBytes() + ")");
    }
    throw in.error(offset, which + ", which makes the tuple larger than the maximum tuple size " + SegmentFormat.MAX_TUPLE_BYTES);
  }

  private void finish(long trailerOffset) {
    if (rowCount == 0) {
      throw in.error(trailerOffset, "segment holds no tuples (a sealed segment has at least one)");
    }
    if (!in.atEnd()) {
      throw in.error(in.position(), "data after the trailer at byte " + trailerOffset + " (the file must end with it)");
    }
    if (in.sizeBytes() >= 0 && in.position() != in.sizeBytes()) {
      throw in.error(in.position(), "file ends at byte " + in.position() + ", expected " + in.sizeBytes() + " bytes");
    }
    if (atEnd != null) {
      atEnd.run();
    }
    finished = true;
  }

  private static String element(int field) {
    return field < 0 ? "the field count" : "field " + (field + 1);
  }

  private void closeAfterFailure(RuntimeException failure) {
    try {
      stream.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
