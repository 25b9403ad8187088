package dev.spillway.inspect;

import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SegmentFormat;
import dev.spillway.segment.SegmentHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes the selected rows as one plain binary COPY stream that psql loads ({@code \copy ... (format
 * binary)}): the first segment's header (signature, flags, SPILLWAY chunk), the tuples exactly as
 * stored, the trailer. For a whole segment this reproduces its plain bytes; for a compressed one
 * that is the decompressed file. Not thread-safe.
 */
public final class BinaryRowSink implements RowSink {
  private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

  private final OutputStream out;
  /** True once the header is written (from the first segment). */
  private boolean started;

  public BinaryRowSink(OutputStream out) {
    this.out = out;
  }

  @Override
  public void begin(SegmentHeader header) {
    if (!started) {
      started = true;
      byte[] bytes = header.encode();
      write(bytes, bytes.length);
    }
  }

  @Override
  public void row(RawTuple tuple, RowContext context) {
    write(tuple.array(), tuple.sizeBytes());
  }

  @Override
  public void end() {
    if (started) {
      write(TRAILER, SegmentFormat.TRAILER_BYTES);
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing rows: " + e.getMessage(), e);
    }
  }

  private void write(byte[] bytes, int length) {
    try {
      out.write(bytes, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException("writing rows: " + e.getMessage(), e);
    }
  }
}
