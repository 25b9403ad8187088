package dev.spillway.spill;

import dev.spillway.segment.OwnerOnly;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The source records stage one parked because a ref was not decided when they were read (see
 * {@link Resolution}), on disk, not on the heap: one file per sweep of the resolution pass,
 * {@code idmap/parked/NNNN.parked} under the spill directory (stage one's working state, like the
 * id maps), created 0600 in a 0700 directory, each sweep writing the next file and deleting the
 * one it read; the last is deleted when the pass ends, and every one when the run fails. They are
 * never part of a complete spill. Record layout, repeated, big-endian:
 * <pre>
 *   byte    state         0 undecided, 1 dropped (the resolution pass rejects it)
 *   int32   fileIndex     the input file, 0-based in reading order (the manifest's sources)
 *   int64   line          where the record starts in that file
 *   int32   fieldCount    then per field: int32 byteCount (-1 for NULL) and that many UTF-8 bytes
 *   int32   slotCount     the record's rows, in emit and for_each element order; per row:
 *     byte  flag          {@link RecordProcessor}'s EMPTY, RESERVED, DUPLICATE, LATER, CONTENDER or RELEASED
 *     (RESERVED and CONTENDER only) int32 n, n bytes: the row's encoded natural key, held in its table
 *   (dropped only) the rejects.csv line its drop sweep decided, four strings (table, column,
 *                  raw value, reason), each as a field above
 * </pre>
 * The record's fields are stored, not its built rows: the resolution pass rebuilds the rows with
 * the same compiled emits, now deciding every ref. Not checksummed: written and read by one run,
 * never reused. Not thread-safe.
 */
final class ParkedRecords {
  static final String DIR = "parked";
  static final byte UNDECIDED = 0;
  static final byte DROPPED = 1;

  /** One parked record, reused while reading. */
  static final class Entry {
    byte state;
    int fileIndex;
    long line;
    String[] fields = new String[0];
    int slotCount;
    byte[] flags = new byte[8];
    byte[][] keys = new byte[8][];
    /** Why the record was dropped (state dropped only), as its drop sweep found it. */
    Rejection rejection;

    void slots(int count) {
      slotCount = count;
      if (flags.length < count) {
        flags = new byte[Math.max(count, flags.length * 2)];
        keys = new byte[flags.length][];
      }
    }

    /** The fields as a record's field lookup. */
    String field(int index) {
      return fields[index];
    }
  }

  private final Path dir;
  /** Sweep number of the file being written. */
  private int generation;
  private DataOutputStream out;
  /** Records in the file being written. */
  private long count;
  /** Rows parked with a key not known yet (LATER in a keyed table): reservation sweeps are needed only when > 0. */
  private long unreservedKeys;
  /** The input files (by index) that parked a record while reading. */
  private final java.util.BitSet parkedFiles = new java.util.BitSet();

  ParkedRecords(Path dir) {
    this.dir = dir;
  }

  private Path file(int gen) {
    return dir.resolve(String.format("%04d.parked", gen));
  }

  /** Records appended to the file being written. */
  long count() {
    return count;
  }

  /** Whether input file {@code fileIndex} parked a record while it was read. */
  boolean parkedFrom(int fileIndex) {
    return parkedFiles.get(fileIndex);
  }

  /** Counts a row parked in a keyed table without its key reserved. */
  void unreservedKey() {
    unreservedKeys++;
  }

  /** Rows parked while reading whose key was not known (see {@link #unreservedKey()}). */
  long unreservedKeys() {
    return unreservedKeys;
  }

  void append(Entry e) {
    if (generation == 0) {
      parkedFiles.set(e.fileIndex);
    }
    try {
      if (out == null) {
        out = open(file(generation));
      }
      out.writeByte(e.state);
      out.writeInt(e.fileIndex);
      out.writeLong(e.line);
      out.writeInt(e.fields.length);
      for (String f : e.fields) {
        writeString(f);
      }
      out.writeInt(e.slotCount);
      for (int i = 0; i < e.slotCount; i++) {
        out.writeByte(e.flags[i]);
        if (holdsKey(e.flags[i])) {
          out.writeInt(e.keys[i].length);
          out.write(e.keys[i]);
        }
      }
      if (e.state == DROPPED) {
        Rejection r = e.rejection;
        writeString(r.table());
        writeString(r.column());
        writeString(r.rawValue());
        writeString(r.reason());
      }
      count++;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot park record " + count + " in " + file(generation), ex);
    }
  }

  /** Whether a row with this flag stores the key it holds. */
  private static boolean holdsKey(byte flag) {
    return flag == RecordProcessor.RESERVED || flag == RecordProcessor.CONTENDER;
  }

  private void writeString(String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
    } else {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private DataOutputStream open(Path file) throws IOException {
    OwnerOnly.createDirectory(dir);
    FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS), OwnerOnly.file());
    return new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024));
  }

  /** Receives each parked record of a sweep. */
  interface Sweep {
    void record(Entry e);
  }

  /**
   * Closes the file being written and hands its records to {@code sweep} in order; with
   * {@code rewrite}, each record (as the sweep left it) is appended to the next file, else none is.
   * The file read is deleted.
   */
  void sweep(boolean rewrite, Sweep sweep) {
    long expected = count;
    Path read = file(generation);
    closeOutput();
    generation++;
    count = 0;
    if (expected == 0) {
      return;
    }
    Entry e = new Entry();
    long done = 0;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(read), 64 * 1024))) {
      for (; done < expected; done++) {
        readEntry(in, e);
        sweep.record(e);
        if (rewrite) {
          append(e);
        }
      }
    } catch (EOFException ex) {
      throw new UncheckedIOException("parked records " + read + " end after " + done + " of " + expected, ex);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the parked records " + read, ex);
    }
    delete(read);
  }

  private static void readEntry(DataInputStream in, Entry e) throws IOException {
    e.state = in.readByte();
    e.fileIndex = in.readInt();
    e.line = in.readLong();
    int n = in.readInt();
    if (e.fields.length != n) {
      e.fields = new String[n];
    }
    for (int i = 0; i < n; i++) {
      e.fields[i] = readString(in);
    }
    e.slots(in.readInt());
    for (int i = 0; i < e.slotCount; i++) {
      e.flags[i] = in.readByte();
      if (holdsKey(e.flags[i])) {
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        e.keys[i] = key;
      } else {
        e.keys[i] = null;
      }
    }
    e.rejection = e.state == DROPPED
        ? new Rejection(readString(in), readString(in), readString(in), readString(in))
        : null;
  }

  private void closeOutput() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot close the parked records " + file(generation), ex);
      }
      out = null;
    }
  }

  /** Removes every parked file (at the end of the pass, or when the run fails). */
  void deleteAll() {
    try {
      closeOutput();
    } finally {
      for (int g = 0; g <= generation; g++) {
        delete(file(g));
      }
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot delete the parked records " + file, ex);
    }
  }
}
