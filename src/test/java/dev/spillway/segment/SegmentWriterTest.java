package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.ByteSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentWriterTest {
  @TempDir
  Path tmp;

  @Test
  void writesRollsSealsAndReadsBack() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("spill"), "spill-0001", 1000, 4096, 42);
    assertTrue(f.sealed.size() > 5, "expected several segments, got " + f.sealed.size());

    List<byte[]> readBack = new ArrayList<>();
    long sequence = 1;
    for (SealedSegment s : f.sealed) {
      Path file = f.dir.root().resolve(s.file());
      byte[] bytes = Files.readAllBytes(file);
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      assertEquals(Crc32c.hex((int) crc.getValue()), s.crc32c(), "crc32c of " + s.file());
      assertEquals(bytes.length, s.bytes(), "bytes of " + s.file());
      assertEquals(sequence, s.sequence());
      assertEquals(new SegmentFileName(1, sequence).relativePath(), s.file());
      assertTrue(s.bytes() <= 4096, s.file() + " is " + s.bytes() + " bytes");
      try (StoredSegment stored = StoredSegment.open(file); SegmentReader reader = stored.reader()) {
        assertEquals(f.firstHeader.withSequence(sequence), reader.header());
        RawTuple t = new RawTuple();
        while (reader.next(t)) {
          readBack.add(t.toByteArray());
        }
        assertEquals(s.rows(), reader.rowCount());
        assertEquals(s.crc32c(), stored.plainCrc32c());
      }
      sequence++;
    }
    assertEquals(f.tuples.size(), readBack.size());
    for (int i = 0; i < readBack.size(); i++) {
      assertArrayEquals(f.tuples.get(i), readBack.get(i), "tuple " + i);
    }
    assertEquals(f.sealed.stream().map(s -> new SegmentFileName(1, s.sequence())).toList(), f.dir.listSegments().sealed());
    assertTrue(f.dir.listSegments().tmp().isEmpty());
  }

  @Test
  void rollsExactlyAtTheBound() throws Exception {
    SegmentHeader header = Tuples.header("t", 1);
    int headerBytes = SegmentHeaderCodec.encode(header).length;
    byte[] tuple = Tuples.idName(7, "0123456789");
    int tupleBytes = tuple.length;

    // Three tuples fit exactly: header + 3 tuples + trailer == bound.
    long exact = headerBytes + 3L * tupleBytes + SegmentFormat.TRAILER_BYTES;
    List<SealedSegment> fits = write(tmp.resolve("exact"), header, exact, tuple, 7);
    assertEquals(List.of(exact, exact, headerBytes + (long) tupleBytes + 2), fits.stream().map(SealedSegment::bytes).toList());
    assertEquals(List.of(3L, 3L, 1L), fits.stream().map(SealedSegment::rows).toList());

    // One byte less: only two fit.
    List<SealedSegment> tight = write(tmp.resolve("tight"), header, exact - 1, tuple, 7);
    assertEquals(List.of(2L, 2L, 2L, 1L), tight.stream().map(SealedSegment::rows).toList());
    tight.forEach(s -> assertTrue(s.bytes() <= exact - 1));
  }

  @Test
  void anOversizedTupleGetsASegmentOfItsOwn() {
    SegmentHeader header = Tuples.header("t", 1);
    int headerBytes = SegmentHeaderCodec.encode(header).length;
    long bound = headerBytes + 100;
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("big"));
    List<SealedSegment> sealed = new ArrayList<>();
    try (SegmentWriter w = new SegmentWriter(dir, header, bound, sealed::add)) {
      w.append(ByteSinkOf(Tuples.idName(1, "small")));
      w.append(ByteSinkOf(Tuples.idName(2, "x".repeat(500))));
      w.append(ByteSinkOf(Tuples.idName(3, "small")));
      w.append(ByteSinkOf(Tuples.idName(4, "small")));
    }
    assertEquals(List.of(1L, 1L, 2L), sealed.stream().map(SealedSegment::rows).toList());
    assertTrue(sealed.get(1).bytes() > bound);
    assertEquals(headerBytes + Tuples.idNameBytes(500) + 2L, sealed.get(1).bytes());
    assertEquals(2, SegmentReader.scan(dir.root().resolve(sealed.get(1).file())).header().sequence());
  }

  @Test
  void filesAre0600AndDirectories0700() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("perm/spill"), "spill-0001", 50, 1024, 1);
    assertEquals("rwx------", perms(f.dir.root()));
    assertEquals("rwx------", perms(f.dir.segmentsDir()));
    assertEquals("rwx------", perms(f.dir.idmapDir()));
    for (SealedSegment s : f.sealed) {
      assertEquals("rw-------", perms(f.dir.root().resolve(s.file())), s.file());
    }
    new ManifestStore(f.dir).write(f.manifest());
    assertEquals("rw-------", perms(f.dir.manifestFile()));
  }

  @Test
  void fileNamesNeverDeriveFromTableNames() throws Exception {
    String table = "we\"ird '; DROP TABLE x; -- /../etc\\passwd ümlaut";
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("names"));
    SegmentHeader header = SegmentHeader.first("s", table, 37, Tuples.ID_NAME);
    List<SealedSegment> sealed = write(tmp.resolve("names"), header, 1 << 20, Tuples.idName(1, "a"), 3);
    assertEquals("segments/0037-00000001.pgcopy", sealed.get(0).file());
    assertEquals(table, sealed.get(0).table());
    assertEquals(table, SegmentReader.scan(dir.root().resolve(sealed.get(0).file())).header().table());
    try (var entries = Files.list(dir.segmentsDir())) {
      assertEquals(List.of("0037-00000001.pgcopy"), entries.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void malformedTuplesAreRefusedBeforeAnythingIsWritten() {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("bad"));
    try (SegmentWriter w = new SegmentWriter(dir, Tuples.header("t", 1), 1 << 20, SealListener.NONE)) {
      ByteSink threeFields = new ByteSink().writeShort(3).writeInt(-1).writeInt(-1).writeInt(-1);
      assertThrows(IllegalArgumentException.class, () -> w.append(threeFields), "field count");
      ByteSink overrun = new ByteSink().writeShort(2).writeInt(-1).writeInt(5).writeByte('a');
      assertThrows(IllegalArgumentException.class, () -> w.append(overrun), "length past the end");
      ByteSink trailing = new ByteSink().writeShort(2).writeInt(-1).writeInt(0).writeByte('a');
      assertThrows(IllegalArgumentException.class, () -> w.append(trailing), "bytes after the last field");
      ByteSink negative = new ByteSink().writeShort(2).writeInt(-1).writeInt(-2);
      var e = assertThrows(IllegalArgumentException.class, () -> w.append(negative));
      assertTrue(e.getMessage().contains("table t"), e.getMessage());
      assertEquals(0, w.rowCount());
    }
    assertTrue(dir.listSegments().sealed().isEmpty() && dir.listSegments().tmp().isEmpty(), "no file for a table without rows");
  }

  @Test
  void aSealedSegmentIsNeverReplaced() throws Exception {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("again"));
    SegmentHeader header = Tuples.header("t", 1);
    write(tmp.resolve("again"), header, 1 << 20, Tuples.idName(1, "a"), 1);
    byte[] before = Files.readAllBytes(dir.segmentFile(header.fileName()));
    SegmentWriter second = new SegmentWriter(dir, header, 1 << 20, SealListener.NONE);
    SpillIoException e = assertThrows(SpillIoException.class, () -> second.append(ByteSinkOf(Tuples.idName(2, "b"))));
    assertTrue(e.getMessage().contains("0001-00000001.pgcopy"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(dir.segmentFile(header.fileName())));
  }

  @Test
  void abortRemovesTheUnsealedTmpAndKeepsSealedSegments() {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("abort"));
    SegmentHeader header = Tuples.header("t", 1);
    int bound = SegmentHeaderCodec.encode(header).length + Tuples.idNameBytes(1) + 2;
    SegmentWriter w = new SegmentWriter(dir, header, bound, SealListener.NONE);
    w.append(ByteSinkOf(Tuples.idName(1, "a")));
    w.append(ByteSinkOf(Tuples.idName(2, "b")));
    assertEquals(1, w.sealedSegments().size());
    assertEquals(1, dir.listSegments().tmp().size());
    w.abort();
    assertEquals(List.of(new SegmentFileName(1, 1)), dir.listSegments().sealed());
    assertTrue(dir.listSegments().tmp().isEmpty());
    assertThrows(IllegalStateException.class, () -> w.append(ByteSinkOf(Tuples.idName(3, "c"))));
  }

  @Test
  void theListenerHearsOfEachSegmentAfterItIsDurable() {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("listen"));
    SegmentHeader header = Tuples.header("t", 1);
    List<Boolean> sealedFileExisted = new ArrayList<>();
    List<Boolean> tmpGone = new ArrayList<>();
    try (SegmentWriter w = new SegmentWriter(dir, header, 200, s -> {
      sealedFileExisted.add(Files.isRegularFile(dir.root().resolve(s.file())));
      tmpGone.add(!Files.exists(dir.root().resolve(s.file() + ".tmp")));
    })) {
      for (int i = 0; i < 20; i++) {
        w.append(ByteSinkOf(Tuples.idName(i, "row " + i)));
      }
      assertEquals(20, w.rowCount());
    }
    assertFalse(sealedFileExisted.isEmpty());
    assertTrue(sealedFileExisted.stream().allMatch(b -> b) && tmpGone.stream().allMatch(b -> b));
  }

  private static List<SealedSegment> write(Path root, SegmentHeader header, long bound, byte[] tuple, int times) {
    SpillDirectory dir = SpillDirectory.create(root);
    List<SealedSegment> sealed = new ArrayList<>();
    try (SegmentWriter w = new SegmentWriter(dir, header, bound, sealed::add)) {
      for (int i = 0; i < times; i++) {
        w.append(tuple, 0, tuple.length);
      }
    }
    return sealed;
  }

  private static ByteSink ByteSinkOf(byte[] tuple) {
    return new ByteSink().write(tuple);
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
