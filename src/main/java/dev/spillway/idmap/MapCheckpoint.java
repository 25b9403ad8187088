package dev.spillway.idmap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The checkpoint of one table's map ({@code STEM.meta}): which data file is live and the counters
 * that are not in Chronicle Map itself. Rewritten atomically (temp file, fsync, rename) when a map
 * is opened (state OPEN), when it grows into a new generation, and when it is closed (state CLOSED,
 * after the data file has been fsynced). Layout, big-endian:
 * <pre>
 *   offset size  field
 *        0    4  magic "SWID" (0x53574944)
 *        4    2  format version, 1
 *        6    1  kind: 1 id map, 2 key set
 *        7    1  state: 1 OPEN (a writer has it, or crashed holding it), 2 CLOSED (clean)
 *        8    4  generation of the live data file, &gt;= 1
 *       12    8  capacityEntries: entries() the live data file was created with, &gt;= 1
 *       20    4  averageKeyBytes the live data file was created with, &gt;= 1
 *       24    8  entryCount: keys in the map (exact when CLOSED)
 *       32    8  keyBytesTotal: sum of the encoded key lengths (exact when CLOSED)
 *       40    8  nextId: the id the next new key gets, &gt;= 1 (key sets: entryCount + 1)
 *       48    8  firstAssignedId: first id handed out by assign(), 0 while none was (seeding is
 *                refused once it is set)
 *       56    2  n: length of the table name in UTF-8 bytes
 *       58    n  table name, UTF-8, exactly as the plan spells it
 *     58+n    4  CRC32C of bytes [0, 58+n)
 * </pre>
 * The file is untrusted input: {@link #decode} checks every field and reports what it expected.
 */
record MapCheckpoint(
    Kind kind,
    State state,
    int generation,
    long capacityEntries,
    int averageKeyBytes,
    long entryCount,
    long keyBytesTotal,
    long nextId,
    long firstAssignedId,
    String table) {

  static final int MAGIC = 0x53574944;
  static final short FORMAT_VERSION = 1;
  static final int FIXED_BYTES = 58;
  static final int CRC_BYTES = 4;
  static final int MAX_TABLE_NAME_BYTES = 4096;

  enum Kind { ID_MAP, KEY_SET }

  enum State { OPEN, CLOSED }

  MapCheckpoint with(State newState) {
    return new MapCheckpoint(kind, newState, generation, capacityEntries, averageKeyBytes, entryCount,
        keyBytesTotal, nextId, firstAssignedId, table);
  }

  byte[] encode() {
    byte[] name = table.getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_TABLE_NAME_BYTES) {
      throw new IllegalArgumentException("table name longer than " + MAX_TABLE_NAME_BYTES + " bytes: " + name.length);
    }
    ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + name.length + CRC_BYTES);
    out.putInt(MAGIC).putShort(FORMAT_VERSION)
        .put((byte) (kind.ordinal() + 1)).put((byte) (state.ordinal() + 1))
        .putInt(generation).putLong(capacityEntries).putInt(averageKeyBytes)
        .putLong(entryCount).putLong(keyBytesTotal).putLong(nextId).putLong(firstAssignedId)
        .putShort((short) name.length).put(name);
    out.putInt(crc32c(out.array(), out.position()));
    return out.array();
  }

  /** Parses and checks a checkpoint read from {@code file}; any defect is an {@link IdMapCorruptException}. */
  static MapCheckpoint decode(byte[] bytes, Path file, String expectedTable) {
    Defects defects = new Defects(expectedTable, file);
    if (bytes.length < FIXED_BYTES + CRC_BYTES) {
      throw defects.at(0, "checkpoint truncated: expected at least " + (FIXED_BYTES + CRC_BYTES) + " bytes, found " + bytes.length);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int magic = in.getInt();
    if (magic != MAGIC) {
      throw defects.at(0, String.format("not an idmap checkpoint: magic 0x%08x, expected 0x%08x", magic, MAGIC));
    }
    short version = in.getShort();
    if (version != FORMAT_VERSION) {
      throw defects.at(4, "unsupported checkpoint format version " + version + ", expected " + FORMAT_VERSION);
    }
    int nameLength = ((bytes[56] & 0xFF) << 8) | (bytes[57] & 0xFF);
    int expectedLength = FIXED_BYTES + nameLength + CRC_BYTES;
    if (bytes.length != expectedLength) {
      throw defects.at(56, "checkpoint length: expected " + expectedLength + " bytes for a " + nameLength
          + "-byte table name, found " + bytes.length);
    }
    int storedCrc = ByteBuffer.wrap(bytes, expectedLength - CRC_BYTES, CRC_BYTES).getInt();
    int computedCrc = crc32c(bytes, expectedLength - CRC_BYTES);
    if (storedCrc != computedCrc) {
      throw defects.at(expectedLength - CRC_BYTES,
          String.format("checkpoint crc32c mismatch: stored 0x%08x, computed 0x%08x", storedCrc, computedCrc));
    }
    Kind kind = defects.enumAt(6, bytes[6], Kind.values());
    State state = defects.enumAt(7, bytes[7], State.values());
    in.position(8);
    MapCheckpoint c = new MapCheckpoint(kind, state, in.getInt(), in.getLong(), in.getInt(), in.getLong(),
        in.getLong(), in.getLong(), in.getLong(), new String(bytes, FIXED_BYTES, nameLength, StandardCharsets.UTF_8));
    defects.check(c.generation >= 1 && c.generation <= 999_999, 8, "generation out of range: " + c.generation);
    defects.check(c.capacityEntries >= 1, 12, "capacityEntries < 1: " + c.capacityEntries);
    defects.check(c.averageKeyBytes >= 1, 20, "averageKeyBytes < 1: " + c.averageKeyBytes);
    defects.check(c.entryCount >= 0, 24, "entryCount < 0: " + c.entryCount);
    defects.check(c.keyBytesTotal >= c.entryCount, 32, "keyBytesTotal " + c.keyBytesTotal + " < entryCount " + c.entryCount);
    defects.check(c.nextId >= 1, 40, "nextId < 1: " + c.nextId);
    defects.check(c.firstAssignedId >= 0 && c.firstAssignedId <= c.nextId, 48,
        "firstAssignedId " + c.firstAssignedId + " outside [0, nextId " + c.nextId + "]");
    return c;
  }

  private static int crc32c(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /** Builds the exceptions for one checkpoint file. */
  private record Defects(String table, Path file) {
    IdMapCorruptException at(int byteOffset, String problem) {
      return new IdMapCorruptException(table, file, problem + " (at byte " + byteOffset + ")");
    }

    void check(boolean ok, int byteOffset, String problem) {
      if (!ok) {
        throw at(byteOffset, problem);
      }
    }

    <E extends Enum<E>> E enumAt(int byteOffset, byte code, E[] values) {
      if (code < 1 || code > values.length) {
        throw at(byteOffset, "unknown " + values[0].getDeclaringClass().getSimpleName().toLowerCase() + " code " + code);
      }
      return values[code - 1];
    }
  }
}
