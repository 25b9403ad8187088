package dev.spillway.segment;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * The byte path from a {@link SegmentWriter} to one segment file, as thin layers (top down):
 *
 * <pre>
 * none:  plain CRC32C + count  ->  64 KiB buffer  ->  file          (the plain layer is the stored layer)
 * zstd:  plain CRC32C + count  ->  zstd level {@value #ZSTD_LEVEL}, content checksum  ->  stored CRC32C + count
 *                                                                  ->  64 KiB buffer  ->  file
 * </pre>
 *
 * {@link #finishFile()} ends the zstd frame and appends the {@link ZstdTrailer}, so the stored
 * layer's CRC32C and count cover every byte of the file. Not thread-safe.
 */
final class SegmentOutput {
  /** zstd's default level: fast, and a 2 MiB window (readers accept up to 2^{@value ZstdPlainInputStream#WINDOW_LOG_MAX}). */
  static final int ZSTD_LEVEL = 3;
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Compression compression;
  /** Every byte that reaches the file. */
  private final Crc32cOutputStream stored;
  /** The zstd layer; null when uncompressed. */
  private final ZstdOutputStream zstd;
  /** Every byte of the binary COPY stream; the same object as {@link #stored} when uncompressed. */
  private final Crc32cOutputStream plain;

  SegmentOutput(FileChannel channel, Compression compression) throws IOException {
    this.compression = compression;
    this.stored = new Crc32cOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
    if (compression == Compression.NONE) {
      this.zstd = null;
      this.plain = stored;
    } else {
      this.zstd = new ZstdOutputStream(new KeepOpen(stored), ZSTD_LEVEL);
      this.zstd.setChecksum(true);
      this.plain = new Crc32cOutputStream(zstd);
    }
  }

  void write(byte[] b, int off, int len) throws IOException {
    plain.write(b, off, len);
  }

  /** Bytes of the binary COPY stream so far: what the writer's maxSegmentBytes bounds. */
  long plainBytes() {
    return plain.byteCount();
  }

  int plainCrc32c() {
    return plain.crc32c();
  }

  /** Bytes written to the file; final after {@link #finishFile()}. */
  long storedBytes() {
    return stored.byteCount();
  }

  int storedCrc32c() {
    return stored.crc32c();
  }

  /** After the binary COPY trailer: ends the zstd frame, appends the zstd trailer, flushes to the channel. */
  void finishFile() throws IOException {
    if (zstd != null) {
      zstd.close(); // ends the frame; KeepOpen leaves the file open
      stored.write(new ZstdTrailer(plain.byteCount(), plain.crc32c()).encode());
    }
    stored.flush();
  }

  /** Frees the compressor after a failure without writing anything more that matters (the file is discarded). */
  void abandon() throws IOException {
    if (zstd != null) {
      zstd.close();
    }
  }

  Compression compression() {
    return compression;
  }

  /** Passes writes and flushes on; close() only flushes, so ending the zstd frame keeps the file open. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
