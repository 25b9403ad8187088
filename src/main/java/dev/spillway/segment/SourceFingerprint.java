package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What an input file looked like when stage one read it, so that {@code spillway run} can tell a
 * new dump under the same name from the file it spilled (manifest {@code sources[].fingerprint},
 * spill-format.md): its size, its modification time and a SHA-256 of a bounded sample (the first
 * and the last {@value #SAMPLE_BYTES} bytes, the whole file when it is smaller than twice that,
 * preceded by the size as 8 bytes big-endian). Equal fingerprints do not prove equal contents
 * (a change in the middle of a large file, with the same size and a restored mtime, is missed);
 * different ones prove a change.
 *
 * @param bytes        file size in bytes, {@code >= 0}
 * @param modifiedAt   last-modified time as the file system reports it
 * @param sampleSha256 64 lower-case hex digits
 */
public record SourceFingerprint(long bytes, Instant modifiedAt, String sampleSha256) {
  /** Bytes hashed at each end of the file. */
  public static final int SAMPLE_BYTES = 64 * 1024;

  public SourceFingerprint {
    checkArgument(bytes >= 0, "fingerprint bytes < 0: %s", bytes);
    checkArgument(modifiedAt != null, "fingerprint modifiedAt is missing");
    checkArgument(sampleSha256 != null && sampleSha256.matches("[0-9a-f]{64}"),
        "fingerprint sampleSha256 is not 64 lower-case hex digits: %s", sampleSha256);
  }

  /** Reads {@code file}'s fingerprint (at most 128 KiB of it). */
  public static SourceFingerprint of(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ByteBuffer.allocate(8).putLong(size).array());
      if (size <= 2L * SAMPLE_BYTES) {
        hash(ch, 0, size, sha);
      } else {
        hash(ch, 0, SAMPLE_BYTES, sha);
        hash(ch, size - SAMPLE_BYTES, SAMPLE_BYTES, sha);
      }
      return new SourceFingerprint(size, modified, HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fingerprint input file " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void hash(FileChannel ch, long from, long length, MessageDigest sha) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, SAMPLE_BYTES));
    long position = from;
    long end = from + length;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int n = ch.read(buffer, position);
      if (n < 0) {
        break; // shrank while read: the digest differs, which is what a change should give
      }
      buffer.flip();
      sha.update(buffer);
      position += n;
    }
  }

  /** How this one differs from {@code recorded}, for messages; empty text when equal. */
  public String differenceFrom(SourceFingerprint recorded) {
    if (equals(recorded)) {
      return "";
    }
    return "now " + bytes + " bytes, modified " + modifiedAt + "; spilled when " + recorded.bytes + " bytes, modified "
        + recorded.modifiedAt + (bytes == recorded.bytes && modifiedAt.equals(recorded.modifiedAt) ? ", other contents" : "");
  }
}
