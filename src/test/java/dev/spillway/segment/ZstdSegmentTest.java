package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.spillway.pgbinary.ByteSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zstd-compressed segments: same binary COPY stream as a plain segment, read transparently, and hostile files refused. */
class ZstdSegmentTest {
  @TempDir
  Path tmp;

  @Test
  void aCompressedSegmentHoldsExactlyThePlainSegmentPlusATrailer() throws Exception {
    SegmentFixture plain = new SegmentFixture(tmp.resolve("plain"), "spill-z", 800, 8192, 7);
    SegmentFixture zstd = new SegmentFixture(tmp.resolve("zstd"), "spill-z", 800, 8192, 7, Compression.ZSTD);
    assertEquals(plain.sealed.size(), zstd.sealed.size(), "the bound applies to the plain stream: same rolling");
    assertTrue(zstd.sealed.size() > 3);
    for (int i = 0; i < zstd.sealed.size(); i++) {
      SealedSegment p = plain.sealed.get(i);
      SealedSegment z = zstd.sealed.get(i);
      byte[] plainBytes = Files.readAllBytes(plain.file(i));
      byte[] stored = Files.readAllBytes(zstd.file(i));
      assertEquals(new SegmentFileName(1, i + 1).relativePath() + ".zst", z.file());
      assertEquals(Compression.ZSTD, z.compression());
      assertEquals(stored.length, z.bytes());
      assertEquals(crc(stored), z.crc32c());
      assertEquals(p.bytes(), z.plainBytes());
      assertEquals(p.crc32c(), z.plainCrc32c());
      assertEquals(p.rows(), z.rows());
      assertTrue(z.bytes() < z.plainBytes(), "compressed " + z.bytes() + " < " + z.plainBytes());
      assertArrayEquals(plainBytes, new ZstdInputStream(new ByteArrayInputStream(stored)).readAllBytes(), "zstd-jni");
      assertArrayEquals(plainBytes, zstdCli(zstd.file(i)), "zstd -d skips the trailer frame");
      ZstdTrailer trailer = ZstdTrailer.decode(zstd.file(i), Arrays.copyOfRange(stored, stored.length - 30, stored.length),
          stored.length - 30);
      assertEquals(new ZstdTrailer(p.bytes(), Crc32c.parseHex(p.crc32c())), trailer);
    }
  }

