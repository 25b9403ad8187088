package dev.spillway.spill;

import dev.spillway.input.InputFiles;
import dev.spillway.input.RejectsWriter;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import dev.spillway.plan.SourceSpec;
import dev.spillway.segment.AtomicFiles;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SourceFingerprint;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One stage-one run from start to its end, whoever feeds it: {@link Spill} reads every source
 * file and finishes; {@link CodeSpiller} also takes records from code between {@link #start} and
 * {@link #finish}. Holds what lives that long: the locked output directory, the manifest keeper,
 * the tables, rejects, parked records, progress and each input's {@link RecordProcessor}.
 *
 * <p>Inputs, in manifest order (their index is their {@code sources[]} entry and the file index of
 * their parked records): every matched file of the file sources, sources in plan order; then every
 * source fed from code, in plan order, named by its {@code name:}, without fingerprint.
 *
 * <p>After each file, the tables that can receive no more rows ({@link TableCompletion}) get their
 * last segment sealed and are reported to {@link SpillServices#tablesComplete()}.
 * {@link #finish} decides the parked records, seals every other segment and publishes the manifest
 * complete; {@link #abort} removes unsealed segments and publishes it {@code open} with the counters
 * so far (unloadable). Either releases the directory's lock. Single-threaded.
 */
final class SpillSession {
  private final Plan plan;
  private final OutputDirectory out;
  private final SpillDirectory dir;
  private final ManifestKeeper keeper;
  private final ParkedRecords parked;
  private final SpillProgress progress;
  private final SpillServices services;
  private final List<SourceFile> files;
  private final List<RecordProcessor> processors = new ArrayList<>();
  private final EmitCompiler compiler;
  /** Set once opened; null after {@link #finish} handed them over. */
  private Tables tables;
  private Rejects rejects;
  /** True once finished or aborted. */
  private boolean ended;

  private SpillSession(Plan plan, OutputDirectory out, SpillDirectory dir, ManifestKeeper keeper, ParkedRecords parked, SpillProgress progress,
      SpillServices services, List<SourceFile> files, Tables tables, Rejects rejects) {
    this.plan = plan;
    this.out = out;
    this.dir = dir;
    this.keeper = keeper;
    this.parked = parked;
    this.progress = progress;
    this.services = services;
    this.files = files;
    this.tables = tables;
    this.rejects = rejects;
    this.compiler = new EmitCompiler(plan, tables);
  }

  /**
   * Checks everything that can be checked before a byte is written (the output directory before
   * any input is opened, source files and headers, constants, the database when there is one), prepares and locks the output directory, writes
   * {@code planText} as its {@code plan.yaml}, publishes the open manifest, opens the tables, seeds
   * them from the database if there is one, and reads every source file. On failure nothing is left
   * locked and the exception is thrown (after {@link #abort} once the directory was prepared).
   */
  static SpillSession start(Plan plan, byte[] planText, SpillOptions options, SpillServices services) {
    List<SourceFile> files = SourceFile.list(plan, plan.matchSourceFiles());
    requireDatabaseWhereNeeded(plan, services);
    OutputDirectory out = new OutputDirectory(options.outDir(), options.force());
    out.check(); // before any input is opened: standard input may not end for a long time
    boolean readsStdin = plan.sources().stream().anyMatch(SourceSpec::readsStdin);
    InputFiles inputs = new InputFiles(readsStdin ? services.stdin().get() : null);
    HeaderCheck.check(plan, files, inputs);
    TableCodecs codecs = TableCodecs.resolve(plan, CodecRegistry.readingIn(plan.timeZone()));
    PlanConstants.check(plan, codecs);
    services.existingRows().ifPresent(ExistingRows::checkConnection);
    SpillSession session;
    try {
      session = open(plan, planText, options, services, files, codecs, out);
    } catch (RuntimeException e) {
      try {
        out.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    try {
      session.readFiles(inputs, options.readAheadRecords());
    } catch (RuntimeException e) {
      session.abort(e);
      throw e;
    }
    return session;
  }

  private static SpillSession open(Plan plan, byte[] planText, SpillOptions options, SpillServices services,
      List<SourceFile> files, TableCodecs codecs, OutputDirectory out) {
    SpillDirectory dir = out.prepare();
    out.previousProblem().ifPresent(services.warnings()::warn);
    AtomicFiles.write(dir.planFile(), planText);
    List<String> names = new ArrayList<>();
    List<SourceFingerprint> fingerprints = new ArrayList<>();
    for (SourceFile f : files) {
      names.add(f.displayName());
      fingerprints.add(InputFiles.isStdin(f.file()) ? null : SourceFingerprint.of(f.file()));
    }
    for (SourceSpec s : codeSources(plan)) {
      names.add(s.name());
      fingerprints.add(null);
    }
    ManifestKeeper keeper = new ManifestKeeper(new ManifestStore(dir), new PublishSchedule(services.clock()::millis),
        services.spillIds().get(), services.spillwayVersion(), services.clock().instant(), plan.schema(),
        plan.tablesInDependencyOrder(), names, fingerprints);
    ParkedRecords parked = new ParkedRecords(dir.idmapDir().resolve(ParkedRecords.DIR));
    SpillProgress progress = services.progress();
    Tables tables = null;
    Rejects rejects = null;
    try {
      tables = Tables.open(plan, dir, keeper, codecs, settings(plan, files, options, services, out.previous()));
      rejects = new Rejects(RejectsWriter.create(dir.rejectsFile()), options.maxRejects());
      if (services.existingRows().isPresent()) {
        new Seeder(services.existingRows().get(), plan.schema()).seed(tables);
      }
      progress.start(files.stream().mapToLong(SourceFile::sizeBytes).sum());
    } catch (RuntimeException e) {
      cleanUp(e, parked, tables, rejects, keeper, progress);
      throw e;
    }
    return new SpillSession(plan, out, dir, keeper, parked, progress, services, files, tables, rejects);
  }

  /** The plan's sources fed from code, in plan order. */
  static List<SourceSpec> codeSources(Plan plan) {
    return plan.sources().stream().filter(SourceSpec::fedFromCode).toList();
  }

  private void readFiles(InputFiles inputs, int readAheadRecords) {
    FileSpiller spiller = new FileSpiller(plan, tables, rejects, new ProgressTracker(progress), services.warnings(),
        parked, inputs, readAheadRecords);
    TableCompletion completion = TableCompletion.of(plan, files.stream().map(SourceFile::source).toList());
    for (int i = 0; i < files.size(); i++) {
      SourceFile f = files.get(i);
      processors.add(spiller.spill(f.source(), i, f.file(), f.displayName(), keeper.sourceCounters(i)));
      for (String table : completion.completeAfter(i, parked::parkedFrom)) {
        tables.get(table).writer().close(); // seals its last segment: the manifest and the seal listeners hear it
        services.tablesComplete().complete(table);
      }
    }
  }

  /**
   * The processor of source {@code codeSource} (fed from code), bound to {@code header} (see
   * {@code input.CodeFields}); call once per such source, in plan order, after {@link #start}.
   */
  RecordProcessor codeProcessor(SourceSpec codeSource, List<String> header) {
    int index = processors.size();
    RecordProcessor processor = new RecordProcessor(codeSource.name(), index, keeper.sourceCounters(index), rejects,
        codeSource.emits().stream().map(e -> tables.get(e.table())).toList(), tables.resolveState(), parked);
    processor.bind(compiler.compile(plan.bind(codeSource, Path.of(codeSource.name()), header, header.size())));
    processors.add(processor);
    return processor;
  }

  /** Decides the parked records, seals every segment, publishes the manifest complete and unlocks the directory. */
  SpillResult finish() {
    checkNotEnded();
    try {
      new Resolution(parked, processors, tables, progress).run();
      tables.finish();
      tables = null;
      rejects.close();
      Manifest manifest = keeper.complete(services.clock().instant());
      ended = true;
      progress.close();
      out.close();
      return new SpillResult(dir, manifest, rejects.count());
    } catch (RuntimeException e) {
      if (!ended) {
        abort(e);
      }
      throw e;
    }
  }

  /**
   * Ends the run as failed by {@code failure} (which gets any failure of the clean-up as
   * suppressed): unsealed segments removed, manifest published {@code open}, directory unlocked.
   */
  void abort(RuntimeException failure) {
    if (ended) {
      return;
    }
    ended = true;
    cleanUp(failure, parked, tables, rejects, keeper, progress);
    try {
      out.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  boolean ended() {
    return ended;
  }

  private void checkNotEnded() {
    if (ended) {
      throw new IllegalStateException("the spill into " + dir.root() + " has ended");
    }
  }

  private static void cleanUp(RuntimeException failure, ParkedRecords parked, Tables tables, Rejects rejects,
      ManifestKeeper keeper, SpillProgress progress) {
    try {
      parked.deleteAll();
    } catch (RuntimeException suppressed) {
      failure.addSuppressed(suppressed);
    }
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
    try {
      progress.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void requireDatabaseWhereNeeded(Plan plan, SpillServices services) {
    Set<String> databaseOnly = plan.tablesFilledOnlyByDatabase();
    if (!databaseOnly.isEmpty() && services.existingRows().isEmpty()) {
      throw new PlanException(plan.planFile().toString(), List.of("tables " + databaseOnly + " get rows from no "
          + "source and no missing: create ref, so their ids can only come from the target database: give --url"));
    }
  }

  private static Tables.Settings settings(Plan plan, List<SourceFile> files, SpillOptions options, SpillServices services,
      Optional<Manifest> previous) {
    KeyEstimates keys = options.idMapExpectedEntries() == SpillOptions.ESTIMATE_FROM_INPUT
        ? KeyEstimates.fromInput(plan, files) : KeyEstimates.fixed(options.idMapExpectedEntries());
    long inputBytes = files.stream().mapToLong(SourceFile::sizeBytes).sum();
    previous.ifPresent(m -> keys.measuredBy(plan, m, inputBytes));
    return new Tables.Settings(options.maxSegmentBytes(), services.segmentWriters(), keys, Spill.AVERAGE_KEY_BYTES,
        services.existingRows().isPresent(), options.idMapHeapBytes());
  }
}
