package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentVerifier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Full verification of segments ({@link SegmentVerifier}: size, header, structure, row count,
 * CRC32C) run ahead of the jobs on one background thread, so that verifying the next segment
 * overlaps streaming the current one (and leaves it in the page cache for the COPY). A job calls
 * {@link #await} before it opens the segment's transaction: it gets the result of the verification
 * started ahead, or verifies right there when none was. Either way a segment is fully verified
 * before any of its bytes are sent, and {@link SegmentCopy} checks its CRC32C again while sending,
 * so a file that changes after its verification is still caught.
 *
 * <p>Thread-safe: {@link #prefetch} is called by the dispatching thread for segments not yet handed
 * out, {@link #await} by the job that was handed the segment, after it was handed out.
 */
final class VerifyAhead implements AutoCloseable {
  private final SegmentVerifier verifier;
  /** One daemon thread; verification is I/O and CRC bound. */
  private final ExecutorService pool;
  /** Verifications started ahead and not yet awaited. */
  private final ConcurrentHashMap<SealedSegment, CompletableFuture<Void>> started = new ConcurrentHashMap<>();
  /**
   * At most this many verifications started ahead and not yet awaited: twice the jobs, since a
   * segment handed out but not yet awaited still counts while the next ones are started.
   */
  private final int maxAhead;
  /** Verifications a job had to run itself because none was started ahead (for tests and tuning). */
  private final java.util.concurrent.atomic.AtomicInteger inline = new java.util.concurrent.atomic.AtomicInteger();

  /** @param jobs how many segments load at once; that many are verified ahead */
  VerifyAhead(SegmentVerifier verifier, int jobs) {
    checkArgument(jobs >= 1, "jobs < 1: %s", jobs);
    this.verifier = verifier;
    this.maxAhead = 2 * jobs;
    this.pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "spillway-verify");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts verifying {@code segment} in the background unless it is or too many are under way. */
  void prefetch(SealedSegment segment) {
    if (started.size() >= maxAhead || started.containsKey(segment)) {
      return;
    }
    started.put(segment, CompletableFuture.runAsync(() -> verifier.verify(segment), pool));
  }

  /** Drops verifications started for segments that will not be loaded after all (loaded by an earlier run). */
  void keepOnly(java.util.Collection<SealedSegment> toLoad) {
    java.util.Set<SealedSegment> keep = new java.util.HashSet<>(toLoad);
    started.keySet().removeIf(s -> !keep.contains(s));
  }

  /**
   * Returns once {@code segment} is verified.
   *
   * @throws dev.spillway.segment.SpillFormatException what verification found
   */
  void await(SealedSegment segment) {
    CompletableFuture<Void> ahead = started.remove(segment);
    if (ahead == null) {
      inline.incrementAndGet();
      verifier.verify(segment);
      return;
    }
    try {
      ahead.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  int inlineVerifications() {
    return inline.get();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
