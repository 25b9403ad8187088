package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.inspect.AllTypes;
import dev.spillway.inspect.RowDump;
import dev.spillway.inspect.RowSelection;
import dev.spillway.inspect.TextRowSink;
import dev.spillway.pgbinary.CodecRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input, seeded: valid segments (plain and zstd) and manifests mutated at random (bit
 * flips, truncation, length fields set to huge, negative and off-by-one values, garbage after the
 * trailer, random overwrites, and for zstd also mutations of the plain stream re-compressed behind an
 * honest trailer). Every case must end in a {@link SpillFormatException} naming the mutated file, or
 * in a correct result: never another exception, an {@link OutOfMemoryError}, a hang, or a changed
 * segment accepted as intact.
 *
 * <p>A few seconds in the normal test run; longer with {@code bench/fuzz.sh}, or
 * {@code -Dspillway.fuzz.iterations=N -Dspillway.fuzz.seed=S}. A failure names the seed and case.
 */
class SpillFuzzTest {
  /** Segment mutations per run; manifest mutations are a third of it (each verifies a whole directory). */
  private static final int ITERATIONS = Integer.getInteger("spillway.fuzz.iterations", 400);
  private static final long SEED = Long.getLong("spillway.fuzz.seed", 20240501L);
  /** Iterations per preemptive-timeout batch: a hang fails within a minute, whatever the total. */
  private static final int BATCH = 200;

  @TempDir
  Path tmp;

  private Spill plain;
  private Spill zstd;
  /** A column of every type, so that mutated payloads reach every codec's decoder through cat. */
  private Spill typedPlain;
  private Spill typedZstd;

  /** A written spill directory and the original bytes of its files. */
  private record Spill(SpillDirectory dir, Manifest manifest, List<byte[]> stored, List<byte[]> plainBytes, byte[] manifestJson) {}

  @BeforeEach
  void writeSpills() throws Exception {
    plain = spill(tmp.resolve("plain"), Compression.NONE);
    zstd = spill(tmp.resolve("zstd"), Compression.ZSTD);
    typedPlain = typed(tmp.resolve("typed-plain"), Compression.NONE);
    typedZstd = typed(tmp.resolve("typed-zstd"), Compression.ZSTD);
  }

