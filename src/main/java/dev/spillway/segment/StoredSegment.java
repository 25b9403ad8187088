package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.io.ByteStreams;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * A sealed segment file opened for reading: the one place that turns the stored bytes, plain or
 * zstd-compressed ({@link Compression}), into the binary COPY stream, treating the file as untrusted.
 *
 * <p>Layers, bottom up: the file; a {@link Crc32cInputStream} over every stored byte (the stored
 * CRC32C); for zstd, the frame region (file size minus the {@link ZstdTrailer}) fed to
 * {@link ZstdPlainInputStream}; a {@link CappedInputStream} that refuses to deliver more than the
 * declared plain size (the decompression-bomb guard); for zstd, a {@link Crc32cInputStream} over the
 * plain stream (the plain CRC32C). A plain file's plain stream is its stored bytes, so its plain
 * CRC32C is the stored one, computed once (as {@link SegmentOutput} does when writing). The declared plain size is the manifest's {@code plainBytes} for a
 * listed segment, the trailer's for a lone compressed file, the file size for a plain one; a
 * {@link SegmentReader} over {@link #plain()} never allocates beyond it.
 *
 * <p>Use: {@link #open(SpillDirectory, SealedSegment)} or {@link #open(Path)}, read {@link #plain()}
 * to its end (or use {@link #reader()}, which does), then {@link #finish()} (the reader calls it)
 * validates what lies beyond the plain stream: the whole frame region consumed, the trailer unchanged,
 * nothing after it, the plain size as declared and, for a compressed file, the plain CRC32C its
 * trailer records. {@link #storedCrc32c()} and {@link #plainCrc32c()} are then known. Comparing them
 * with a manifest entry is the caller's part ({@link SegmentVerifier}, {@link SegmentFiles#openPlain}).
 *
 * <p>Not thread-safe. Closing closes the file.
 */
public final class StoredSegment implements Closeable {
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

  private final Path file;
  private final Compression compression;
  private final FileChannel channel;
  /** File size when opened. */
  private final long storedBytes;
  /** The plain size the stream must have: manifest, trailer or file size. */
  private final long plainBytes;
  /** The zstd trailer and its raw bytes; null for a plain file. */
  private final ZstdTrailer trailer;
  private final byte[] trailerBytes;
  /** True when opened for a manifest entry (messages say so). */
  private final boolean listed;
  /** Every byte read from the file, in file order. */
  private final Crc32cInputStream stored;
  /** Counts the plain bytes and caps them at plainBytes. */
  private final CappedInputStream capped;
  /** The top of the stack: the plain stream ({@link #capped} for a plain file, {@link #plainCrc} for zstd). */
  private final InputStream plain;
  /** CRC32C of the plain stream; the same object as {@link #stored} when uncompressed. */
  private final Crc32cInputStream plainCrc;
  /** Set by {@link #finish()} once everything beyond the plain stream was validated. */
  private boolean finished;

  private StoredSegment(Path file, FileChannel channel, long storedBytes, Compression compression, SealedSegment expected)
      throws IOException {
    this.file = file;
    this.channel = channel;
    this.storedBytes = storedBytes;
    this.compression = compression;
    this.listed = expected != null;
    this.stored = new Crc32cInputStream(Channels.newInputStream(channel));
    InputStream plainSource;
    if (compression == Compression.NONE) {
      trailerBytes = null;
      trailer = null;
      plainBytes = storedBytes;
      plainSource = stored;
    } else {
      trailerBytes = readTrailerBytes();
      trailer = ZstdTrailer.decode(file, trailerBytes, trailerOffset());
      if (expected != null) {
        checkTrailerAgainst(expected);
      }
      plainBytes = trailer.plainBytes();
      plainSource = new ZstdPlainInputStream(file, ByteStreams.limit(stored, trailerOffset()), stored::byteCount);
    }
    this.capped = new CappedInputStream(plainSource, file, plainBytes, this::overflowProblem);
    if (compression == Compression.NONE) {
      this.plainCrc = stored;
      this.plain = capped;
    } else {
      this.plainCrc = new Crc32cInputStream(capped);
      this.plain = plainCrc;
    }
  }

  /**
   * Opens a lone segment file without a manifest: zstd when it starts with the zstd magic number,
   * plain otherwise. Refuses symbolic links and anything but a regular file.
   */
  public static StoredSegment open(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new SpillIoException(file, "opening segment", e);
    }
    if (attributes.isSymbolicLink()) {
      throw new SpillFormatException(file, -1, "is a symbolic link (refused: segments are read only as regular files)");
    }
    if (!attributes.isRegularFile()) {
      throw new SpillFormatException(file, -1, "is not a regular file");
    }
    return openChannel(file, null);
  }

  /**
   * Opens a segment the manifest lists: its path resolved inside the directory (pattern, no
   * symbolic links, no escape), its size equal to the entry's {@code bytes}, stored as the entry's
   * {@code compression} says, and for zstd a trailer that agrees with {@code plainBytes} and
   * {@code plainCrc32c}. Each failure is a {@link SpillFormatException}: "missing", "size: expected
   * N bytes (manifest), found M", ...
   */
  public static StoredSegment open(SpillDirectory dir, SealedSegment expected) {
    SegmentFileName name;
    try {
      name = SegmentFileName.parseRelativePath(expected.file());
    } catch (IllegalArgumentException e) {
      throw new SpillFormatException(dir.manifestFile(), -1, e.getMessage(), e); // the manifest is at fault
    }
    Path file;
    try {
      file = dir.resolveSegment(expected.file());
    } catch (IllegalArgumentException e) { // a link or special file where the segment should be
      throw new SpillFormatException(dir.segmentFile(name, Compression.ofPath(expected.file())), -1, e.getMessage(), e);
    }
    return openChannel(file, expected);
  }

  private static StoredSegment openChannel(Path file, SealedSegment expected) {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      if (expected == null) {
        throw new SpillIoException(file, "opening segment", e);
      }
      throw new SpillFormatException(file, -1, "missing: the manifest lists it as segment " + expected.sequence()
          + " of table " + expected.table(), e);
    } catch (IOException e) {
      throw new SpillIoException(file, "opening segment", e);
    }
    try {
      long size = ch.size();
      Compression compression;
      if (expected != null) {
        checkSize(file, size, expected);
        compression = expected.compression();
      } else {
        compression = startsWithZstdMagic(ch, size) ? Compression.ZSTD : Compression.NONE;
      }
      return new StoredSegment(file, ch, size, compression, expected);
    } catch (IOException e) {
      throw closeAfter(ch, new SpillIoException(file, "reading segment", e));
    } catch (RuntimeException e) {
      throw closeAfter(ch, e);
    }
  }

  public Path file() {
    return file;
  }

  public Compression compression() {
    return compression;
  }

  /** The file's size when it was opened. */
  public long storedBytes() {
    return storedBytes;
  }

  /** The size the plain binary COPY stream must have (manifest {@code plainBytes}, the trailer's, or the file size). */
  public long plainBytes() {
    return plainBytes;
  }

  /**
   * The binary COPY stream, exactly {@link #plainBytes()} bytes of it. Reading may throw a
   * {@link SpillFormatException} (corrupt zstd data, more bytes than declared). The same stream on
   * every call: read it once.
   */
  public InputStream plain() {
    return plain;
  }

  /** A reader over {@link #plain()} that calls {@link #finish()} when it reaches the end. */
  public SegmentReader reader() {
    String note = compression == Compression.NONE ? ""
        : " (the offset counts bytes of the zstd-decompressed binary COPY stream, not of the file)";
    return new SegmentReader(file, plain, plainBytes, note, this::finish);
  }

  /**
   * After {@link #plain()} returned end of stream: validates the rest of the file (see the class
   * comment). Idempotent. Throws {@link SpillFormatException} naming the defect.
   */
  public void finish() {
    if (finished) {
      return;
    }
    try {
      checkState(plain.read() < 0, "finish() called before the end of the plain stream of %s", file);
      if (capped.byteCount() != plainBytes) {
        throw new SpillFormatException(file, compression == Compression.NONE ? capped.byteCount() : -1, plainSizeProblem());
      }
      if (compression == Compression.ZSTD) {
        finishZstd();
      }
      if (stored.read() >= 0) {
        throw new SpillFormatException(file, storedBytes, "file grew beyond its " + storedBytes + " bytes while being read");
      }
    } catch (IOException e) {
      throw new SpillIoException(file, "reading segment", e);
    }
    finished = true;
  }

  /** CRC32C of every byte of the file; known after {@link #finish()}. */
  public String storedCrc32c() {
    checkState(finished, "the stored CRC32C of %s is known only after finish()", file);
    return Crc32c.hex(stored.crc32c());
  }

  /** CRC32C of the plain binary COPY stream; known after {@link #finish()}. */
  public String plainCrc32c() {
    checkState(finished, "the plain CRC32C of %s is known only after finish()", file);
    return Crc32c.hex(plainCrc.crc32c());
  }

  @Override
  public void close() {
    try {
      plain.close();
      channel.close();
    } catch (IOException e) {
      throw new SpillIoException(file, "closing segment", e);
    }
  }

  private void finishZstd() throws IOException {
    long frameBytes = trailerOffset();
    if (stored.byteCount() != frameBytes) {
      throw new SpillFormatException(file, stored.byteCount(), "the zstd decoder stopped at byte " + stored.byteCount()
          + " of the " + frameBytes + "-byte frame region");
    }
    byte[] again = stored.readNBytes(ZstdTrailer.BYTES);
    if (!Arrays.equals(again, trailerBytes)) {
      throw new SpillFormatException(file, frameBytes, "the trailer frame changed while the file was being read");
    }
    String found = Crc32c.hex(plainCrc.crc32c());
    String declared = Crc32c.hex(trailer.plainCrc32c());
    if (!found.equals(declared)) {
      throw new SpillFormatException(file, -1, "plain CRC32C: expected " + declared + " (the file's trailer"
          + (listed ? " and the manifest" : "") + "), found " + found + ": the compressed content changed after sealing");
    }
  }

  private String plainSizeProblem() {
    if (compression == Compression.NONE) {
      return "file shrank to " + capped.byteCount() + " bytes while being read, expected " + plainBytes;
    }
    return "zstd data decompresses to " + capped.byteCount() + " bytes, expected " + plainBytes + " (declared by the "
        + "file's trailer" + (listed ? " and the manifest's plainBytes" : "") + ")";
  }

  private String overflowProblem(long cap) {
    if (compression == Compression.NONE) {
      return "file grew beyond its " + cap + " bytes while being read";
    }
    return "zstd data decompresses to more than the " + cap + " bytes declared by the file's trailer"
        + (listed ? " and the manifest's plainBytes" : "") + ": refused (corrupt, or a decompression bomb)";
  }

  private long trailerOffset() {
    return storedBytes - ZstdTrailer.BYTES;
  }

  private byte[] readTrailerBytes() throws IOException {
    if (storedBytes < ZstdTrailer.BYTES) {
      throw new SpillFormatException(file, storedBytes, "zstd segment is " + storedBytes + " bytes, too short for its "
          + ZstdTrailer.BYTES + "-byte trailer frame");
    }
    return readAt(channel, trailerOffset(), ZstdTrailer.BYTES);
  }

  private void checkTrailerAgainst(SealedSegment expected) {
    if (trailer.plainBytes() != expected.plainBytes()) {
      throw new SpillFormatException(file, trailerOffset() + 18, "trailer plainBytes: expected " + expected.plainBytes()
          + " (manifest), found " + trailer.plainBytes());
    }
    String crc = Crc32c.hex(trailer.plainCrc32c());
    if (!crc.equals(expected.plainCrc32c())) {
      throw new SpillFormatException(file, trailerOffset() + 26, "trailer plainCrc32c: expected " + expected.plainCrc32c()
          + " (manifest), found " + crc);
    }
  }

  private static void checkSize(Path file, long size, SealedSegment expected) {
    if (size != expected.bytes()) {
      throw new SpillFormatException(file, Math.min(size, expected.bytes()), "size: expected " + expected.bytes()
          + " bytes (manifest), found " + size);
    }
  }

  private static boolean startsWithZstdMagic(FileChannel ch, long size) throws IOException {
    return size >= ZSTD_MAGIC.length && Arrays.equals(readAt(ch, 0, ZSTD_MAGIC.length), ZSTD_MAGIC);
  }

  /** Reads exactly {@code n} bytes at {@code position} without moving the channel's position. */
  private static byte[] readAt(FileChannel ch, long position, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      int r = ch.read(buf, position + buf.position());
      if (r < 0) {
        throw new IOException("file ended at byte " + (position + buf.position()) + " while reading " + n + " bytes at " + position);
      }
    }
    return buf.array();
  }

  private static RuntimeException closeAfter(FileChannel ch, RuntimeException failure) {
    try {
      ch.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }
}
