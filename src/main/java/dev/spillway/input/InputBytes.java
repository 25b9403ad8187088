package dev.spillway.input;

import com.google.common.io.CountingInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The bytes of one opened input, decompressed: what every reader reads. Made by
 * {@link InputFiles#open}; closing it closes the file (never standard input).
 *
 * @param file      the input as named ({@link InputFiles#STDIN} for standard input)
 * @param counted   counts the bytes taken from the file or stdin (compressed bytes), for progress
 * @param plain     the decompressed bytes, layered over {@code counted}
 * @param sizeBytes the file's size on disk; 0 for standard input (unknown)
 */
public record InputBytes(Path file, CountingInputStream counted, InputStream plain, long sizeBytes) implements Closeable {
  public InputBytes {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(counted, "counted");
    Objects.requireNonNull(plain, "plain");
  }

  @Override
  public void close() throws IOException {
    plain.close();
  }
}