  private static Spill spill(Path root, Compression compression) throws Exception {
    Random random = new Random(SEED);
    List<byte[]> items = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      items.add(TestSpill.idName(random.nextLong(), random.nextInt(6) == 0 ? null : Tuples.randomText(random, 24)));
    }
    List<byte[]> tags = List.of(TestSpill.idName(1, ""), TestSpill.idName(2, null), TestSpill.idName(3, "z"));
    Manifest m = TestSpill.in(root).compression(compression).maxSegmentBytes(700)
        .table("item", TestSpill.ID_NAME, items).table("tag", TestSpill.ID_NAME, tags).write();
    return read(root, m);
  }

  private static Spill typed(Path root, Compression compression) throws Exception {
    return read(root, TestSpill.in(root).compression(compression).maxSegmentBytes(1200)
        .table(AllTypes.TABLE, AllTypes.columns(), AllTypes.tuples(16, SEED)).write());
  }

  private static Spill read(Path root, Manifest m) throws Exception {
    SpillDirectory dir = SpillDirectory.open(root);
    List<byte[]> stored = new ArrayList<>();
    List<byte[]> plainStreams = new ArrayList<>();
    for (SealedSegment s : m.segments()) {
      stored.add(Files.readAllBytes(dir.root().resolve(s.file())));
      try (InputStream in = SegmentFiles.openPlain(dir, s)) {
        plainStreams.add(in.readAllBytes());
      }
    }
    return new Spill(dir, m, stored, plainStreams, Files.readAllBytes(dir.manifestFile()));
  }

  @Test
  void mutatedSegmentsAreRefusedOrReadCorrectly() {
    runBatches("segment", ITERATIONS, (random, iteration) -> {
      Spill spill = List.of(plain, zstd, typedPlain, typedZstd).get(random.nextInt(4));
      int index = random.nextInt(spill.manifest().segments().size());
      Mutation mutation = Mutations.segment(random, spill.stored().get(index), spill.plainBytes().get(index),
          spill.manifest().segments().get(index).compression());
      checkSegment(spill, index, mutation, iteration);
    });
  }

  @Test
  void truncationAtEveryOffsetOfASmallSegmentIsRefused() throws Exception {
    for (Spill spill : List.of(plain, zstd)) {
      int last = spill.manifest().segments().size() - 1; // the "tag" table's single small segment
      byte[] original = spill.stored().get(last);
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int n = 0; n < original.length; n++) {
          checkSegment(spill, last, new Mutation("cut to " + n + " bytes", Arrays.copyOf(original, n)), n);
        }
      });
      restore(spill, last);
    }
  }

  @Test
  void mutatedManifestsAreRefusedOrNeverAcceptAChangedSegment() {
    runBatches("manifest", Math.max(1, ITERATIONS / 3), (random, iteration) -> {
      Spill spill = List.of(plain, zstd, typedZstd).get(random.nextInt(3));
      Mutation mutation = Mutations.manifest(random, spill.manifestJson());
      String what = "manifest iteration " + iteration + " (seed " + SEED + "): " + mutation.description();
      Files.write(spill.dir().manifestFile(), mutation.bytes());
      VerifyReport report;
      try {
        report = new SpillVerifier(spill.dir()).verify(VerifyListener.NONE);
      } catch (Throwable e) {
        throw new AssertionError(what + ": verify threw " + e, e);
      }
      if (report.clean()) {
        // Accepted: every segment entry it lists must describe the file exactly as written.
        Manifest accepted = report.manifest().orElseThrow();
        assertEquals(spill.manifest().segments(), accepted.segments(), what);
        assertEquals(spill.manifest().tables().stream().map(t -> t.counters().written()).toList(),
            accepted.tables().stream().map(t -> t.counters().written()).toList(), what);
      } else if (!Arrays.equals(mutation.bytes(), spill.manifestJson())) {
        report.problems().forEach(p -> assertTrue(p.file().startsWith(spill.dir().root()), what + ": " + p));
      }
      Files.write(spill.dir().manifestFile(), spill.manifestJson());
    });
  }

  // ---- the oracle ----

  /** Writes the mutation over segment {@code index}, checks every reader, restores the segment. */
  private void checkSegment(Spill spill, int index, Mutation mutation, int iteration) throws Exception {
    SealedSegment entry = spill.manifest().segments().get(index);
    Path file = spill.dir().root().resolve(entry.file());
    byte[] original = spill.stored().get(index);
    boolean unchanged = Arrays.equals(original, mutation.bytes());
    String what = entry.file() + " iteration " + iteration + " (seed " + SEED + "): " + mutation.description();
    write(file, original, mutation.bytes());
    try {
      // 1. Against the manifest: refused at this file, or unchanged and intact.
      SpillFormatException verified = outcome(what + " [verify]", () -> new SegmentVerifier(spill.dir(), spill.manifest()).verify(entry));
      if (unchanged) {
        assertEquals(null, verified, what);
      } else {
        assertTrue(verified != null, what + ": a changed segment was accepted as intact");
        assertEquals(file, verified.file(), what + ": " + verified.getMessage());
      }
      // 2. The loader's stream: the same verdict, and when accepted exactly the plain bytes.
      byte[][] streamed = new byte[1][];
      SpillFormatException loaded = outcome(what + " [openPlain]", () -> {
        try (InputStream in = SegmentFiles.openPlain(spill.dir(), entry)) {
          streamed[0] = in.readAllBytes();
        }
      });
      assertEquals(verified == null, loaded == null, what + ": verify and openPlain disagree: " + verified + " / " + loaded);
      if (loaded == null) {
        assertArrayEquals(spill.plainBytes().get(index), streamed[0], what);
      }
      // 3. A lone file, no manifest: refused, or a consistent decode (and for zstd, the original content).
      long[] rows = new long[2];
      SpillFormatException lone = outcome(what + " [lone]", () -> {
        try (SegmentReader r = SegmentReader.open(file)) {
          RawTuple t = new RawTuple();
          while (r.next(t)) {
            rows[0]++;
          }
          assertEquals(rows[0], r.rowCount());
        }
        rows[1] = SegmentReader.scan(file).rows();
      });
      if (lone == null) {
        assertEquals(rows[0], rows[1], what + ": next() and scan() disagree");
        if (entry.compression() == Compression.ZSTD && !mutation.reencoded()) {
          assertEquals(entry.rows(), rows[0], what + ": a lone zstd file is checked against its trailer's CRC");
        }
      }
      // 4. cat: values decoded by the codecs and formatted, lone and through the manifest.
      SpillFormatException catLone = outcome(what + " [cat lone]", () -> new RowDump(RowSelection.all(),
          TextRowSink.jsonLines(Writer.nullWriter(), CodecRegistry.standard())).file(file, Optional.empty()));
      if (lone != null) {
        assertTrue(catLone != null, what + ": cat decoded a file the reader refuses");
      }
      SpillFormatException catListed = outcome(what + " [cat]", () -> new RowDump(RowSelection.all(),
          TextRowSink.csv(Writer.nullWriter(), CodecRegistry.standard(), false)).directory(spill.dir(), spill.manifest(),
          entry.table()));
      assertEquals(verified == null, catListed == null, what + ": verify and cat disagree: " + verified + " / " + catListed);
    } finally {
      write(file, mutation.bytes(), original);
    }
  }

  /** Runs {@code action}; returns null if it completed, the SpillFormatException if it threw one, fails otherwise. */
  private static SpillFormatException outcome(String what, ThrowingRunnable action) {
    try {
      action.run();
      return null;
    } catch (SpillFormatException e) {
      return e;
    } catch (AssertionError e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError(what + ": expected a SpillFormatException or success, got " + e, e);
    }
  }

  // ---- plumbing ----

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  interface Case {
    void run(Random random, int iteration) throws Exception;
  }

  private static void runBatches(String name, int iterations, Case c) {
    for (int start = 0; start < iterations; start += BATCH) {
      int from = start;
      int to = Math.min(iterations, start + BATCH);
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int i = from; i < to; i++) {
          c.run(new Random(SEED * 31 + i), i);
        }
      }, () -> name + " iterations " + from + ".." + to + " (seed " + SEED + ") did not finish in 60 s: a hang");
    }
  }

  /** Replaces {@code file}'s content {@code from} with {@code to}, in place when the length stays. */
  private static void write(Path file, byte[] from, byte[] to) throws Exception {
    if (from.length == to.length) {
      for (int i = 0; i < to.length; i++) {
        if (from[i] != to[i]) {
          FileSurgery.put(file, i, Arrays.copyOfRange(to, i, to.length));
          return;
        }
      }
      return;
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(to);
    }
  }

  private static void restore(Spill spill, int index) throws Exception {
    Files.write(spill.dir().root().resolve(spill.manifest().segments().get(index).file()), spill.stored().get(index));
  }
}
