package dev.spillway.api;

import dev.spillway.load.LoadProgress;
import dev.spillway.spill.CodeSpiller;
import dev.spillway.spill.SpillServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes records from code into a spill that loads while it is written: stage one and stage two
 * at once, as {@code spillway run} does for files. Made by {@link Spillway#run}. Each
 * {@link #record} is processed exactly as by a {@link SpillWriter} (same fields, values, refs,
 * rejects); each segment the spill seals is loaded on background threads (the load's
 * {@link LoadSettings#jobs} connections), in its own transaction with its progress row, unless its
 * table is an existing one whose foreign keys are checked while it loads (those load at the end,
 * parents first). {@link #finish} seals the spill, lets the load finish what is left (keys,
 * foreign keys, indexes and ANALYZE come last) and returns both results.
 *
 * <p><b>Backpressure.</b> When more than {@link RunSettings#maxAheadBytes} of sealed segments are
 * not loaded yet, the {@code record} call that sealed a segment waits until the load has caught up:
 * the program never runs further ahead of the database than that, and memory stays flat (the id
 * maps are off-heap files). The work directory keeps every segment, loaded or not (it stays a
 * complete spill that a failed load resumes from): its size is the spill's, not this bound.
 *
 * <p><b>Failures.</b> A failure of the background load (a constraint, a lost connection, another
 * spill's rows in the tables) is thrown, as it was raised with its cause, from the next
 * {@link #record} or {@link #finish}; the run has then ended: the spill is left open and the
 * segments loaded before stay loaded (see {@link RunSettings} for what a rerun does). A failure of
 * the spill (a reject past {@link SpillSettings#maxRejects}, ...) ends it the same way. When the
 * final load fails inside {@link #finish}, the spill in the work directory is complete:
 * {@link Spillway#load} of it resumes. A record built wrongly (unknown source, unsupported class)
 * is an IllegalArgumentException that changes nothing, as with {@link SpillWriter}.
 *
 * <p><b>Ending.</b> {@link #close} without {@link #finish} (an exception inside
 * try-with-resources) leaves the spill open and unloadable, stops the load (segments being loaded
 * commit or roll back; nothing else starts) and releases its connections.
 *
 * <p><b>Not thread-safe:</b> one thread writes; the order of calls is the order of records.
 */
public final class RunWriter implements AutoCloseable {
  private final PipelinedRun.Started run;
  private final CodeSpiller spiller;
  private final LoadProgress progress;
  /** warnings heard while spilling, for the result. */
  private final List<String> warnings;
  private final Path workDir;
  /** True once finished, failed or closed. */
  private boolean ended;
  /** What ended the run, if it failed. */
  private RuntimeException failure;

  private RunWriter(PipelinedRun.Started run, CodeSpiller spiller, LoadProgress progress, List<String> warnings,
      Path workDir) {
    this.run = run;
    this.spiller = spiller;
    this.progress = progress;
    this.warnings = warnings;
    this.workDir = workDir;
  }

  /** Starts stage one with {@code run}'s services ({@code spill}); stops {@code run}'s load when that fails. */
  static RunWriter start(PipelinedRun.Started run, Function<SpillServices, CodeSpiller> spill, LoadProgress progress,
      List<String> warnings, Path workDir) {
    CodeSpiller spiller;
    try {
      spiller = spill.apply(run.services());
    } catch (RuntimeException | Error e) {
      run.abort(e, progress);
      progress.close();
      throw e;
    }
    return new RunWriter(run, spiller, progress, warnings, workDir);
  }

  /** One record of {@code source}, its fields by name; may wait for the load (see the class comment). */
  public void record(String source, Map<String, ?> fields) {
    guarded(() -> spiller.record(source, fields));
  }

  /** One record of {@code source}, its fields by position ({@code $1} is element 0); may wait for the load. */
  public void record(String source, List<?> fields) {
    guarded(() -> spiller.record(source, fields));
  }

  /** Records handed to {@code source} so far. */
  public long recordCount(String source) {
    return spiller.recordCount(source);
  }

  private void guarded(Runnable step) {
    checkNotEnded();
    try {
      run.checkLoad();
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      if (spiller.ended()) { // the spill failed (or the load, at a seal); a badly built record changes nothing
        fail(e);
      }
      throw e;
    }
  }

  /**
   * Seals the spill, waits for the load to finish and returns what both did; the writer takes no
   * more records.
   *
   * @throws IllegalStateException when the run has ended already (finished, closed or failed)
   * @throws RuntimeException      the load's or the spill's failure
   */
  public RunResult finish() {
    checkNotEnded();
    dev.spillway.spill.SpillResult spilled;
    try {
      run.checkLoad();
      spilled = spiller.finish();
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    ended = true;
    PipelinedRun.Result result = run.finish(spilled, progress, s -> {});
    return new RunResult(Results.of(result.spilled(), warnings), Results.of(result.loaded()),
        result.loadedWhileSpilling().segments());
  }

  /**
   * Ends the writer. After {@link #finish}, or a failure, it does nothing; otherwise the spill stays
   * open and unloadable and the load stops (see the class comment). Throws only when cleaning up failed.
   */
  @Override
  public void close() {
    if (ended) {
      return;
    }
    IllegalStateException abandoned = new IllegalStateException(
        "run into " + workDir + " closed without finish(): the spill is left open, unloadable; the load stopped");
    fail(abandoned);
    if (abandoned.getSuppressed().length > 0) {
      throw abandoned;
    }
  }

  /** Ends the run as failed by {@code e}: the spill left open, the load stopped. */
  private void fail(RuntimeException e) {
    ended = true;
    failure = e;
    spiller.abort(e);
    run.abort(e, progress);
    progress.close();
  }

  private void checkNotEnded() {
    if (ended) {
      throw new IllegalStateException("the run into " + workDir + " has ended; records can no longer be added", failure);
    }
  }

  @Override
  public String toString() {
    return "RunWriter[" + workDir + ", " + (ended ? "ended" : "open") + "]";
  }
}
