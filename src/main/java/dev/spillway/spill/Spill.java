package dev.spillway.spill;

import dev.spillway.input.InputFiles;
import dev.spillway.segment.SourceFingerprint;
import dev.spillway.input.RejectsWriter;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import dev.spillway.plan.SourceSpec;
import dev.spillway.segment.AtomicFiles;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SpillDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stage one: turns a plan's sources (CSV, TSV, PostgreSQL text, JSON lines; files or standard input)
 * into a sealed spill directory (spill-format.md).
 *
 * <p>Steps: load and validate the plan; match the source files and check their headers; check every
 * constant against its column's type ({@link PlanConstants}); connect to the database once if
 * there is one (all before anything is written, so a bad plan, input or URL leaves an existing
 * spill at {@code --out} untouched, even with {@code --force}); lock and prepare {@code --out}
 * ({@link OutputDirectory}; the lock is held until the run ends, so two runs never share a
 * directory; a complete spill it replaces sizes the id maps, see {@link KeyEstimates}); copy the plan to {@code plan.yaml}; publish the open manifest, tables in load order; open each table's id map and
 * segment writer; seed from the database if there is one; read the sources in plan order, files in
 * match order ({@link FileSpiller}), parking records whose refs are not decided yet; decide the
 * parked records ({@link Resolution}); write the rows created by refs that never got their real row;
 * seal the last segments; close rejects.csv and the id maps; publish the manifest as complete.
 *
 * <p>On failure (including {@link RejectLimitException} and {@link InputErrorException}) unsealed
 * segments are removed, the id maps closed, and the manifest republished with the counters so far
 * and state {@code open}: the directory cannot be loaded, but its rejects and counters can be read.
 * One run per instance. Records are parsed on a second thread ({@code input.ReadAheadSource}, unless
 * {@link SpillOptions#readAheadRecords()} is 0); everything else runs on the calling thread.
 */
public final class Spill {
  /** Initial estimate of an encoded natural key's size; maps resize to the observed average as they grow. */
  static final int AVERAGE_KEY_BYTES = 24;

  private final SpillOptions options;
  private final SpillServices services;

  public Spill(SpillOptions options, SpillServices services) {
    this.options = Objects.requireNonNull(options, "options");
    this.services = Objects.requireNonNull(services, "services");
  }

  /** Runs stage one; see the class comment. */
  public SpillResult run() {
    Plan plan = Plan.load(options.planFile());
    List<SourceFile> files = SourceFile.list(plan, plan.matchSourceFiles());
    requireDatabaseWhereNeeded(plan);
    boolean readsStdin = plan.sources().stream().anyMatch(SourceSpec::readsStdin);
    InputFiles inputs = new InputFiles(readsStdin ? services.stdin().get() : null);
    HeaderCheck.check(plan, files, inputs);
    TableCodecs codecs = TableCodecs.resolve(plan, CodecRegistry.standard());
    PlanConstants.check(plan, codecs);
    services.existingRows().ifPresent(ExistingRows::checkConnection);
    try (OutputDirectory out = new OutputDirectory(options.outDir(), options.force())) {
      SpillDirectory dir = out.prepare();
      out.previousProblem().ifPresent(services.warnings()::warn);
      return spill(plan, files, codecs, inputs, dir, out.previous());
    }
  }

  /** Everything after {@code --out} is prepared and locked. */
  private SpillResult spill(Plan plan, List<SourceFile> files, TableCodecs codecs, InputFiles inputs, SpillDirectory dir,
      Optional<Manifest> previous) {
    copyPlan(dir);
    ManifestKeeper keeper = new ManifestKeeper(new ManifestStore(dir), new PublishSchedule(services.clock()::millis),
        services.spillIds().get(),
        services.spillwayVersion(), services.clock().instant(), plan.schema(), plan.tablesInDependencyOrder(),
        files.stream().map(SourceFile::displayName).toList(),
        files.stream().map(f -> InputFiles.isStdin(f.file()) ? null : SourceFingerprint.of(f.file())).toList());
    Tables tables = null;
    Rejects rejects = null;
    ParkedRecords parked = new ParkedRecords(dir.idmapDir().resolve(ParkedRecords.DIR));
    try (SpillProgress progress = services.progress()) {
      tables = Tables.open(plan, dir, keeper, codecs, settings(plan, files, previous));
      rejects = new Rejects(RejectsWriter.create(dir.rejectsFile()), options.maxRejects());
      if (services.existingRows().isPresent()) {
        new Seeder(services.existingRows().get(), plan.schema()).seed(tables);
      }
      progress.start(files.stream().mapToLong(SourceFile::sizeBytes).sum());
      FileSpiller spiller = new FileSpiller(plan, tables, rejects, new ProgressTracker(progress), services.warnings(),
          parked, inputs, options.readAheadRecords());
      List<RecordProcessor> processors = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        SourceFile f = files.get(i);
        processors.add(spiller.spill(f.source(), i, f.file(), f.displayName(), keeper.sourceCounters(i)));
      }
      new Resolution(parked, processors, tables, progress).run();
      tables.finish();
      tables = null;
      rejects.close();
      Manifest manifest = keeper.complete(services.clock().instant());
      return new SpillResult(dir, manifest, rejects.count());
    } catch (RuntimeException e) {
      try {
        parked.deleteAll();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      cleanUp(e, tables, rejects, keeper);
      throw e;
    }
  }

  private static void cleanUp(RuntimeException failure, Tables tables, Rejects rejects, ManifestKeeper keeper) {
    if (tables != null) {
      tables.abort(failure);
    }
    try {
      if (rejects != null) {
        rejects.close();
      }
      keeper.publishOpen();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private void requireDatabaseWhereNeeded(Plan plan) {
    Set<String> databaseOnly = plan.tablesFilledOnlyByDatabase();
    if (!databaseOnly.isEmpty() && services.existingRows().isEmpty()) {
      throw new PlanException(plan.planFile().toString(), List.of("tables " + databaseOnly + " get rows from no "
          + "source and no missing: create ref, so their ids can only come from the target database: give --url"));
    }
  }

  private void copyPlan(SpillDirectory dir) {
    try {
      AtomicFiles.write(dir.planFile(), Files.readAllBytes(options.planFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the plan " + options.planFile() + " to " + dir.planFile(), e);
    }
  }

  private Tables.Settings settings(Plan plan, List<SourceFile> files, Optional<Manifest> previous) {
    KeyEstimates keys = options.idMapExpectedEntries() == SpillOptions.ESTIMATE_FROM_INPUT
        ? KeyEstimates.fromInput(plan, files) : KeyEstimates.fixed(options.idMapExpectedEntries());
    long inputBytes = files.stream().mapToLong(SourceFile::sizeBytes).sum();
    previous.ifPresent(m -> keys.measuredBy(plan, m, inputBytes));
    return new Tables.Settings(options.maxSegmentBytes(), services.segmentWriters(), keys, AVERAGE_KEY_BYTES,
        services.existingRows().isPresent(), options.idMapHeapBytes());
  }

}
