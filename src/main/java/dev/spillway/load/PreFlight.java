package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentVerifier;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillIoException;
import dev.spillway.segment.SpillProblem;
import dev.spillway.segment.SpillVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verification of a spill directory before the database is touched (issue 4: "refuses a
 * spill directory that fails verification, before touching the database"):
 * <ol>
 *   <li>every segment this load has left to load ({@link SegmentVerifier#verifyFraming}: size,
 *       trailer, header, structure, row count, CRC32C; spill-format.md rules V1-V8), on
 *       {@code threads} threads at once; segments an earlier run committed ({@link PriorProgress})
 *       are not read, so a resume costs what is left. Values are not decoded here (rule V9 is
 *       {@code spillway verify}'s): each is checked by the server's receive function during its
 *       segment's COPY, and one it refuses fails that segment's transaction, so nothing of the
 *       segment is loaded ({@link SegmentLoadException} names the segment and table). Decoding
 *       every value up front cost as much CPU as the COPY itself (issue 11);
 *   <li>nothing else in {@code segments/} (as {@code spillway verify}: no torn {@code *.tmp}, no
 *       sealed segment the manifest does not list, no symbolic link, directory or stray file) and no
 *       torn {@code manifest.json.tmp}.
 * </ol>
 * Every problem is collected; any problem is one {@link SpillVerificationException} (exit code 4)
 * listing them all. The COPY still re-checks each segment's CRC32C while streaming it
 * ({@link SegmentCopy}), so a file changed after this check is caught too.
 */
final class PreFlight {
  private PreFlight() {}

  /**
   * @param plan     the checked plan ({@link SpillCheck#plan})
   * @param segments the segments to verify, of {@code plan}'s manifest
   * @param threads  how many segments to verify at once (at least 1)
   * @param progress hears each verified segment, from the calling thread only
   * @throws SpillVerificationException listing every problem found
   */
  static void verify(LoadPlan plan, List<SealedSegment> segments, int threads, LoadProgress progress) {
    checkArgument(threads >= 1, "threads < 1: %s", threads);
    List<SpillProblem> problems = new ArrayList<>();
    SegmentVerifier verifier = new SegmentVerifier(plan.dir(), plan.manifest());
    long bytesTotal = segments.stream().mapToLong(SealedSegment::bytes).sum();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "spillway-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SpillProblem>> results = new ArrayList<>();
      for (SealedSegment segment : segments) {
        results.add(pool.submit(() -> check(verifier, segment)));
      }
      long bytesDone = 0;
      for (int i = 0; i < segments.size(); i++) {
        SpillProblem problem = join(results.get(i), plan.dir().root().toString());
        if (problem != null) {
          problems.add(problem);
        }
        bytesDone += segments.get(i).bytes();
        progress.verified(i + 1, segments.size(), bytesDone, bytesTotal);
      }
    } finally {
      pool.shutdownNow();
    }
    problems.addAll(new SpillVerifier(plan.dir()).directoryProblems(plan.manifest()));
    if (!problems.isEmpty()) {
      throw new SpillVerificationException(plan.dir().root(), problems);
    }
  }

  /** The segment's problem, or null when it verifies. */
  static SpillProblem check(SegmentVerifier verifier, SealedSegment segment) {
    try {
      verifier.verifyFraming(segment);
      return null;
    } catch (SpillFormatException e) {
      return new SpillProblem(e.file(), e.byteOffset(), e.problem());
    } catch (SpillIoException e) {
      return new SpillProblem(e.file(), -1, "cannot be read: " + e.getCause());
    }
  }

  private static SpillProblem join(Future<SpillProblem> result, String dirName) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadInterruptedException(dirName, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("verifying a segment failed", e.getCause());
    }
  }
}
