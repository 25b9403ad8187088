package dev.spillway.input;

import com.github.luben.zstd.ZstdInputStream;
import com.google.common.io.CountingInputStream;
import dev.spillway.plan.SourceSpec;
import dev.spillway.segment.IoErrors;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens the inputs of stage one as decompressed bytes ({@link InputBytes}). Layers, bottom up: the
 * file (or standard input), a byte counter (progress), then gunzip for a name ending in
 * {@value #GZIP_SUFFIX} or zstd for {@value #ZSTD_SUFFIX}. Standard input, named {@link #STDIN}
 * ({@code file: "-"} in a plan), is read as it comes (no decompression by name: pipe through
 * {@code zcat} or {@code zstdcat}).
 *
 * <p>Standard input can be read only once, but stage one looks at every input twice: a peek (the
 * header check, before anything is written) and the real pass. So the first peek of standard
 * input marks its start and keeps what it reads in memory (the header, or the first record: at
 * most one record plus a read buffer); each later open goes back to that start, and the real pass
 * drops the mark so that nothing more is kept. A second real pass of standard input is refused.
 * Single-threaded.
 */
public final class InputFiles {
  /** How a plan names standard input: {@code file: "-"}. */
  public static final Path STDIN = SourceSpec.STDIN;
  /** How messages name standard input (as the manifest and rejects.csv do). */
  public static final String STDIN_NAME = "stdin";
  public static final String GZIP_SUFFIX = ".gz";
  public static final String ZSTD_SUFFIX = ".zst";
  private static final int BUFFER_BYTES = 64 * 1024;

  /** Inputs without standard input: opening {@link #STDIN} fails. */
  public static InputFiles filesOnly() {
    return new InputFiles(null);
  }

  /** standard input with its start marked once peeked; null when there is none to read. */
  private final BufferedInputStream stdin;
  /** the first peek marked the start of standard input. */
  private boolean stdinMarked;
  /** the real pass over standard input has begun. */
  private boolean stdinRead;

  /** @param stdin standard input, or null when the run has none */
  public InputFiles(InputStream stdin) {
    this.stdin = stdin == null ? null : new BufferedInputStream(stdin, BUFFER_BYTES);
  }

  /** True when {@code file} names standard input. */
  public static boolean isStdin(Path file) {
    return STDIN.equals(file);
  }

  /** {@code file} for messages: {@value #STDIN_NAME} for standard input. */
  public static String displayName(Path file) {
    return isStdin(file) ? STDIN_NAME : String.valueOf(file);
  }

  /** True when {@code file} is read through a gunzip layer. */
  public static boolean isGzip(Path file) {
    return nameEndsWith(file, GZIP_SUFFIX);
  }

  /** True when {@code file} is read through a zstd layer. */
  public static boolean isZstd(Path file) {
    return nameEndsWith(file, ZSTD_SUFFIX);
  }

  private static boolean nameEndsWith(Path file, String suffix) {
    Path name = file.getFileName();
    return !isStdin(file) && name != null && name.toString().endsWith(suffix);
  }

  /**
   * Opens {@code file} (or standard input) for reading, decompressed. Throws {@link InputException}
   * when it cannot be opened.
   *
   * @param peek true for a look at the beginning only (standard input is read again afterwards)
   */
  public InputBytes open(Path file, boolean peek) {
    try {
      if (isStdin(file)) {
        return openStdin(peek);
      }
      InputStream raw = Files.newInputStream(file);
      try {
        CountingInputStream counted = new CountingInputStream(raw);
        InputStream plain = isGzip(file) ? new GZIPInputStream(counted, BUFFER_BYTES)
            : isZstd(file) ? new BufferedInputStream(new ZstdInputStream(counted), BUFFER_BYTES) : counted;
        return new InputBytes(file, counted, plain, Files.size(file));
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot open: " + IoErrors.describe(e), e);
    }
  }

  private InputBytes openStdin(boolean peek) throws IOException {
    if (stdin == null) {
      throw new InputException(STDIN, 0, "no standard input to read in this run", null);
    }
    if (stdinRead) {
      throw new InputException(STDIN, 0, "standard input can be read only once (file: \"-\" in one source only)", null);
    }
    if (stdinMarked) {
      stdin.reset();
    }
    if (peek) {
      stdin.mark(Integer.MAX_VALUE);
      stdinMarked = true;
    } else {
      stdin.mark(0); // keep nothing more than a buffer from here on
      stdinRead = true;
    }
    CountingInputStream counted = new CountingInputStream(new NotClosing(stdin));
    return new InputBytes(STDIN, counted, counted, 0);
  }

  /** Standard input stays open when a reader closes its stream. */
  private static final class NotClosing extends FilterInputStream {
    NotClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