  @Test
  void readersVerifierAndOpenPlainReadCompressedSegmentsTransparently() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("zstd"), "spill-z", 500, 4096, 3, Compression.ZSTD);
    SegmentVerifier verifier = new SegmentVerifier(f.dir, f.manifest());
    List<byte[]> read = new ArrayList<>();
    for (int i = 0; i < f.sealed.size(); i++) {
      SealedSegment s = f.sealed.get(i);
      try (StoredSegment stored = StoredSegment.open(f.file(i)); SegmentReader r = stored.reader()) {
        RawTuple t = new RawTuple();
        while (r.next(t)) {
          read.add(t.toByteArray());
        }
        assertEquals(s.plainCrc32c(), stored.plainCrc32c());
      }
      SegmentScan scan = verifier.verify(s);
      assertEquals(new SegmentScan(f.firstHeader.withSequence(i + 1), s.rows(), s.plainBytes()), scan);
      try (InputStream in = SegmentFiles.openPlain(f.dir, s)) {
        byte[] plain = in.readAllBytes();
        assertEquals(s.plainBytes(), plain.length);
        assertEquals(s.plainCrc32c(), crc(plain));
      }
    }
    assertEquals(f.tuples.size(), read.size());
    for (int i = 0; i < read.size(); i++) {
      assertArrayEquals(f.tuples.get(i), read.get(i), "tuple " + i);
    }
  }

  @Test
  void everyBitFlipInASmallCompressedSegmentIsCaught() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("zstd"), "spill-z", 6, 1 << 20, 11, Compression.ZSTD);
    SealedSegment s = f.sealed.get(0);
    SegmentVerifier verifier = new SegmentVerifier(f.dir, f.manifest());
    byte[] original = Files.readAllBytes(f.file(0));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int bit = 0; bit < original.length * 8; bit++) {
        FileSurgery.xor(f.file(0), bit / 8, 1 << (bit % 8), original);
        String what = "bit " + bit + " of " + original.length * 8;
        SpillFormatException e = refused(() -> verifier.verify(s), what);
        assertEquals(f.file(0), e.file(), what);
        refused(() -> drain(SegmentFiles.openPlain(f.dir, s)), what + " (openPlain)");
        FileSurgery.put(f.file(0), bit / 8, new byte[] {original[bit / 8]});
      }
      verifier.verify(s);
    });
  }

  @Test
  void truncationAtEveryOffsetIsRefusedAlsoWhenTheManifestAgreesWithTheSize() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("zstd"), "spill-z", 4, 1 << 20, 13, Compression.ZSTD);
    SealedSegment s = f.sealed.get(0);
    byte[] original = Files.readAllBytes(f.file(0));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int n = 0; n < original.length; n++) {
        byte[] cut = Arrays.copyOf(original, n);
        Files.write(f.file(0), cut);
        String what = "cut to " + n + " bytes";
        refused(() -> SegmentReader.scan(f.file(0)), what);
        SealedSegment claimsCut = new SealedSegment(s.table(), s.sequence(), s.file(), s.compression(), Math.max(n, 1),
            s.rows(), crc(cut), s.plainBytes(), s.plainCrc32c());
        if (n > 0) {
          refused(() -> new SegmentVerifier(f.dir, f.manifest()).verify(claimsCut), what + " (listed with that size)");
        }
      }
    });
  }

  /** 200 MB of one field compress to a few KB; a reader must stop at the declared plain size, not decompress it all. */
  @Test
  void aDecompressionBombStopsAtTheDeclaredPlainSize() throws Exception {
    Path file = tmp.resolve("bomb.pgcopy.zst");
    byte[] header = SegmentHeaderCodec.encode(Tuples.header("package", 1));
    int fieldBytes = 200_000_000;
    long plainBytes = header.length + 2 + 4 + 8 + 4 + (long) fieldBytes + 2;
    writeZstd(file, out -> {
      out.write(header);
      out.write(new ByteSink().writeShort(2).writeInt(8).writeLong(1).writeInt(fieldBytes).toByteArray());
      byte[] zeros = new byte[1 << 20];
      for (long left = fieldBytes; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(left, zeros.length));
      }
      out.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
    }, 4096, 0);
    assertTrue(Files.size(file) < 100_000, "a bomb: " + Files.size(file) + " bytes");

    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      // A lone file: its trailer declares 4096 plain bytes; the reader's first read-ahead hits the cap.
      SpillFormatException lone = refused(() -> SegmentReader.scan(file), "lone bomb");
      assertEquals(4096, lone.byteOffset());
      assertTrue(lone.getMessage().contains("decompresses to more than the 4096 bytes declared by the file's trailer: "
          + "refused (corrupt, or a decompression bomb)"), lone.getMessage());
      // A consumer of the raw plain stream (the loader) is stopped at the cap.
      SpillDirectory dir = SpillDirectory.create(tmp.resolve("spill"));
      Path listed = dir.segmentFile(new SegmentFileName(1, 1), Compression.ZSTD);
      Files.copy(file, listed);
      byte[] stored = Files.readAllBytes(listed);
      ZstdTrailer trailer = ZstdTrailer.decode(listed, Arrays.copyOfRange(stored, stored.length - 30, stored.length), 0);
      SealedSegment entry = new SealedSegment("package", 1, "segments/0001-00000001.pgcopy.zst", Compression.ZSTD,
          stored.length, 1, crc(stored), 4096, Crc32c.hex(trailer.plainCrc32c()));
      SpillFormatException capped = refused(() -> drain(SegmentFiles.openPlain(dir, entry)), "listed bomb");
      assertEquals(4096, capped.byteOffset());
      assertTrue(capped.getMessage().contains("decompresses to more than the 4096 bytes"), capped.getMessage());
    });

    // Declared honestly (and huge), the scan streams through it without keeping the field.
    writeZstd(file, out -> {
      out.write(header);
      out.write(new ByteSink().writeShort(2).writeInt(8).writeLong(1).writeInt(fieldBytes).toByteArray());
      byte[] zeros = new byte[1 << 20];
      for (long left = fieldBytes; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(left, zeros.length));
      }
      out.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
    }, plainBytes, 0);
    SegmentScan scan = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> SegmentReader.scan(file));
    assertEquals(1, scan.rows());
    assertEquals(plainBytes, scan.bytes());
  }

  @Test
  void aFrameAskingForMoreThanAnEightMiBWindowIsRefused() throws Exception {
    Path file = tmp.resolve("window.pgcopy.zst");
    SegmentBytes seg = SegmentBytes.of(List.of(Tuples.idName(1, "a")));
    writeZstd(file, out -> out.write(seg.bytes), seg.bytes.length, 27);
    SpillFormatException e = refused(() -> SegmentReader.scan(file), "window 2^27");
    assertTrue(e.getMessage().contains("zstd data is corrupt: Frame requires too much memory"), e.getMessage());
  }

  @Test
  void theTrailerMustAgreeWithTheManifestAndTheContent() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("zstd"), "spill-z", 30, 1 << 20, 17, Compression.ZSTD);
    SealedSegment s = f.sealed.get(0);
    SealedSegment otherSize = new SealedSegment(s.table(), 1, s.file(), Compression.ZSTD, s.bytes(), s.rows(), s.crc32c(),
        s.plainBytes() + 1, s.plainCrc32c());
    SpillFormatException e = refused(() -> new SegmentVerifier(f.dir, f.manifest()).verify(otherSize), "plainBytes");
    assertEquals(s.bytes() - 30 + 18, e.byteOffset());
    assertTrue(e.getMessage().contains("trailer plainBytes: expected " + (s.plainBytes() + 1) + " (manifest), found "
        + s.plainBytes()), e.getMessage());

    // A trailer rewritten to match other content: structure fine, CRC against the trailer not.
    byte[] stored = Files.readAllBytes(f.file(0));
    byte[] forged = stored.clone();
    System.arraycopy(new ZstdTrailer(s.plainBytes(), 12345).encode(), 0, forged, forged.length - 30, 30);
    Files.write(f.file(0), forged);
    SpillFormatException lone = refused(() -> SegmentReader.scan(f.file(0)), "forged trailer");
    assertTrue(lone.getMessage().contains("plain CRC32C: expected 00003039 (the file's trailer), found " + s.plainCrc32c()),
        lone.getMessage());
  }

  @Test
  void aPlainFileWhereTheManifestSaysZstdIsRefused() throws Exception {
    SegmentFixture plain = new SegmentFixture(tmp.resolve("plain"), "spill-z", 30, 1 << 20, 19);
    SealedSegment p = plain.sealed.get(0);
    Path zstName = plain.dir.segmentFile(new SegmentFileName(1, 1), Compression.ZSTD);
    Files.move(plain.file(0), zstName);
    SealedSegment claimsZstd = new SealedSegment(p.table(), 1, p.file() + ".zst", Compression.ZSTD, p.bytes(), p.rows(),
        p.crc32c(), p.bytes() * 3, p.crc32c());
    SpillFormatException e = refused(() -> SegmentFiles.openPlain(plain.dir, claimsZstd), "plain as zstd");
    assertEquals(p.bytes() - 30, e.byteOffset());
    assertTrue(e.getMessage().contains("does not end with spillway's 30-byte skippable trailer frame"), e.getMessage());
  }

  @Test
  void theWriterNeverCreatesASegmentWhoseOtherCompressionExists() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("plain"), "spill-z", 5, 1 << 20, 23);
    assertEquals(1, f.sealed.size());
    try (SegmentWriter w = new SegmentWriter(f.dir, f.firstHeader, 1 << 20, Compression.ZSTD, SealListener.NONE)) {
      SpillIoException e = assertThrows(SpillIoException.class, () -> w.append(Tuples.idName(1, "x"), 0, Tuples.idNameBytes(1)));
      assertTrue(e.getMessage().contains("a sealed segment is never replaced"), e.getMessage());
      w.abort();
    }
  }

  @Test
  void anAbortedCompressedSegmentLeavesNothingAndATornOneIsRecovered() throws Exception {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("spill"));
    SegmentWriter w = new SegmentWriter(dir, Tuples.header("t", 1), 1 << 20, Compression.ZSTD, SealListener.NONE);
    w.append(Tuples.idName(1, "a"), 0, Tuples.idNameBytes(1));
    Path tmpFile = dir.segmentTmpFile(new SegmentFileName(1, 1), Compression.ZSTD);
    assertTrue(Files.exists(tmpFile));
    w.abort();
    assertTrue(Files.notExists(tmpFile));

    Files.write(tmpFile, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3});
    assertEquals(List.of(tmpFile), dir.listSegments().tmp());
    RecoveryReport report = new SegmentRecovery(dir).recover();
    assertEquals(7, report.bytesCut());
    assertTrue(Files.notExists(tmpFile));
  }

  // ---- helpers ----

  interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Writes a .pgcopy.zst whose trailer declares {@code declaredPlainBytes}; windowLog 0 keeps zstd's default. */
  private static void writeZstd(Path file, Body body, long declaredPlainBytes, int windowLog) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    CRC32C crc = new CRC32C();
    try (ZstdOutputStream z = new ZstdOutputStream(frame, 3)) {
      if (windowLog > 0) {
        z.setWindowLog(windowLog);
      }
      body.write(new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          crc.update(b, off, len);
          z.write(b, off, len);
        }
      });
    }
    frame.write(new ZstdTrailer(declaredPlainBytes, (int) crc.getValue()).encode());
    Files.write(file, frame.toByteArray());
  }

  private static SpillFormatException refused(org.junit.jupiter.api.function.Executable action, String what) {
    try {
      action.execute();
    } catch (SpillFormatException expected) {
      return expected;
    } catch (Throwable e) {
      throw new AssertionError(what + ": expected a SpillFormatException, got " + e, e);
    }
    throw new AssertionError(what + ": accepted");
  }

  private static void drain(InputStream in) throws IOException {
    try (in) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static String crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return Crc32c.hex((int) crc.getValue());
  }

  private static byte[] zstdCli(Path file) throws Exception {
    Process p = new ProcessBuilder("zstd", "-d", "-c", "-q", file.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
    return out;
  }
}
