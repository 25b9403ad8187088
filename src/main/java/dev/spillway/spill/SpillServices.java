package dev.spillway.spill;

import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stage one depends on besides its options, passed in (no globals): the clock for the
 * manifest's instants, the source of spill ids, the version written into the manifest, where
 * progress goes, the existing database rows (incremental loads), how segment writers are made and
 * where warnings go.
 * Immutable.
 *
 * @param clock           stamps {@code createdAt} and {@code completedAt}
 * @param spillIds        makes the spill id (a random UUID by default)
 * @param spillwayVersion written into the manifest
 * @param progress        hears reading progress
 * @param existingRows    the target database's rows, for an incremental spill ({@code --incremental})
 * @param segmentWriters  makes each table's segment writer (compression hook)
 * @param warnings        hears warnings (an empty input file, ...)
 * @param stdin           standard input, read by a source with {@code file: "-"}
 * @param tablesComplete  hears each table that can receive no more rows before stage one ends
 *                        ({@link TableCompletion}; a pipelined run builds its keys then)
 */
public record SpillServices(Clock clock, Supplier<String> spillIds, String spillwayVersion, SpillProgress progress,
    Optional<ExistingRows> existingRows, SegmentWriterFactory segmentWriters, SpillWarnings warnings,
    Supplier<InputStream> stdin, TableCompleteListener tablesComplete) {
  public SpillServices {
    Objects.requireNonNull(tablesComplete, "tablesComplete");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(spillIds, "spillIds");
    Objects.requireNonNull(spillwayVersion, "spillwayVersion");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(existingRows, "existingRows");
    Objects.requireNonNull(segmentWriters, "segmentWriters");
    Objects.requireNonNull(warnings, "warnings");
    Objects.requireNonNull(stdin, "stdin");
  }

  /** Services whose {@link #tablesComplete} hears nothing. */
  public SpillServices(Clock clock, Supplier<String> spillIds, String spillwayVersion, SpillProgress progress,
      Optional<ExistingRows> existingRows, SegmentWriterFactory segmentWriters, SpillWarnings warnings,
      Supplier<InputStream> stdin) {
    this(clock, spillIds, spillwayVersion, progress, existingRows, segmentWriters, warnings, stdin,
        TableCompleteListener.NONE);
  }

  private static final Logger LOG = LoggerFactory.getLogger(SpillServices.class);

  /**
   * UTC clock, random UUIDs, no progress, no database, uncompressed segments, warnings logged at
   * warn (the CLI prints them through {@link #withWarnings}), the process's stdin.
   */
  public static SpillServices defaults(String spillwayVersion) {
    return new SpillServices(Clock.systemUTC(), () -> UUID.randomUUID().toString(), spillwayVersion,
        SpillProgress.NONE, Optional.empty(), SegmentWriterFactory.UNCOMPRESSED,
        message -> LOG.warn("{}", message), () -> System.in);
  }

  public SpillServices withProgress(SpillProgress newProgress) {
    return new SpillServices(clock, spillIds, spillwayVersion, newProgress, existingRows, segmentWriters, warnings, stdin, tablesComplete);
  }

  public SpillServices withExistingRows(ExistingRows rows) {
    return new SpillServices(clock, spillIds, spillwayVersion, progress, Optional.of(rows), segmentWriters, warnings, stdin, tablesComplete);
  }

  public SpillServices withWarnings(SpillWarnings newWarnings) {
    return new SpillServices(clock, spillIds, spillwayVersion, progress, existingRows, segmentWriters, newWarnings, stdin, tablesComplete);
  }

  public SpillServices withStdin(InputStream newStdin) {
    Objects.requireNonNull(newStdin, "newStdin");
    return new SpillServices(clock, spillIds, spillwayVersion, progress, existingRows, segmentWriters, warnings, () -> newStdin, tablesComplete);
  }

  public SpillServices withSegmentWriters(SegmentWriterFactory factory) {
    return new SpillServices(clock, spillIds, spillwayVersion, progress, existingRows, factory, warnings, stdin, tablesComplete);
  }

  /** {@code listener} hears each table complete before stage one ends. */
  public SpillServices withTablesComplete(TableCompleteListener listener) {
    return new SpillServices(clock, spillIds, spillwayVersion, progress, existingRows, segmentWriters, warnings, stdin,
        listener);
  }

  /** Stage one writes spill id {@code id} (a resumable run's, derived from what it spills). */
  public SpillServices withSpillId(String id) {
    Objects.requireNonNull(id, "id");
    return new SpillServices(clock, () -> id, spillwayVersion, progress, existingRows, segmentWriters, warnings, stdin, tablesComplete);
  }
}
