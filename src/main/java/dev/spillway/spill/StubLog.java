package dev.spillway.spill;

import dev.spillway.idmap.NaturalKey;
import dev.spillway.idmap.NaturalKeyDecoder;
import dev.spillway.pgbinary.ByteSink;
import dev.spillway.segment.OwnerOnly;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The rows one table got from {@code missing: create} refs, kept on disk (not on the heap) until
 * the end of the run, when those whose real row never arrived are written to the table's segments.
 * A file under {@code idmap/stubs/} (stage one's working state), created 0600, deleted once
 * replayed. Record layout, repeated, big-endian:
 * <pre>
 *   int32 n, n bytes   the encoded natural key ({@link NaturalKey})
 *   int32 m, m bytes   the row's binary COPY tuple (id, key columns, other columns NULL)
 * </pre>
 * Not thread-safe; append, then {@link #replay} once.
 */
final class StubLog implements Closeable {
  /** Receives each logged stub when replayed. */
  interface StubSink {
    /** @param key the stub's natural key (reused between calls); @param tuple bytes [0, tupleLength) */
    void stub(NaturalKey key, byte[] tuple, int tupleLength);
  }

  private final Path file;
  private final DataOutputStream out;
  /** Stubs appended. */
  private long count;

  private StubLog(Path file, DataOutputStream out) {
    this.file = file;
    this.out = out;
  }

  static StubLog create(Path file) {
    try {
      OwnerOnly.createDirectory(file.getParent());
      FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS), OwnerOnly.file());
      return new StubLog(file, new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the stub log " + file, e);
    }
  }

  void append(NaturalKey key, ByteSink tuple) {
    try {
      byte[] keyBytes = key.toByteArray();
      out.writeInt(keyBytes.length);
      out.write(keyBytes);
      out.writeInt(tuple.size());
      out.write(tuple.array(), 0, tuple.size());
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append stub " + count + " to " + file, e);
    }
  }

  long count() {
    return count;
  }

  /** Closes the log for writing, hands every stub to {@code sink} in logged order, deletes the file. */
  void replay(StubSink sink) {
    close();
    long replayed = 0;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
      byte[] keyBytes = new byte[NaturalKey.MAX_ENCODED_BYTES];
      byte[] tuple = new byte[256];
      for (; replayed < count; replayed++) {
        int keyLength = in.readInt();
        in.readFully(keyBytes, 0, keyLength);
        NaturalKey key = NaturalKey.of(NaturalKeyDecoder.decode(keyBytes, 0, keyLength).toArray());
        int tupleLength = in.readInt();
        if (tupleLength > tuple.length) {
          tuple = new byte[Math.max(tupleLength, tuple.length * 2)];
        }
        in.readFully(tuple, 0, tupleLength);
        sink.stub(key, tuple, tupleLength);
      }
    } catch (EOFException e) {
      throw new UncheckedIOException("stub log " + file + " ends after " + replayed + " of " + count + " stubs", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replay the stub log " + file, e);
    }
    delete();
  }

  /** Closes the log for writing (idempotent). */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the stub log " + file, e);
    }
  }

  /** Removes the file (after replay, or when the run fails). */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the stub log " + file, e);
    }
  }
}
